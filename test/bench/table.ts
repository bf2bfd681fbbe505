/** One line of the benchmark table: what was measured, for whom, and the number. */
export interface BenchRow {
  /** The group the row belongs to ("import", "extraction", "analysis", "compare", "project"). */
  group: string
  /** Who was measured: "parallax" or the peer ("readability+jsdom", "wink readDoc"). */
  subject: string
  metric: string
  value: number
  unit: string
  note?: string
}

/** Median of a list of numbers (the benchmark's statistic: robust to a noisy machine). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Prints rows as an aligned table. */
export function printTable(rows: BenchRow[]): void {
  const cells = rows.map((r) => [
    r.group,
    r.subject,
    r.metric,
    Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(r.value < 10 ? 3 : 1),
    r.unit,
    r.note ?? '',
  ])
  const head = ['group', 'subject', 'metric', 'value', 'unit', 'note']
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) =>
    c.map((x, i) => (i === 3 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ')
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const c of cells) console.log(line(c))
}
