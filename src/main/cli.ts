/**
 * The workbench from a terminal, in plain Node (no Electron):
 *
 *   npm run cli -- import <paths…>          import files and folders into the library
 *   npm run cli -- list [--json]            list the library
 *   npm run cli -- search <words…>          full-text search with snippets
 *   npm run cli -- body <files…> [--json]   print the extracted article body of files
 *   npm run cli -- analyze <files…> --json  extract and analyse files
 *   npm run cli -- compare <files…> --json  extract, analyse and compare 1–6 files
 *
 * `--data-dir <path>` (or PARALLAX_DATA_DIR) selects the library folder. The exit code is 1 when
 * any file failed, 2 for a usage error.
 */

import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ImportResult } from '../shared/api'
import { bodyText, type ExtractedDocument } from '../shared/document'
import { describeError, toErrorValue, type ApiErrorValue } from '../shared/errors'
import { analyzeDocument } from './analysis/index'
import { describeComparison } from './compare/describe'
import { compareDocuments, type CompareInput } from './compare/index'
import { resolveDataDir } from './data-dir'
import { extractDocument } from './ingest/index'
import { Library } from './library/index'

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  import <paths…>          Import files and folders (recursively) into the library
  list [--json]            List the documents in the library
  search <words…>          Search the library (title, outlet, author, text)
  body <files…> [--json]   Print the extracted article body of each file
  analyze <files…> --json  Extract and analyse each file (figures, entities, attributions, stance)
  compare <files…> --json  Compare 1–6 files: figures by quantity with verdicts, conflicts,
                           inconsistencies, claims, sources, labels, derivation

