import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { compareDocuments, type CompareInput } from '../../src/main/compare/index'
import type { FigureRef } from '../../src/shared/compare'
import { loadScenarios, type Scenario } from '../fixtures/compare/load-scenarios'
import { realAnalyzer, realSeeds, type Analyze } from '../fixtures/compare/real-pipeline'
import type { EvalRow } from './table'

interface Counts {
  truePositives: number
  predicted: number
  expected: number
}

function pairKey(a: FigureRef, b: FigureRef): string {
  const [x, y] = [`${a.doc}:${a.figure}`, `${b.doc}:${b.figure}`].sort()
  return `${x}|${y}`
}

function score(found: Set<string>, expected: Set<string>): Counts {
  let truePositives = 0
  for (const k of found) if (expected.has(k)) truePositives++
  return { truePositives, predicted: found.size, expected: expected.size }
}

function rows(task: string, data: string, c: Counts): EvalRow[] {
  // No predictions and nothing expected is a perfect score, not a division by zero.
  const precision = c.predicted === 0 ? (c.expected === 0 ? 1 : 0) : c.truePositives / c.predicted
  const recall = c.expected === 0 ? 1 : c.truePositives / c.expected
  return [
    { task, data, metric: 'precision', value: precision, target: '≥ 0.9' },
    { task, data, metric: 'recall', value: recall, target: '≥ 0.9' },
  ]
}

function add(a: Counts, b: Counts): Counts {
  return {
    truePositives: a.truePositives + b.truePositives,
    predicted: a.predicted + b.predicted,
    expected: a.expected + b.expected,
  }
}

const SEED_EXPECTED = fileURLToPath(new URL('../fixtures/seeds-expected.json', import.meta.url))

/**
 * Seeds through the real analysis: figures are matched to expected.json's by overlapping quote
 * spans; expected conflicts are the within-document value and qualifier inconsistencies there.
 */
async function realSeedCounts(inputs: CompareInput[]): Promise<Counts> {
  const expected = JSON.parse(await readFile(SEED_EXPECTED, 'utf8')) as {
    figures: { id: string; doc: 'A' | 'B'; quote: string }[]
    within_document_inconsistencies: { figures: [string, string]; type: string }[]
    cross_document_conflicts: { figures: [string, string] }[]
  }
  const docIndex = { A: 0, B: 1 }
  const idOf = (ref: FigureRef): string | null => {
    const input = inputs[ref.doc]!
    const f = input.analysis.figures[ref.figure]!
    for (const e of expected.figures) {
      if (docIndex[e.doc] !== ref.doc) continue
      const at = input.text.indexOf(e.quote)
      if (at >= 0 && f.start < at + e.quote.length && f.end > at) return e.id
    }
    return null
  }
  const want = new Set(
    [
      ...expected.within_document_inconsistencies.filter(
        (x) => x.type === 'value' || x.type === 'qualifier',
      ),
      ...expected.cross_document_conflicts,
    ].map((x) => [...x.figures].sort().join('|')),
  )
  const c = compareDocuments(inputs)
  const found = new Set(
    c.conflicts.map((x) =>
      [idOf(x.a) ?? `?${x.a.doc}:${x.a.figure}`, idOf(x.b) ?? `?${x.b.doc}:${x.b.figure}`]
        .sort()
        .join('|'),
    ),
  )
  return score(found, want)
}

/**
 * A scenario's texts analysed by the real engine instead of the hand-marked figures; predicted
 * figures are mapped to the hand-marked ones by overlapping spans.
 */
async function realScenarioCounts(s: Scenario, analyze: Analyze): Promise<Counts> {
  const inputs: CompareInput[] = []
  for (const d of s.inputs) {
    const analysis = await analyze({
      docId: d.id,
      text: d.text,
      segments: d.segments,
      published: d.published,
    })
    inputs.push({ ...d, analysis })
  }
  const marked = [...s.refs].map(([id, ref]) => ({
    id,
    ref,
    f: s.inputs[ref.doc]!.analysis.figures[ref.figure]!,
  }))
  const idOf = (r: FigureRef) => {
    const f = inputs[r.doc]!.analysis.figures[r.figure]!
    return (
      marked.find((m) => m.ref.doc === r.doc && f.start < m.f.end && f.end > m.f.start)?.id ??
      `?${r.doc}:${r.figure}`
    )
  }
  const c = compareDocuments(inputs)
  const found = new Set(c.conflicts.map((x) => [idOf(x.a), idOf(x.b)].sort().join('|')))
  const want = new Set(s.expected.conflicts.map((p) => [...p].sort().join('|')))
  return score(found, want)
}

