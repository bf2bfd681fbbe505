/**
 * `npm run bench`: speed and memory of the pipeline, each beside the peers measured in the same
 * run on the same machine (these machines are noisy: compare within a table, not across runs).
 */
import { benchAnalysis } from './analysis'
import { benchCompare } from './compare'
import { benchExtraction } from './extraction'
import { benchProject } from './project'
import { benchStance } from './stance'
import { printTable, type BenchRow } from './table'

const suites: [string, () => Promise<BenchRow[]>][] = [
  ['extraction', benchExtraction],
  ['analysis', benchAnalysis],
  ['stance', benchStance],
  ['compare', benchCompare],
  ['project', benchProject],
]

const only = process.argv.slice(2)
const rows: BenchRow[] = []
for (const [name, run] of suites) {
  if (only.length > 0 && !only.includes(name)) continue
  rows.push(...(await run()))
}
printTable(rows)
