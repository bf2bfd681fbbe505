/** One quality score printed by `npm run eval`. */
export interface EvalRow {
  /** What is scored ("body extraction", "figures", "stance cues", "conflicts"). */
  task: string
  /** On which data ("shared/bench/article-extraction (90 pages)", "seeds", "fixtures"). */
  data: string
  metric: string
  value: number
  /** The bar or peer to compare with, in words ("Readability.js 0.945"). */
  target?: string
}

export function printEval(rows: EvalRow[]): void {
  const cells = rows.map((r) => [r.task, r.data, r.metric, r.value.toFixed(3), r.target ?? ''])
  const head = ['task', 'data', 'metric', 'value', 'target']
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ')
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const c of cells) console.log(line(c))
}
