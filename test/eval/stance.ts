import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { StanceCue, StanceCueKind } from '../../src/shared/analysis'
import { analyzeStance } from '../../src/main/analysis/stance/index'
import { loadFixtureText, loadSeed, type TestDocument } from '../unit/stance/documents'
import type { EvalRow } from './table'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** One expected cue, located by its text (the n-th occurrence, case-sensitive). */
export interface ExpectedCue {
  text: string
  kind: StanceCueKind
  actor?: string
  occurrence?: number
}

export interface ExpectedDocument {
  file?: string
  sample?: string
  maxCues?: number
  /** Written after the lexicons were frozen and never used to tune them. */
  heldOut?: boolean
  cues: ExpectedCue[]
}

/** How one document's cues compare with the expectations. */
export interface CueScore {
  name: string
  expected: number
  predicted: number
  /** Expected cues overlapped by a predicted cue of the same kind family. */
  found: number
  /** Predicted cues overlapping an expected cue of the same kind family. */
  correct: number
  /** Among found cues with an expected actor: how many name that actor. */
  actorChecked: number
  actorCorrect: number
  maxCues?: number
  missed: ExpectedCue[]
  spurious: StanceCue[]
}

// Whether a term is "loaded" or "evaluative" is a judgement call analysts disagree on; both are
// the writer's appraisal, so they are scored as one family.
const family = (k: StanceCueKind): string => (k === 'evaluative' ? 'loaded_term' : k)

/** Reads the expectations in test/fixtures/stance/expected-cues.json. */
export async function loadExpectations(): Promise<ExpectedDocument[]> {
  const raw = await readFile(`${root}test/fixtures/stance/expected-cues.json`, 'utf8')
  return (JSON.parse(raw) as { documents: ExpectedDocument[] }).documents
}

export async function loadExpectedDocument(e: ExpectedDocument): Promise<TestDocument> {
  if (e.sample) return loadSeed(e.sample)
  if (e.file) return loadFixtureText(e.file)
  throw new Error('expectation names neither a file nor a sample')
}

/** Locates an expected cue in the text; throws when the fixture is wrong, so typos cannot pass. */
export function locate(
  text: string,
  cue: ExpectedCue,
  name: string,
): { start: number; end: number } {
  let at = -1
  for (let n = 0; n < (cue.occurrence ?? 1); n++) {
    at = text.indexOf(cue.text, at + 1)
    if (at < 0)
      throw new Error(`${name}: expected cue "${cue.text}" #${cue.occurrence ?? 1} not in text`)
  }
  return { start: at, end: at + cue.text.length }
}

/** Scores the machine's cues for one document against its expectations. */
export function scoreCues(
  name: string,
  text: string,
  expected: readonly ExpectedCue[],
  predicted: readonly StanceCue[],
  actorName: (id: string) => string | undefined,
): CueScore {
  const gold = expected.map((c) => ({ c, ...locate(text, c, name) }))
  const overlaps = (
    a: { start: number; end: number },
    b: { start: number; end: number },
  ): boolean => a.start < b.end && b.start < a.end
  let found = 0
  let actorChecked = 0
  let actorCorrect = 0
  const missed: ExpectedCue[] = []
  for (const g of gold) {
    const hits = predicted.filter((p) => family(p.kind) === family(g.c.kind) && overlaps(p, g))
    if (hits.length === 0) {
      missed.push(g.c)
      continue
    }
    found++
    if (g.c.actor !== undefined) {
      actorChecked++
      if (hits.some((h) => h.actor !== null && actorName(h.actor) === g.c.actor)) actorCorrect++
    }
  }
  const spurious = predicted.filter(
    (p) => !gold.some((g) => family(p.kind) === family(g.c.kind) && overlaps(p, g)),
  )
  return {
    name,
    expected: gold.length,
    predicted: predicted.length,
    found,
    correct: predicted.length - spurious.length,
    actorChecked,
    actorCorrect,
    missed,
    spurious,
  }
}

/** Runs the stance analysis on every expected document and scores it. */
export type EvalGroup = 'seeds' | 'fixtures' | 'held-out fixtures'

export async function scoreAll(): Promise<{ group: EvalGroup; score: CueScore }[]> {
  const out: { group: EvalGroup; score: CueScore }[] = []
  for (const e of await loadExpectations()) {
    const doc = await loadExpectedDocument(e)
    const result = analyzeStance({
      text: doc.text,
      segments: doc.segments,
      sentences: [],
      entities: [],
    })
    const names = new Map(result.actors.map((a) => [a.id, a.name]))
    const score = scoreCues(doc.file, doc.text, e.cues, result.stanceCues, (id) => names.get(id))
    if (e.maxCues !== undefined) score.maxCues = e.maxCues
    out.push({ group: e.sample ? 'seeds' : e.heldOut ? 'held-out fixtures' : 'fixtures', score })
  }
  return out
}

/** `npm run eval` rows: cue precision, recall and target-actor accuracy on seeds and fixtures. */
export async function evalStance(): Promise<EvalRow[]> {
  const scores = await scoreAll()
  const rows: EvalRow[] = []
  for (const group of ['seeds', 'fixtures', 'held-out fixtures'] as const) {
    const s = scores.filter((x) => x.group === group).map((x) => x.score)
    const sum = (f: (c: CueScore) => number): number => s.reduce((a, c) => a + f(c), 0)
    const precision =
      sum((c) => c.correct) /
      Math.max(
        1,
        sum((c) => c.predicted),
      )
    const recall =
      sum((c) => c.found) /
      Math.max(
        1,
        sum((c) => c.expected),
      )
    const data = `${group} (${s.length} texts, ${sum((c) => c.expected)} expected cues)`
    rows.push({ task: 'stance cues', data, metric: 'precision', value: precision })
    rows.push({ task: 'stance cues', data, metric: 'recall', value: recall })
    rows.push({
      task: 'stance cues',
      data,
      metric: 'F1',
      value: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    })
    rows.push({
      task: 'stance cues',
      data,
      metric: 'target actor accuracy',
      value:
        sum((c) => c.actorCorrect) /
        Math.max(
          1,
          sum((c) => c.actorChecked),
        ),
    })
  }
  return rows
}
