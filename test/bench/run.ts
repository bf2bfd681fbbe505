/**
 * `npm run bench`: speed and memory of the pipeline, each beside the peers measured in the same
 * run on the same machine (these machines are noisy: compare within a table, not across runs).
 * Each suite runs in a child process of its own: what one suite leaves on the heap (the import
 * suite's libraries, the extraction peers' DOMs) would otherwise be garbage-collected during the
 * next suite's timings.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
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

const args = process.argv.slice(2)
const asJson = args.includes('--json')
const only = args.filter((a) => a !== '--json')
const chosen = suites.filter(([name]) => only.length === 0 || only.includes(name))
const rows: BenchRow[] = []
if (chosen.length === 1 || asJson) {
  for (const [, run] of chosen) rows.push(...(await run()))
} else {
  for (const [name] of chosen) {
    // The same runtime and loader (tsx's hooks are in execArgv), one suite, rows as JSON.
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), name, '--json'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
    )
    rows.push(...(JSON.parse(out.trim().split('\n').pop()!) as BenchRow[]))
  }
}
if (asJson) console.log(JSON.stringify(rows))
else printTable(rows)
