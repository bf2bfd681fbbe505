import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Attribution, DocumentAnalysis, Figure } from '../../src/shared/analysis'
import { compareDocuments, type CompareInput } from '../../src/main/compare/index'
import { sentencesOf } from '../fixtures/compare/load-scenarios'
import { SAMPLE_DIR, analyseFiles, realAnalyzer } from '../fixtures/compare/real-pipeline'
import { median, type BenchRow } from './table'

const WORDS_PER_DOC = 10_000
const RUNS = 9

/** A small deterministic PRNG (mulberry32), so every run compares the same documents. */
function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const BENCH_ARTICLES = path.join(
  SAMPLE_DIR,
  '../../../shared/bench/article-extraction/ground-truth.json',
)

/** Real article bodies (the extraction benchmark's hand-made ground truth), in a fixed order. */
export async function articleBodies(): Promise<string[]> {
  const truth = JSON.parse(await readFile(BENCH_ARTICLES, 'utf8')) as Record<
    string,
    { articleBody: string }
  >
  return Object.keys(truth)
    .sort()
    .map((k) => truth[k]!.articleBody.trim())
    .filter((t) => t.split(/\s+/).length >= 100)
}

/**
 * A long document made of real articles, starting at a different place in the list for each
 * document, so neighbouring documents share some whole articles (the copies the derivation diff
 * must align) and differ in the rest; a few words of each shared article are changed, as a
 * rewrite would.
 */
function syntheticText(articles: string[], index: number): string {
  const rnd = prng(1000 + index)
  const parts: string[] = []
  let words = 0
  for (let k = index * 7; words < WORDS_PER_DOC; k++) {
    let a = articles[k % articles.length]!
    if (index % 2 === 1)
      a = a.replace(/\b(said|killed|people|government)\b/g, (w) =>
        rnd() < 0.3 ? `${w} reportedly` : w,
      )
    parts.push(a)
    words += a.split(/\s+/).length
  }
  return parts.join('\n\n')
}

const MEASURES = ['killed', 'wounded', 'dead', 'present', 'arrested']
const SUBJECTS = [
  'Iranian soldiers',
  'members of the Revolutionary Guards',
  'civilians',
  'Russian troops',
  'people',
  'Syrian soldiers',
  'militia fighters',
]
const PLACES = ['Aleppo', 'Khan Tuman', 'northern Hama', 'Damascus', 'Syria']
const DATES = ['2016-05-01', '2016-05-03', '2016-05-06', '2016-05-07', '2016-05-08']
const SOURCES = [
  'the Fars news agency',
  'Reuters',
  'a Revolutionary Guards official',
  'the Iranian media',
  'SANA',
]

/** A stable hash of a string, so the same sentence gets the same synthetic annotations in every copy. */
function hash(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}

function pick<T>(list: readonly T[], rnd: () => number): T {
  return list[Math.floor(rnd() * list.length)]!
}

/**
 * Figures and attributions in proportion to the text, shaped like the analysis engine's: about
 * half the numbers with a measure, subjects, places and dates drawn per sentence, so copies of a
 * sentence in two documents carry the same annotations, as a real analyser would give them.
 */
function syntheticAnalysis(id: string, text: string): DocumentAnalysis {
  const sentences = sentencesOf(text)
  const figures: Figure[] = []
  const attributions: Attribution[] = []
  for (const s of sentences) {
    const sentence = text.slice(s.start, s.end)
    const rnd = prng(hash(sentence))
    for (const m of sentence.matchAll(/\d[\d,]*/g)) {
      const start = s.start + (m.index ?? 0)
      const end = start + m[0].length
      const value = Number(m[0].replace(/,/g, ''))
      const isAtLeast = rnd() < 0.3
      const span = (t: string) => ({ start, end, text: t })
      const measure = rnd() < 0.6 ? pick(MEASURES, rnd) : null
      const subject = rnd() < 0.6 ? pick(SUBJECTS, rnd) : null
      const place = rnd() < 0.5 ? pick(PLACES, rnd) : null
      const r = rnd()
      const timeScope =
        r < 0.4
          ? { ...span('on the day'), type: 'point' as const, from: pick(DATES, rnd) }
          : r < 0.5
            ? { ...span('in total'), type: 'cumulative' as const }
            : r < 0.6
              ? { ...span('in the past 3 weeks'), type: 'window' as const }
              : null
      const source = rnd() < 0.5 ? span(pick(SOURCES, rnd)) : null
      figures.push({
        id: `${id}-f${figures.length}`,
        start,
        end,
        text: m[0],
        segmentRole: 'body',
        value,
        low: value,
        high: isAtLeast ? null : value,
        qualifier: isAtLeast ? 'at_least' : 'exact',
        qualifierText: isAtLeast ? 'at least' : null,
        kind: 'count',
        unit: null,
        measure: measure ? { ...span(measure), normalized: measure } : null,
        subject: subject ? span(subject) : null,
        timeScope,
        location: place ? span(place) : null,
        source,
        sentence: s,
        evidence: ['synthetic'],
        confidence: 1,
      })
    }
    if (rnd() < 0.25) {
      attributions.push({
        id: `${id}-a${attributions.length}`,
        kind: 'reported',
        speaker: { start: s.start, end: s.start + 1, text: pick(SOURCES, rnd) },
        verb: null,
        verbLemma: null,
        verbStrength: null,
        content: { start: s.start, end: s.end, text: sentence },
        sentence: s,
        evidence: ['synthetic'],
      })
    }
  }
  return {
    docId: id,
    analyserVersion: 'synthetic',
    sentences,
    figures,
    dates: [],
    entities: [],
    attributions,
    actors: [],
    stanceCues: [],
    stanceSummary: null,
    elapsedMs: 0,
  }
}

