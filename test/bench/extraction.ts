import { Readability } from '@mozilla/readability'
import { createRequire } from 'node:module'
import { readHtml } from '../../src/main/ingest/html-reader'
import { parseDocument } from '../../src/main/ingest/dom'
import { extractDocument } from '../../src/main/ingest/index'
import { docx, longPdf, plainArticle, STORY } from '../fixtures/ingest/builders'
import { loadBenchPages } from '../eval/extraction'
import { median, type BenchRow } from './table'

/** The slice of jsdom the peer measurement uses (jsdom ships no typings; @types/jsdom is not installed). */
interface JsdomApi {
  JSDOM: new (
    html: string,
    options?: { virtualConsole?: unknown },
  ) => { window: { document: unknown } }
  VirtualConsole: new () => unknown
}
const { JSDOM, VirtualConsole } = createRequire(import.meta.url)('jsdom') as JsdomApi

/** Pages timed for per-page extraction: jsdom is slow, so a fixed subset keeps the bench near 60 s. */
const EXTRACTION_PAGES = 25

/** Wall-clock and CPU milliseconds of one call. CPU time is what a busy shared machine distorts least. */
function timeMs(fn: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  fn()
  const wall = performance.now() - t0
  const c = process.cpuUsage(c0)
  return { wall, cpu: (c.user + c.system) / 1000 }
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

/** Import throughput of extractDocument on one kind of input, repeated until ~`budgetMs` is spent. */
async function throughput(
  label: string,
  files: ReadonlyArray<{ bytes: Uint8Array; name: string; pages?: number }>,
  budgetMs: number,
): Promise<BenchRow[]> {
  let bytes = 0
  let docs = 0
  let pages = 0
  let spent = 0
  do {
    for (const f of files) {
      spent += await timeAsync(() => extractDocument(f.bytes, f.name))
      bytes += f.bytes.length
      docs++
      pages += f.pages ?? 1
    }
  } while (spent < budgetMs)
  const s = spent / 1000
  const rows: BenchRow[] = [
    {
      group: 'import',
      subject: 'parallax',
      metric: `${label} files/s`,
      value: docs / s,
      unit: 'files/s',
      note: `${docs} files, ${(bytes / docs / 1024).toFixed(0)} KB each on average`,
    },
    {
      group: 'import',
      subject: 'parallax',
      metric: `${label} MB/s`,
      value: bytes / 1024 / 1024 / s,
      unit: 'MB/s',
    },
  ]
  if (label === 'PDF')
    rows.push({
      group: 'import',
      subject: 'parallax',
      metric: 'PDF pages/s',
      value: pages / s,
      unit: 'pages/s',
    })
  return rows
}

/**
 * Per-page body-extraction time (ours vs Readability on jsdom and on linkedom, same pages, same run,
 * interleaved so machine noise hits all three alike) and import throughput for HTML, PDF, DOCX, TXT.
 */
export async function benchExtraction(): Promise<BenchRow[]> {
  const pages = loadBenchPages()
  const htmls = pages.map((p) => new TextDecoder().decode(p.html))
  const subset = htmls.slice(0, EXTRACTION_PAGES)
  const virtualConsole = new VirtualConsole()
  const ours: Array<{ wall: number; cpu: number }> = []
  const jsdom: Array<{ wall: number; cpu: number }> = []
  const linkedom: Array<{ wall: number; cpu: number }> = []
  // One warm-up pass so that JIT compilation is not billed to whoever runs first.
  for (const h of subset.slice(0, 3)) {
    readHtml(h)
    new Readability(parseDocument(h) as never).parse()
  }
  for (const h of subset) {
    ours.push(timeMs(() => readHtml(h)))
    jsdom.push(
      timeMs(() =>
        new Readability(new JSDOM(h, { virtualConsole }).window.document as never).parse(),
      ),
    )
    // Readability's typings want the DOM lib's Document; a linkedom document is what it reads.
    linkedom.push(timeMs(() => new Readability(parseDocument(h) as never).parse()))
  }
  const note = `median of ${subset.length} pages of shared/bench/article-extraction, parse included`
  const rows: BenchRow[] = []
  for (const [subject, times] of [
    ['parallax', ours],
    ['readability+jsdom', jsdom],
    ['readability+linkedom', linkedom],
  ] as const) {
    rows.push({
      group: 'extraction',
      subject,
      metric: 'body extraction per page',
      value: median(times.map((x) => x.wall)),
      unit: 'ms',
      note,
    })
    rows.push({
      group: 'extraction',
      subject,
      metric: 'body extraction per page (CPU)',
      value: median(times.map((x) => x.cpu)),
      unit: 'cpu ms',
      note: 'process CPU time: least distorted on a busy machine',
    })
  }

  const html = pages.map((p) => ({ bytes: p.html, name: `${p.id}.html` }))
  rows.push(...(await throughput('HTML', html, 4000)))
  const pdf = longPdf(40)
  rows.push(...(await throughput('PDF', [{ bytes: pdf, name: 'report.pdf', pages: 40 }], 3000)))
  const extra = Array.from(
    { length: 400 },
    (_, i) => `${STORY.paragraphs[i % STORY.paragraphs.length]} (${i})`,
  )
  rows.push(...(await throughput('DOCX', [{ bytes: docx(extra), name: 'report.docx' }], 3000)))
  const txt = new TextEncoder().encode(
    Array.from({ length: 300 }, () => plainArticle()).join('\n\n'),
  )
  rows.push(...(await throughput('TXT', [{ bytes: txt, name: 'copied.txt' }], 3000)))
  return rows
}
