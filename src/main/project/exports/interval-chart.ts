import type { QuantityGroup } from '../../../shared/compare'
import { escapeHtml } from './escape'
import { formatInterval, formatNumber } from './report-input'

const ROW = 26
const LABEL_WIDTH = 220
const PLOT_WIDTH = 420
const PAD = 12

/**
 * An inline SVG chart of a figure group: one row per figure, a bar over the interval its
 * qualifier implies, an arrow where the interval is unbounded, a dot for an exact value. Pure
 * markup (no script), every label escaped. `docLabels[i]` names compared document `i`.
 */
export function intervalChartSvg(group: QuantityGroup, docLabels: readonly string[]): string {
  const rows = group.intervals
  const finite = rows.flatMap((r) => [r.low, r.high]).filter((x): x is number => x !== null)
  let min = Math.min(0, ...finite)
  let max = finite.length > 0 ? Math.max(...finite) : 1
  // Leave room after the largest bound so an unbounded bar visibly runs on.
  if (rows.some((r) => r.high === null)) max = max * 1.25 || 1
  if (max <= min) max = min + 1
  if (rows.some((r) => r.low === null)) min = min - (max - min) * 0.1
  const x = (v: number) => LABEL_WIDTH + PAD + ((v - min) / (max - min)) * PLOT_WIDTH
  const height = rows.length * ROW + 34
  const width = LABEL_WIDTH + PLOT_WIDTH + 2 * PAD
  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`Intervals: ${group.label}`)}">`,
  )
  rows.forEach((r, i) => {
    const y = 8 + i * ROW
    const mid = y + ROW / 2
    const label = `${docLabels[r.doc] ?? `Document ${r.doc + 1}`}: ${r.text}`
    const shortLabel = label.length > 34 ? `${label.slice(0, 33)}…` : label
    parts.push(
      `<text x="${LABEL_WIDTH}" y="${mid + 4}" text-anchor="end" class="lbl"><title>${escapeHtml(label)}</title>${escapeHtml(shortLabel)}</text>`,
    )
    const lo = r.low ?? min
    const hi = r.high ?? max
    const title = `<title>${escapeHtml(`${formatInterval(r)} — ${r.qualifier}; ${r.scope}${r.claimant ? `; ${r.claimant}` : ''}`)}</title>`
    if (r.low !== null && r.high !== null && r.low === r.high) {
      parts.push(`<circle cx="${x(lo).toFixed(1)}" cy="${mid}" r="5" class="pt">${title}</circle>`)
    } else {
      const x1 = x(lo)
      const x2 = Math.max(x(hi), x1 + 2)
      parts.push(
        `<rect x="${x1.toFixed(1)}" y="${mid - 5}" width="${(x2 - x1).toFixed(1)}" height="10" rx="2" class="bar">${title}</rect>`,
      )
      if (r.high === null) {
        parts.push(
          `<path d="M${x2.toFixed(1)} ${mid - 8} L${(x2 + 9).toFixed(1)} ${mid} L${x2.toFixed(1)} ${mid + 8} Z" class="bar"/>`,
        )
      }
      if (r.low === null) {
        parts.push(
          `<path d="M${x1.toFixed(1)} ${mid - 8} L${(x1 - 9).toFixed(1)} ${mid} L${x1.toFixed(1)} ${mid + 8} Z" class="bar"/>`,
        )
      }
    }
  })
  const axisY = 8 + rows.length * ROW + 4
  parts.push(`<line x1="${x(min)}" y1="${axisY}" x2="${x(max)}" y2="${axisY}" class="axis"/>`)
  for (let t = 0; t <= 4; t++) {
    const value = min + ((max - min) * t) / 4
    parts.push(
      `<text x="${x(value).toFixed(1)}" y="${axisY + 16}" text-anchor="middle" class="tick">${escapeHtml(formatNumber(Math.round(value * 100) / 100))}</text>`,
    )
  }
  parts.push('</svg>')
  return parts.join('')
}