export async function syntheticDocs(
  n: number,
  articles: string[],
  analyse: ((text: string, id: string) => Promise<DocumentAnalysis>) | null,
): Promise<CompareInput[]> {
  const docs: CompareInput[] = []
  for (let i = 0; i < n; i++) {
    const id = `bench${i}`
    const text = syntheticText(articles, i)
    const segments: CompareInput['segments'] = [{ start: 0, end: text.length, role: 'body' }]
    const analysis = analyse ? await analyse(text, id) : syntheticAnalysis(id, text)
    docs.push({ id, title: id, outlet: null, published: '2016-05-09', text, segments, analysis })
  }
  return docs
}

/**
 * Median wall-clock and CPU time over RUNS comparisons. CPU time is reported beside wall time
 * because these shared two-core machines are often loaded several times over, which inflates
 * wall time without saying anything about the code.
 */
function time(docs: CompareInput[]): {
  ms: number
  cpuMs: number
  figures: number
  pairs: number
  conflicts: number
} {
  const times: number[] = []
  const cpu: number[] = []
  let pairs = 0
  let conflicts = 0
  // Warm-up: the JIT and the lexicon regexes, so the median is the steady state a researcher sees.
  for (let w = 0; w < 3; w++) compareDocuments(docs)
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    const c = compareDocuments(docs)
    times.push(performance.now() - t0)
    const used = process.cpuUsage(c0)
    cpu.push((used.user + used.system) / 1000)
    pairs = c.quantities.reduce((s, q) => s + q.pairs.length, 0)
    conflicts = c.conflicts.length
  }
  return {
    ms: median(times),
    cpuMs: median(cpu),
    figures: docs.reduce((s, d) => s + d.analysis.figures.length, 0),
    pairs,
    conflicts,
  }
}

/** Median time to compare two and six 10,000-word documents (targets: 150 ms and 1 s). */
export async function benchCompare(): Promise<BenchRow[]> {
  const articles = await articleBodies()
  const analyzer = await realAnalyzer()
  let analyse: ((text: string, id: string) => Promise<DocumentAnalysis>) | null = null
  let how = 'synthetic figures and attributions'
  if (typeof analyzer !== 'string') {
    analyse = async (text, id) =>
      analyzer({
        id,
        docId: id,
        text,
        segments: [{ start: 0, end: text.length, role: 'body' }],
        published: '2016-05-09',
        title: id,
        outlet: null,
      })
    how = 'real analyzeDocument'
  }
  const rows: BenchRow[] = []
  for (const [n, target] of [
    [2, 150],
    [6, 1000],
  ] as const) {
    const docs = await syntheticDocs(n, articles, analyse)
    const { ms, cpuMs, figures, pairs, conflicts } = time(docs)
    const load = os.loadavg()[0]!.toFixed(1)
    rows.push({
      group: 'compare',
      subject: 'parallax',
      metric: `compare ${n} × 10,000-word docs, wall (median of ${RUNS})`,
      value: ms,
      unit: 'ms',
      note: `target < ${target} ms; load average ${load}; ${figures} figures, ${pairs} pairs, ${conflicts} conflicts; ${how}`,
    })
    rows.push({
      group: 'compare',
      subject: 'parallax',
      metric: `compare ${n} × 10,000-word docs, CPU (median of ${RUNS})`,
      value: cpuMs,
      unit: 'ms',
      note: `target < ${target} ms`,
    })
  }
  // The seeds end to end, when the analysis engine is there: what a researcher waits for.
  if (typeof analyzer !== 'string') {
    const files = ['iran-death-toll-continues-to-rise.txt', 'iran-admits-heavy-casualties.txt'].map(
      (f) => path.join(SAMPLE_DIR, f),
    )
    const seeds = await analyseFiles(files, analyzer)
    rows.push({
      group: 'compare',
      subject: 'parallax',
      metric: `compare the two seed articles (median of ${RUNS})`,
      value: time(seeds).ms,
      unit: 'ms',
    })
  }
  return rows
}
