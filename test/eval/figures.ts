/**
 * Figure quality on the seeds and on our own fixtures: precision/recall/F1 of body figures
 * (matched by span overlap with the expected quote) and field accuracy on the matched pairs.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DocumentAnalysis, Figure } from '../../src/shared/analysis'
import type { Segment } from '../../src/shared/document'
import { analyzeDocument } from '../../src/main/analysis/index'
import { extractDocument } from '../../src/main/ingest/index'
import measures from '../../resources/lexicons/figure-measures.json' with { type: 'json' }
import type { EvalRow } from './table'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const SEEDS_DIR = join(ROOT, '..', 'shared', 'seeds')
export const FIXTURES_DIR = join(ROOT, 'test', 'fixtures', 'analysis')

export interface ExpectedFigure {
  id: string
  doc: string
  quote: string
  value?: number | null
  qualifier: string
  kind: string
  unit?: string
  counts_what: string
  time_scope: string | null
  location: string | null
  source_attributed: string | null
  file: string
}

export interface ExpectedFile {
  documents: Record<string, { file: string; title: string; published?: string }>
  figures: ExpectedFigure[]
  sources_cited: Record<string, string[]>
}

export interface LoadedDoc {
  key: string
  file: string
  text: string
  segments: Segment[]
  analysis: DocumentAnalysis
}

/** Reads a file the way the app does (ingest), falling back to "first line is the title". */
export async function loadDoc(
  dir: string,
  file: string,
  published: string | null,
): Promise<Omit<LoadedDoc, 'key'>> {
  const bytes = await readFile(join(dir, file))
  let text: string
  let segments: Segment[]
  let date = published
  try {
    const doc = await extractDocument(bytes, file)
    text = doc.text
    segments = doc.segments
    date ??= doc.published
  } catch {
    text = bytes.toString('utf8').replace(/\r\n?/g, '\n').normalize('NFC')
    const nl = text.indexOf('\n')
    const cut = nl < 0 ? text.length : nl
    segments = [
      { start: 0, end: cut, role: 'title' },
      { start: cut, end: text.length, role: 'body' },
    ].filter((s) => s.end > s.start) as Segment[]
  }
  const analysis = analyzeDocument({ docId: file, text, segments, published: date })
  return { file, text, segments, analysis }
}

export async function loadCorpus(
  dir: string,
): Promise<{ expected: ExpectedFile; docs: LoadedDoc[] }> {
  const expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as ExpectedFile
  const docs: LoadedDoc[] = []
  for (const [key, d] of Object.entries(expected.documents)) {
    docs.push({ key, ...(await loadDoc(dir, d.file, d.published ?? null)) })
  }
  return { expected, docs }
}

const STOP = new Set(
  'the a an of in on at to for by and or via from with s its their his her as that this since its was were is are who which over'.split(
    ' ',
  ),
)

/** Content words, lower case, plural "s" dropped, parentheticals kept (they name sources too). */
export function contentWords(s: string): Set<string> {
  const out = new Set<string>()
  for (const w of s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)) {
    if (w.length === 0 || STOP.has(w)) continue
    out.add(w.length > 3 ? w.replace(/s$/, '') : w)
  }
  return out
}

/** A loose match between a free-text expectation and what the analyser found. */
export function textAgrees(expected: string | null, found: string | null): boolean {
  const isNull = expected === null || /\bunattributed\b/i.test(expected)
  if (isNull) return found === null
  if (found === null) return false
  const e = contentWords(expected)
  const f = contentWords(found)
  for (const w of f) if (e.has(w)) return true
  return false
}

const measureBySurface = new Map<string, string>()
for (const [norm, words] of Object.entries(measures.measures))
  for (const w of words) measureBySurface.set(w, norm)

/** The measure an expectation implies, when its description names one ("IRGC members killed"). */
export function expectedMeasure(what: string): string | null {
  const words = what.toLowerCase().split(/[^a-z]+/)
  for (const w of words) {
    const m = measureBySurface.get(w)
    if (m) return m
  }
  return null
}

function sourceText(f: Figure): string | null {
  if (!f.source) return null
  return [f.source.antecedent?.text ?? f.source.text, f.source.via?.text ?? ''].join(' ')
}

export interface FigureMatch {
  expected: ExpectedFigure
  found: Figure | null
}

