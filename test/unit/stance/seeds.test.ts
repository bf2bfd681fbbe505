import { describe, expect, it } from 'vitest'
import type { Actor, StanceCue } from '../../../src/shared/analysis'
import { analyzeStance } from '../../../src/main/analysis/stance/index'
import { loadSeed, SEED_A, SEED_B, type TestDocument } from './documents'

const run = (d: TestDocument, includeComments = false) =>
  analyzeStance({
    text: d.text,
    segments: d.segments,
    sentences: [],
    entities: [],
    includeComments,
  })

const labelsOf = (actors: Actor[], name: string): string[] =>
  actors.find((a) => a.name === name)?.labels.map((l) => l.text) ?? []

const cue = (cues: StanceCue[], text: string, kind: StanceCue['kind']): StanceCue | undefined =>
  cues.find((c) => c.text === text && c.kind === kind)

describe('stance on sample A (Iranian death toll continues to rise!)', async () => {
  const doc = await loadSeed(SEED_A)
  const result = run(doc)
  const actorName = (id: string | null) => result.actors.find((a) => a.id === id)?.name

  it('finds the labels for the Syrian government, the opposition and the Iranian forces', () => {
    expect(labelsOf(result.actors, 'Syrian government')).toEqual(
      expect.arrayContaining(['Syrian regime', 'Syrian President Bashar Assad']),
    )
    expect(labelsOf(result.actors, 'Syrian opposition')).toEqual(
      expect.arrayContaining(['Syrian opposition forces', 'Syrian opposition']),
    )
    expect(labelsOf(result.actors, 'Iranian forces')).toEqual(
      expect.arrayContaining([
        'Iranian officers',
        'Islamic Revolutionary Guards',
        'Iranian forces',
        'Iranian troops',
      ]),
    )
  })

  it('marks "the Syrian regime" as delegitimising, with the lexicon entry as its rule', () => {
    const regime = result.actors
      .find((a) => a.name === 'Syrian government')!
      .labels.find((l) => l.text === 'Syrian regime')!
    expect(regime.connotation).toBe('delegitimising')
    expect(regime.rule).toContain('actors.json "Syrian regime"')
    const c = cue(result.stanceCues, 'Syrian regime', 'label')!
    expect(doc.text.slice(c.start, c.end)).toBe('Syrian regime')
    expect(c.polarity).toBeLessThan(0)
  })

  it('finds the distancing toward Iranian claims', () => {
    const asTheyClaim = cue(result.stanceCues, 'as they claim', 'distancing')!
    expect(actorName(asTheyClaim.actor)).toBe('Iranian government')
    expect(actorName(cue(result.stanceCues, 'admitted', 'distancing')!.actor)).toMatch(/^Iranian/)
    expect(cue(result.stanceCues, '“Zaynab shrine,”', 'scare_quote')).toBeDefined()
    expect(cue(result.stanceCues, 'contradictory to', 'evaluative')).toBeDefined()
    expect(
      result.stanceCues.some(
        (c) => c.kind === 'scare_quote' && c.text.includes('Iranian forces present'),
      ),
    ).toBe(false)
  })

  it('analyses the headline on its own', () => {
    const bang = cue(result.stanceCues, '!', 'evaluative')!
    expect(bang.segmentRole).toBe('title')
    expect(result.stanceCues.filter((c) => c.segmentRole === 'title')).toHaveLength(1)
  })

  it('reads as hostile to Iran and its allies', () => {
    const iran = result.actors.filter((a) => a.bloc === 'Iran and allies')
    const mean =
      iran.reduce((s, a) => s + a.stance.score * (a.mentions ?? 1), 0) /
      iran.reduce((s, a) => s + (a.mentions ?? 1), 0)
    expect(mean).toBeLessThan(-0.1)
    expect(result.stanceSummary).toContain('hostile to Iran and allies')
    expect(result.stanceSummary).toContain('delegitimises Syrian government')
  })

  it('gives every actor with a score its evidence sentences, as exact spans', () => {
    for (const a of result.actors) {
      for (const e of a.stance.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.text)
      if (Math.abs(a.stance.score) >= 0.1) expect(a.stance.evidence.length).toBeGreaterThan(0)
    }
  })
})

