import { describe, expect, it } from 'vitest'
import { analyzeStance } from '../../../src/main/analysis/stance/index'
import { splitSentences } from '../../../src/main/analysis/stance/sentences'
import { compileLexicon } from '../../../src/main/analysis/stance/stance-lexicon'
import { scoreAll } from '../../eval/stance'
import { loadFixtureText } from './documents'

describe('stance cues on our own fixtures and the samples', async () => {
  const scores = await scoreAll()

  it.each(scores.map((s) => [s.score.name, s] as const))(
    '%s: finds the expected cues',
    (_name, { score }) => {
      const missed = score.missed.map((m) => `${m.kind} "${m.text}"`)
      expect(missed.length / score.expected, `missed: ${missed.join(', ')}`).toBeLessThanOrEqual(
        0.15,
      )
    },
  )

  it.each(scores.map((s) => [s.score.name, s] as const))(
    '%s: few cues nobody asked for',
    (_name, { score }) => {
      const spurious = score.spurious.map((c) => `${c.kind} "${c.text}"`)
      expect(
        spurious.length / Math.max(1, score.predicted),
        `spurious: ${spurious.join(', ')}`,
      ).toBeLessThanOrEqual(0.25)
      if (score.maxCues !== undefined) expect(score.predicted).toBeLessThanOrEqual(score.maxCues)
    },
  )
})

describe('framing in protest coverage', async () => {
  const police = await loadFixtureText('protest-police-statement.txt')
  const organisers = await loadFixtureText('protest-organisers-account.txt')
  const run = (d: typeof police) =>
    analyzeStance({ text: d.text, segments: d.segments, sentences: [], entities: [] })

  it('tells the police account from the organisers’ account by the labels for the protesters', () => {
    const p = run(police).actors.find((a) => a.name === 'Protesters')!
    const o = run(organisers).actors.find((a) => a.name === 'Protesters')!
    const hostile = (labels: typeof p.labels) =>
      labels.filter((l) => l.connotation === 'delegitimising' || l.connotation === 'pejorative')
        .length
    const sympathetic = (labels: typeof p.labels) =>
      labels.filter((l) => l.connotation === 'sympathetic').length
    expect(hostile(p.labels)).toBeGreaterThanOrEqual(4)
    expect(sympathetic(p.labels)).toBe(0)
    expect(sympathetic(o.labels)).toBeGreaterThanOrEqual(3)
    expect(p.stance.score).toBeLessThan(o.stance.score)
    expect(run(police).stanceSummary).toContain('delegitimises Protesters')
  })

  it('gives the same cues whether the caller passes sentences or not', () => {
    const sentences = splitSentences(police.text, police.segments, compileLexicon().abbreviations)
    const a = analyzeStance({
      text: police.text,
      segments: police.segments,
      sentences,
      entities: [],
    })
    const b = run(police)
    expect(a.stanceCues.map((c) => [c.start, c.end, c.kind, c.actor])).toEqual(
      b.stanceCues.map((c) => [c.start, c.end, c.kind, c.actor]),
    )
  })
})

describe('terrorists, militants, fighters', async () => {
  const state = await loadFixtureText('sahel-state-media.txt')
  const insurgent = await loadFixtureText('sahel-insurgent-outlet.txt')
  const wire = await loadFixtureText('wire-neutral.txt')
  const run = (d: typeof state) =>
    analyzeStance({ text: d.text, segments: d.segments, sentences: [], entities: [] })

  it('reads the state outlet as hostile to the armed group and the other outlet as the reverse', () => {
    const s = run(state).actors
    const i = run(insurgent).actors
    const score = (actors: typeof s, name: string) =>
      actors.find((a) => a.name === name)?.stance.score ?? 0
    expect(score(s, 'Armed groups')).toBeLessThan(-0.1)
    expect(score(s, 'Armed forces')).toBeGreaterThan(0.1)
    expect(score(i, 'Armed groups')).toBeGreaterThan(0.1)
    expect(score(i, 'Armed forces')).toBeLessThan(-0.1)
  })

  it('finds nothing to say about a neutral wire report', () => {
    const r = run(wire)
    expect(r.stanceSummary).toBeNull()
    expect(r.stanceCues.filter((c) => c.kind === 'label' || c.kind === 'loaded_term')).toHaveLength(
      0,
    )
    expect(
      r.actors.find((a) => a.name === 'Armed groups')!.labels.map((l) => l.connotation),
    ).toEqual(expect.arrayContaining(['neutral']))
  })
})
