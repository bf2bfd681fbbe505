import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { Readability } from '@mozilla/readability'
import { bodyText } from '../../src/shared/document'
import { parseDocument } from '../../src/main/ingest/dom'
import { extractDocument } from '../../src/main/ingest/index'
import type { EvalRow } from './table'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** The public article-extraction benchmark shipped beside the repo (shared/bench). */
export const BENCH_DIR = path.resolve(repoRoot, '../shared/bench/article-extraction')

/** One benchmark page: its id, raw HTML bytes and hand-made article body. */
export interface BenchPage {
  id: string
  html: Uint8Array
  truth: string
}

/** Loads the benchmark pages (gunzipped) with their ground truth. */
export function loadBenchPages(dir = BENCH_DIR): BenchPage[] {
  const truth = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody?: string }
  >
  return readdirSync(path.join(dir, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((f) => {
      const id = f.replace(/\.html\.gz$/, '')
      return {
        id,
        html: new Uint8Array(gunzipSync(readFileSync(path.join(dir, 'html', f)))),
        truth: truth[id]?.articleBody ?? '',
      }
    })
}

// score.py tokenises with Python's Unicode \w: letters, digits (all of category N) and underscore;
// combining marks are not \w there, so they are not here either.
const TOKEN = /[\p{L}\p{N}_]+/gu

function shingles(text: string, n = 4): Map<string, number> {
  const toks = text.match(TOKEN) ?? []
  const out = new Map<string, number>()
  if (toks.length === 0) return out
  const count = Math.max(1, toks.length - n + 1)
  for (let i = 0; i < count; i++) {
    // \u0001 cannot occur inside a \w token, so joined keys are as distinct as Python's tuples.
    const key = toks.slice(i, i + n).join('\u0001')
    out.set(key, (out.get(key) ?? 0) + 1)
  }
  return out
}

function pageScore(truth: string, pred: string): { tp: number; fp: number; fn: number } {
  const t = shingles(truth)
  const p = shingles(pred)
  let tp = 0
  let fp = 0
  let fn = 0
  for (const [k, c] of p) {
    const tc = t.get(k) ?? 0
    tp += Math.min(c, tc)
    fp += Math.max(0, c - tc)
  }
  for (const [k, c] of t) fn += Math.max(0, c - (p.get(k) ?? 0))
  const s = tp + fp + fn
  return s === 0 ? { tp: 1, fp: 0, fn: 0 } : { tp: tp / s, fp: fp / s, fn: fn / s }
}

/** The metric of shared/bench/article-extraction/score.py, reimplemented exactly. */
export function scoreExtraction(
  truth: Record<string, string>,
  predictions: Record<string, string>,
): { f1: number; precision: number; recall: number; accuracy: number; n: number } {
  const keys = Object.keys(truth)
  let ps = 0
  let rs = 0
  let acc = 0
  for (const k of keys) {
    const { tp, fp, fn } = pageScore(truth[k] ?? '', predictions[k] ?? '')
    ps += tp + fp === 0 ? 1 : tp / (tp + fp)
    rs += tp + fn === 0 ? 1 : tp / (tp + fn)
    const a = (truth[k] ?? '').match(TOKEN) ?? []
    const b = (predictions[k] ?? '').match(TOKEN) ?? []
    if (a.length === b.length && a.every((x, i) => x === b[i])) acc++
  }
  const P = ps / keys.length
  const R = rs / keys.length
  return {
    f1: P + R === 0 ? 0 : (2 * P * R) / (P + R),
    precision: P,
    recall: R,
    accuracy: acc / keys.length,
    n: keys.length,
  }
}

/** Our body for each page: `bodyText` of what `extractDocument` makes of the page's bytes. */
export async function predictOurs(pages: readonly BenchPage[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const p of pages) {
    try {
      const doc = await extractDocument(p.html, `${p.id}.html`)
      out[p.id] = bodyText(doc.text, doc.segments)
    } catch {
      out[p.id] = ''
    }
  }
  return out
}

/** The peer: plain Readability on linkedom, its `textContent` as the body. */
export function predictReadabilityLinkedom(pages: readonly BenchPage[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of pages) {
    const document = parseDocument(new TextDecoder().decode(p.html))
    // Readability's typings want the DOM lib's Document; a linkedom document is what it reads.
    out[p.id] = new Readability(document as never).parse()?.textContent ?? ''
  }
  return out
}

/** Body-extraction quality on the 90 benchmark pages, ours and plain Readability+linkedom. */
export async function evalExtraction(): Promise<EvalRow[]> {
  const pages = loadBenchPages()
  const truth = Object.fromEntries(pages.map((p) => [p.id, p.truth]))
  const data = `shared/bench/article-extraction (${pages.length} pages)`
  const ours = scoreExtraction(truth, await predictOurs(pages))
  const peer = scoreExtraction(truth, predictReadabilityLinkedom(pages))
  const rows: EvalRow[] = []
  for (const [metric, key] of [
    ['F1', 'f1'],
    ['precision', 'precision'],
    ['recall', 'recall'],
  ] as const) {
    rows.push({
      task: 'body extraction',
      data,
      metric: `${metric} (parallax)`,
      value: ours[key],
      target: metric === 'F1' ? 'bar 0.947; trafilatura 0.957' : undefined,
    })
    rows.push({
      task: 'body extraction',
      data,
      metric: `${metric} (readability+linkedom)`,
      value: peer[key],
      target: metric === 'F1' ? 'Readability.js 0.945 (published)' : undefined,
    })
  }
  return rows
}
