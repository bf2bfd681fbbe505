import type { Figure } from '../../../shared/analysis'

/** The columns of the figures table and of its CSV, in order. */
export const FIGURE_COLUMNS = [
  { key: 'text', label: 'Figure', get: (f: Figure) => f.text },
  { key: 'value', label: 'Value', get: (f: Figure) => f.value },
  { key: 'low', label: 'Low', get: (f: Figure) => f.low },
  { key: 'high', label: 'High', get: (f: Figure) => f.high },
  { key: 'qualifier', label: 'Qualifier', get: (f: Figure) => f.qualifier },
  { key: 'kind', label: 'Kind', get: (f: Figure) => f.kind },
  { key: 'unit', label: 'Unit', get: (f: Figure) => f.unit },
  { key: 'measure', label: 'Measure', get: (f: Figure) => f.measure?.normalized ?? null },
  { key: 'subject', label: 'Subject', get: (f: Figure) => f.subject?.text ?? null },
  { key: 'timeScope', label: 'Time scope', get: (f: Figure) => f.timeScope?.text ?? null },
  { key: 'location', label: 'Place', get: (f: Figure) => f.location?.text ?? null },
  { key: 'source', label: 'Source', get: (f: Figure) => f.source?.text ?? null },
  { key: 'segmentRole', label: 'Part', get: (f: Figure) => f.segmentRole },
  { key: 'confidence', label: 'Confidence', get: (f: Figure) => f.confidence },
  { key: 'start', label: 'Offset', get: (f: Figure) => f.start },
] as const satisfies readonly {
  key: string
  label: string
  get: (f: Figure) => string | number | null
}[]

export type FigureColumnKey = (typeof FIGURE_COLUMNS)[number]['key']

/**
 * One CSV cell (RFC 4180). Text starting with = + - @ is prefixed with an apostrophe: a document
 * is untrusted input and a spreadsheet would otherwise run it as a formula.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The figures as CSV with a header row, CRLF line ends (what spreadsheets expect). */
export function figuresToCsv(figures: readonly Figure[]): string {
  const header = FIGURE_COLUMNS.map((c) => csvCell(c.label)).join(',')
  const rows = figures.map((f) => FIGURE_COLUMNS.map((c) => csvCell(c.get(f))).join(','))
  return [header, ...rows].join('\r\n') + '\r\n'
}

/**
 * Compares two figures by a column: numbers numerically, text by locale. Empty cells go last in
 * either direction, so a descending sort still starts with real values.
 */
export function compareFigures(
  a: Figure,
  b: Figure,
  key: FigureColumnKey,
  direction: 1 | -1 = 1,
): number {
  const col = FIGURE_COLUMNS.find((c) => c.key === key)
  if (!col) return 0
  const x = col.get(a)
  const y = col.get(b)
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1
  if (typeof x === 'number' && typeof y === 'number') return direction * (x - y)
  return (
    direction *
    String(x).localeCompare(String(y), undefined, { numeric: true, sensitivity: 'base' })
  )
}