const ARTICLES = fileURLToPath(
  new URL('../../../shared/bench/article-extraction/ground-truth.json', import.meta.url),
)

/**
 * Unrelated real articles (the extraction benchmark's bodies) compared in pairs: every conflict
 * between two of them is a false alarm, so this is a floor on spurious conflicts. Conflicts
 * inside one article are counted apart (most are false alarms too, a few may be real).
 */
async function spuriousConflicts(analyze: Analyze): Promise<EvalRow[]> {
  const truth = JSON.parse(await readFile(ARTICLES, 'utf8')) as Record<
    string,
    { articleBody: string }
  >
  const bodies = Object.keys(truth)
    .sort()
    .map((k) => truth[k]!.articleBody)
  let across = 0
  let within = 0
  let words = 0
  for (let k = 0; k + 1 < bodies.length; k += 2) {
    const inputs: CompareInput[] = []
    for (const [i, text] of [bodies[k]!, bodies[k + 1]!].entries()) {
      const segments: CompareInput['segments'] = [{ start: 0, end: text.length, role: 'body' }]
      const analysis = await analyze({ docId: `a${k + i}`, text, segments, published: null })
      inputs.push({
        id: `a${k + i}`,
        title: '',
        outlet: null,
        published: null,
        text,
        segments,
        analysis,
      })
      words += text.split(/\s+/).length
    }
    const c = compareDocuments(inputs)
    across += c.conflicts.filter((x) => !x.isWithinDocument).length
    within += c.conflicts.filter((x) => x.isWithinDocument).length
  }
  const data = `${bodies.length} unrelated real articles in ${Math.floor(bodies.length / 2)} pairs (${Math.round(words / 1000)}k words)`
  return [
    {
      task: 'conflicts',
      data,
      metric: 'cross-document conflicts per 10k words (all false)',
      value: (across / words) * 10_000,
      target: '0',
    },
    {
      task: 'conflicts',
      data,
      metric: 'within-document conflicts per 10k words',
      value: (within / words) * 10_000,
      target: '≈ 0',
    },
  ]
}

/** Conflict precision and recall on the comparison fixtures, the hand-marked seeds and (when the analysis engine exists) the seeds analysed for real. */
export async function evalConflicts(): Promise<EvalRow[]> {
  const scenarios = await loadScenarios()
  let fixtures: Counts = { truePositives: 0, predicted: 0, expected: 0 }
  let seeds: Counts | null = null
  for (const s of scenarios) {
    const c = compareDocuments(s.inputs)
    const ref = (id: string) => s.refs.get(id)!
    const expected = new Set(s.expected.conflicts.map(([a, b]) => pairKey(ref(a), ref(b))))
    const counts = score(new Set(c.conflicts.map((x) => pairKey(x.a, x.b))), expected)
    if (s.file === 'seeds.json') seeds = counts
    else fixtures = add(fixtures, counts)
  }
  const fixtureCount = scenarios.filter((s) => s.file !== 'seeds.json').length
  const out: EvalRow[] = [
    ...rows('conflicts', `test/fixtures/compare (${fixtureCount} scenarios)`, fixtures),
  ]
  if (seeds) out.push(...rows('conflicts', 'seeds, hand-marked figures', seeds))
  const analyze = await realAnalyzer()
  if (typeof analyze !== 'string') {
    let counts: Counts = { truePositives: 0, predicted: 0, expected: 0 }
    for (const s of scenarios)
      if (s.file !== 'seeds.json') counts = add(counts, await realScenarioCounts(s, analyze))
    out.push(...rows('conflicts', `test/fixtures/compare texts, real analyzeDocument`, counts))
  }
  if (typeof analyze !== 'string') out.push(...(await spuriousConflicts(analyze)))
  const real = await realSeeds()
  if (typeof real === 'string')
    console.error(`conflicts: seeds through the real analysis skipped (${real})`)
  else out.push(...rows('conflicts', 'seeds, real analyzeDocument', await realSeedCounts(real)))
  return out
}