Options:
  --data-dir <path>        Library folder (default: PARALLAX_DATA_DIR or the app's data folder)
  --json                   Machine-readable output
`

const samplesDir = fileURLToPath(new URL('../../resources/samples', import.meta.url))
/** Named in the lock file, so the app can say who holds the library folder. */
const CLI_HOLDER = 'the Parallax command line'

interface Parsed {
  command: string | undefined
  rest: string[]
  json: boolean
}

function parseArgs(argv: string[]): Parsed {
  const rest: string[] = []
  let json = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--json') json = true
    else if (a === '--data-dir') i++
    else if (a.startsWith('--data-dir=')) continue
    else rest.push(a)
  }
  return { command: rest.shift(), rest, json }
}

interface FileOutcome {
  file: string
  doc?: ExtractedDocument
  error?: ApiErrorValue
}

/** Extracts each file independently: one bad file never stops the others. */
async function extractAll(files: string[]): Promise<FileOutcome[]> {
  const out: FileOutcome[] = []
  for (const file of files) {
    const name = basename(file)
    try {
      const bytes = new Uint8Array(await readFile(file))
      out.push({ file, doc: await extractDocument(bytes, name) })
    } catch (err) {
      const e = toErrorValue(err, name)
      out.push({
        file,
        error:
          e.code === 'internal' && isMissing(err)
            ? { ...e, code: 'not-found', message: 'file not found' }
            : e,
      })
    }
  }
  return out
}

/** Analyses extracted files; the JSON shape keeps the document fields beside the analysis. */
function analyseAll(outcomes: FileOutcome[]) {
  return outcomes.map(({ file, doc }) => {
    const d = doc!
    return {
      file,
      title: d.title,
      outlet: d.outlet,
      author: d.author,
      published: d.published,
      text: d.text,
      segments: d.segments,
      analysis: analyzeDocument({
        docId: basename(file),
        text: d.text,
        segments: d.segments,
        published: d.published,
      }),
    }
  })
}

function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'ENOENT'
}

function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}

async function main(argv: string[]): Promise<number> {
  const { command, rest, json } = parseArgs(argv)
  switch (command) {
    case 'import': {
      if (rest.length === 0) return usage('import needs at least one path')
      const library = await Library.open({
        dataDir: resolveDataDir(argv),
        samplesDir,
        holder: CLI_HOLDER,
      })
      try {
        const report = await library.importPaths(
          rest.map((p) => resolve(p)),
          json ? undefined : ({ done, total, result }) => printImport(result, done, total),
        )
        if (json) printJson(report)
        return report.results.some((r) => r.status === 'failed') ? 1 : 0
      } finally {
        await library.close()
      }
    }
    case 'list': {
      const library = await Library.open({
        dataDir: resolveDataDir(argv),
        samplesDir,
        holder: CLI_HOLDER,
      })
      try {
        const records = library.list()
        if (json) printJson(records)
        else {
          for (const r of records) {
            const meta = [r.outlet, r.published?.slice(0, 10), `${r.wordCount} words`].filter(
              Boolean,
            )
            console.log(`${r.id.slice(0, 12)}  ${r.title}  (${meta.join(', ')})`)
          }
          console.log(
            `${records.length} document${records.length === 1 ? '' : 's'} in ${library.info().dataDir}`,
          )
        }
        return 0
      } finally {
        await library.close()
      }
    }
    case 'search': {
      if (rest.length === 0) return usage('search needs words to look for')
      const library = await Library.open({
        dataDir: resolveDataDir(argv),
        samplesDir,
        holder: CLI_HOLDER,
      })
      try {
        const hits = library.search(rest.join(' '))
        if (json) printJson(hits)
        else {
          const titles = new Map(library.list().map((r) => [r.id, r.title]))
          for (const h of hits) console.log(`${titles.get(h.id) ?? h.id}\n    …${h.snippet}…`)
          if (hits.length === 0) console.log('No matches.')
        }
        return 0
      } finally {
        await library.close()
      }
    }
    case 'body': {
      if (rest.length === 0) return usage('body needs at least one file')
      const outcomes = await extractAll(rest)
      if (json) {
        printJson(
          outcomes.map(({ file, doc, error }) =>
            doc
              ? {
                  file,
                  title: doc.title,
                  outlet: doc.outlet,
                  author: doc.author,
                  published: doc.published,
                  format: doc.format,
                  encoding: doc.encoding,
                  warnings: doc.warnings,
                  body: bodyText(doc.text, doc.segments),
                  text: doc.text,
                  segments: doc.segments,
                }
              : { file, error },
          ),
        )
      } else {
        for (const { file, doc, error } of outcomes) {
          if (outcomes.length > 1) console.log(`==> ${file} <==`)
          if (doc) console.log(bodyText(doc.text, doc.segments))
          else console.error(describeError(error!))
        }
      }
      return outcomes.some((o) => o.error) ? 1 : 0
    }
    case 'compare': {
      if (rest.length === 0) return usage('compare needs at least one file')
      const outcomes = await extractAll(rest)
      const failed = outcomes.filter((o) => o.error)
      for (const o of failed) process.stderr.write(`${describeError(o.error!)}\n`)
      const analysed = analyseAll(outcomes.filter((o) => o.doc))
      const inputs: CompareInput[] = analysed.map((d, i) => ({
        id: `${i}:${d.file}`,
        title: d.title,
        outlet: d.outlet,
        published: d.published,
        text: d.text,
        segments: d.segments,
        analysis: d.analysis,
      }))
      if (inputs.length === 0) return 1
      const c = compareDocuments(inputs)
      if (json) {
        printJson({
          documents: analysed.map(({ analysis, ...d }) => ({ ...d, ...analysis })),
          quantities: c.quantities,
          conflicts: c.conflicts,
          inconsistencies: c.inconsistencies,
          claims: c.claims,
          sources: c.sources,
          labels: c.labels,
          derivation: c.derivation,
        })
      } else {
        console.log(describeComparison(c, inputs).join('\n'))
      }
      return failed.length > 0 ? 1 : 0
    }
    case 'analyze': {
      if (rest.length === 0) return usage('analyze needs at least one file')
      const outcomes = await extractAll(rest)
      const analysed = analyseAll(outcomes.filter((o) => o.doc))
      const byFile = new Map(analysed.map((d) => [d.file, d]))
      const documents = outcomes.map(({ file, error }) => {
        const d = byFile.get(file)
        if (!d) return { file, error }
        const { analysis, ...rest } = d
        return { ...rest, ...analysis }
      })
      if (json) printJson({ documents })
      else {
        for (const d of documents) {
          if ('error' in d && d.error) {
            console.error(describeError(d.error))
            continue
          }
          if (!('figures' in d)) continue
          console.log(`==> ${d.file}: ${d.title}`)
          for (const f of d.figures) {
            const ctx = [f.measure?.text, f.subject?.text, f.timeScope?.text, f.location?.text]
              .filter(Boolean)
              .join(' | ')
            console.log(
              `  ${f.text}  [${f.qualifier} ${f.value ?? '?'}]  ${ctx}${f.source ? `  (source: ${f.source.text})` : ''}`,
            )
          }
        }
      }
      return outcomes.some((o) => o.error) ? 1 : 0
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE)
      return command === undefined ? 2 : 0
    default:
      return usage(`unknown command "${command}"`)
  }
}

function printImport(result: ImportResult, done: number, total: number): void {
  const n = `[${done}/${total}]`
  if (result.status === 'imported')
    console.log(`${n} imported   ${result.file}  → ${result.record?.title}`)
  else if (result.status === 'duplicate')
    console.log(`${n} duplicate  ${result.file}  (already in the library)`)
  else
    console.log(
      `${n} FAILED     ${describeError(result.error ?? { code: 'internal', message: 'unknown', file: result.file })}`,
    )
}

function usage(problem: string): number {
  process.stderr.write(`${problem}\n\n${USAGE}`)
  return 2
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`${describeError(toErrorValue(err))}\n`)
    process.exitCode = 1
  },
)