describe('stance on sample B (Iran Admits “Heavy Casualties”)', async () => {
  const doc = await loadSeed(SEED_B)
  const result = run(doc)
  const actorName = (id: string | null) => result.actors.find((a) => a.id === id)?.name

  it('finds the scare-quoted “insurgents” and “rebels” and gives them to the opposition', () => {
    const quotes = result.stanceCues.filter((c) => c.kind === 'scare_quote')
    expect(quotes.map((q) => q.text)).toEqual(
      expect.arrayContaining(['“heavy casualities”', '“insurgents”', '“rebels.”']),
    )
    expect(quotes.filter((q) => q.text === '“rebels.”')).toHaveLength(2)
    for (const q of quotes.filter((x) => x.text !== '“heavy casualities”')) {
      expect(actorName(q.actor)).toBe('Syrian opposition')
    }
    const rebels = result.actors
      .find((a) => a.name === 'Syrian opposition')!
      .labels.filter((l) => l.text === 'rebels')
    expect(rebels.map((l) => l.connotation)).toEqual(['delegitimising', 'delegitimising'])
    expect(labelsOf(result.actors, 'Syrian opposition')).toEqual(
      expect.arrayContaining(['US-backed “insurgents”', 'Jaish al-Fatah']),
    )
  })

  it('does not take quoted speech for scare quotes', () => {
    const texts = result.stanceCues.filter((c) => c.kind === 'scare_quote').map((c) => c.text)
    expect(texts.some((t) => t.includes('several of its soldiers'))).toBe(false)
    expect(texts.some((t) => t.includes('knows that terrorism'))).toBe(false)
    // The headline's quote follows "Admits": it is Iran's word, reported.
    expect(texts).not.toContain('“Heavy Casualties”')
  })

  it('finds the loaded term, hedges and boosters', () => {
    const propaganda = cue(result.stanceCues, 'propaganda', 'loaded_term')!
    expect(actorName(propaganda.actor)).toBe('the West')
    expect(propaganda.rule).toContain('loaded-terms.json')
    for (const b of ['actually', 'almost certainly', 'Contrary to'])
      expect(cue(result.stanceCues, b, 'booster')).toBeDefined()
    for (const h of ['could be', 'appear to be', 'probably', 'are believed'])
      expect(cue(result.stanceCues, h, 'hedge')).toBeDefined()
    for (const c of result.stanceCues)
      if (c.kind === 'hedge' || c.kind === 'booster') expect(c.polarity).toBe(0)
  })

  it('summarises B as hostile to the West and delegitimising the opposition', () => {
    expect(result.stanceSummary).toContain('delegitimises Syrian opposition')
    expect(result.stanceSummary).toContain('hostile to the West')
    expect(result.stanceSummary).toContain('favourable to Syrian government')
    expect(result.stanceSummary).not.toMatch(/hostile to (Iran|Syrian government)/)
    // Delegitimising labels already say hostile: the summary does not say it twice.
    expect(result.stanceSummary).not.toContain('hostile to Syrian opposition')
    expect(result.actors.find((a) => a.name === 'Syrian opposition')!.stance.score).toBeLessThan(
      -0.15,
    )
  })

  it('leaves captions, widgets and reader comments out by default', () => {
    const commentsStart = doc.text.indexOf('  1. Isis')
    expect(result.stanceCues.every((c) => c.start < commentsStart)).toBe(true)
    expect(result.stanceCues.some((c) => c.text === 'monsters')).toBe(false)
    const captionStart = doc.text.indexOf('The Iranian army in action')
    expect(
      result.actors.every((a) =>
        a.labels.every((l) => l.start < captionStart || l.start > captionStart + 50),
      ),
    ).toBe(true)
  })

  it('analyses reader comments as their own layer when asked', () => {
    const withComments = run(doc, true)
    const comments = withComments.stanceCues.filter((c) => c.segmentRole === 'comments')
    expect(comments.map((c) => c.text)).toEqual(expect.arrayContaining(['monsters', '‘refugees’']))
    // The article's own cues are unchanged.
    const article = withComments.stanceCues.filter((c) => c.segmentRole !== 'comments')
    expect(article.map((c) => [c.start, c.kind])).toEqual(
      result.stanceCues.map((c) => [c.start, c.kind]),
    )
  })

  it('gives every cue an id, exact offsets and a rule', () => {
    const ids = new Set(result.stanceCues.map((c) => c.id))
    expect(ids.size).toBe(result.stanceCues.length)
    for (const c of result.stanceCues) {
      expect(doc.text.slice(c.start, c.end)).toBe(c.text)
      expect(c.rule).toMatch(/^(lexicon:|rule:|user-lexicon)/)
      expect(c.polarity).toBeGreaterThanOrEqual(-1)
      expect(c.polarity).toBeLessThanOrEqual(1)
    }
  })
})