/** Matches expected figures to body figures by overlap with the quote (best value first). */
export function matchFigures(
  expected: ExpectedFile,
  docs: LoadedDoc[],
): { matches: FigureMatch[]; predicted: number; unmatchedFound: Figure[] } {
  const matches: FigureMatch[] = []
  let predicted = 0
  const unmatchedFound: Figure[] = []
  for (const doc of docs) {
    const body = doc.analysis.figures.filter((f) => f.segmentRole === 'body')
    predicted += body.length
    const used = new Set<Figure>()
    for (const e of expected.figures.filter((x) => x.doc === doc.key)) {
      const at = doc.text.indexOf(e.quote)
      if (at < 0) {
        matches.push({ expected: e, found: null })
        continue
      }
      const end = at + e.quote.length
      const overlapping = body.filter((f) => !used.has(f) && f.start < end && f.end > at)
      const best =
        overlapping.find((f) => f.value === (e.value ?? null)) ??
        overlapping.find((f) => f.kind === e.kind) ??
        overlapping[0] ??
        null
      if (best) used.add(best)
      matches.push({ expected: e, found: best })
    }
    for (const f of body) if (!used.has(f)) unmatchedFound.push(f)
  }
  return { matches, predicted, unmatchedFound }
}

function close(a: number | null | undefined, b: number | null): boolean {
  if (a === null || a === undefined) return b === null
  if (b === null) return false
  return Math.abs(a - b) <= Math.max(1e-3, Math.abs(a) * 1e-3)
}

/** Field accuracy on matched pairs; fields the expectation leaves unsaid are not scored. */
export function fieldAccuracy(
  matches: FigureMatch[],
): Record<string, { right: number; total: number }> {
  const acc: Record<string, { right: number; total: number }> = {}
  const score = (field: string, ok: boolean): void => {
    acc[field] ??= { right: 0, total: 0 }
    acc[field].total++
    if (ok) acc[field].right++
  }
  for (const { expected: e, found: f } of matches) {
    if (!f) continue
    score('value', close(e.value, f.value))
    score('qualifier', e.qualifier === f.qualifier)
    score('kind', e.kind === f.kind)
    const m = expectedMeasure(e.counts_what)
    if (m !== null && e.kind === 'count') score('measure', f.measure?.normalized === m)
    score('scope', textAgrees(e.time_scope, f.timeScope?.text ?? null))
    score('location', textAgrees(e.location, f.location?.text ?? null))
    score('source', textAgrees(e.source_attributed, sourceText(f)))
  }
  return acc
}

/** Share of the sources an analyst lists that the analysis names as speakers or figure sources. */
export function sourcesFound(
  expected: ExpectedFile,
  docs: LoadedDoc[],
): { found: number; total: number; missing: string[] } {
  let found = 0
  let total = 0
  const missing: string[] = []
  for (const doc of docs) {
    const names: string[] = []
    for (const a of doc.analysis.attributions) {
      if (!a.speaker) continue
      names.push(a.speaker.text)
      if (a.speaker.via) names.push(a.speaker.via.text)
      if (a.speaker.antecedent) names.push(a.speaker.antecedent.text)
    }
    for (const want of expected.sources_cited[doc.key] ?? []) {
      total++
      const options = want.split(' / ').map((o) => o.replace(/\([^)]*\)/g, ' '))
      const ok = options.some((o) => {
        const e = contentWords(o)
        return names.some((n) => {
          const f = contentWords(n)
          let shared = 0
          for (const w of f) if (e.has(w)) shared++
          return shared >= Math.min(2, e.size) || (f.size > 0 && shared === f.size)
        })
      })
      if (ok) found++
      else missing.push(`${doc.key}: ${want}`)
    }
  }
  return { found, total, missing }
}

async function rowsFor(label: string, dir: string): Promise<EvalRow[]> {
  const { expected, docs } = await loadCorpus(dir)
  const { matches, predicted } = matchFigures(expected, docs)
  const tp = matches.filter((m) => m.found).length
  const precision = predicted === 0 ? 0 : tp / predicted
  const recall = matches.length === 0 ? 0 : tp / matches.length
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  const data = `${label} (${docs.length} docs, ${matches.length} figures)`
  const rows: EvalRow[] = [
    { task: 'figures', data, metric: 'precision', value: precision },
    { task: 'figures', data, metric: 'recall', value: recall },
    { task: 'figures', data, metric: 'F1', value: f1, target: '≥ 0.95 (product goal)' },
  ]
  for (const [field, { right, total }] of Object.entries(fieldAccuracy(matches))) {
    rows.push({
      task: 'figures',
      data,
      metric: `${field} accuracy (n=${total})`,
      value: total ? right / total : 0,
    })
  }
  const src = sourcesFound(expected, docs)
  rows.push({
    task: 'attributions',
    data,
    metric: `sources cited found (n=${src.total})`,
    value: src.total ? src.found / src.total : 0,
  })
  return rows
}

/** `npm run eval` rows for figures and cited sources, seeds and fixtures separately. */
export async function evalFigures(): Promise<EvalRow[]> {
  return [
    ...(await rowsFor('seeds', SEEDS_DIR)),
    ...(await rowsFor('fixtures (tuned on)', FIXTURES_DIR)),
    ...(await rowsFor('late fixture (untuned F1 was 0.88)', join(FIXTURES_DIR, 'held-out'))),
  ]
}
