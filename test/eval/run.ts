/**
 * `npm run eval`: quality against the public benchmark in ../shared/bench and our own fixtures,
 * printed as one table. Each scorer lives beside the data it reads.
 */
import { evalConflicts } from './conflicts'
import { evalExtraction } from './extraction'
import { evalFigures } from './figures'
import { evalStance } from './stance'
import { printEval, type EvalRow } from './table'

const suites: [string, () => Promise<EvalRow[]>][] = [
  ['body extraction', evalExtraction],
  ['figures', evalFigures],
  ['stance cues', evalStance],
  ['conflicts', evalConflicts],
]

const only = process.argv.slice(2)
const rows: EvalRow[] = []
for (const [name, run] of suites) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue
  const started = performance.now()
  rows.push(...(await run()))
  console.error(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
}
printEval(rows)
