import { describe, expect, it } from 'vitest'
import type { DocumentAnalysis } from '../../../shared/analysis'
import { MACHINE_LAYERS, type Annotation } from '../../../shared/annotation'
import {
  findReviewItem,
  itemText,
  machineSays,
  reviewItems,
  reviewKey,
  reviewsByKey,
  sentenceAt,
} from './review-items'

const TEXT =
  'Fars said 13 Guards were killed. IRGC officials claimed victory. The so-called rebels fled.'
const at = (words: string, from = 0) => {
  const start = TEXT.indexOf(words, from)
  return { start, end: start + words.length, text: words }
}

/** A small analysis of TEXT with one item of every layer (two entities, out of text order). */
const analysis: DocumentAnalysis = {
  docId: 'd1',
  analyserVersion: 'test',
  sentences: [
    { start: 0, end: 32 },
    { start: 33, end: 64 },
    { start: 65, end: TEXT.length },
  ],
  figures: [
    {
      id: 'fig-0',
      ...at('13'),
      segmentRole: 'body',
      value: 13,
      low: 13,
      high: 13,
      qualifier: 'exact',
      qualifierText: null,
      kind: 'count',
      unit: null,
      measure: { ...at('killed'), normalized: 'killed' },
      subject: at('Guards'),
      timeScope: null,
      location: null,
      source: at('Fars'),
      sentence: { start: 0, end: 32 },
      evidence: [],
      confidence: 0.9,
    },
  ],
  dates: [],
  entities: [
    { id: 'ent-1', type: 'group', name: 'IRGC', aliases: [], mentions: [at('IRGC')], evidence: [] },
    {
      id: 'ent-0',
      type: 'organisation',
      name: 'Fars news agency',
      aliases: ['Fars'],
      mentions: [at('Fars')],
      evidence: [],
    },
  ],
  attributions: [
    {
      id: 'att-0',
      kind: 'reported',
      speaker: at('IRGC officials'),
      verb: at('claimed'),
      verbLemma: 'claim',
      verbStrength: 'distancing',
      content: at('victory'),
      sentence: { start: 33, end: 64 },
      evidence: [],
    },
  ],
  actors: [
    {
      id: 'opposition',
      name: 'Syrian opposition',
      entityIds: [],
      labels: [],
      stance: { score: -0.5, evidence: [] },
    },
  ],
  stanceCues: [
    {
      id: 'cue-0',
      ...at('so-called rebels'),
      kind: 'scare_quote',
      actor: 'opposition',
      polarity: -0.6,
      rule: 'rule:so-called',
      segmentRole: 'body',
    },
  ],
  stanceSummary: null,
  elapsedMs: 0,
}

describe('review items', () => {
  it('lists every layer with its sentence, words and what the machine says', () => {
    for (const layer of MACHINE_LAYERS) {
      const items = reviewItems(analysis, layer)
      expect(items.length, layer).toBeGreaterThan(0)
      for (const item of items) {
        expect(item.sentence.start).toBeLessThanOrEqual(item.start)
        expect(item.sentence.end).toBeGreaterThanOrEqual(item.end)
        expect(findReviewItem(analysis, layer, item.machineId)).toEqual(item)
      }
    }
    // Entities in text order, anchored on their first mention.
    expect(reviewItems(analysis, 'entity').map((i) => [i.machineId, i.start])).toEqual([
      ['ent-0', 0],
      ['ent-1', TEXT.indexOf('IRGC')],
    ])
    const [attribution] = reviewItems(analysis, 'attribution')
    // An attribution spans its speaker, verb and content.
    expect(TEXT.slice(attribution!.start, attribution!.end)).toBe('IRGC officials claimed victory')
    expect(itemText(attribution!)).toBe('IRGC officials')
    expect(machineSays(attribution!)).toBe(
      'IRGC officials claimed (distancing) · reported: “victory”',
    )
    const [cue] = reviewItems(analysis, 'stance')
    expect(machineSays(cue!)).toBe('scare quote · polarity -0.6 · toward Syrian opposition')
    const [figure] = reviewItems(analysis, 'figure')
    expect(machineSays(figure!)).toBe(
      'exact 13 · count · measure: killed · subject: Guards · source: Fars',
    )
    // A vague amount says "vague" once, with the interval it stands for.
    const several = {
      ...figure!,
      figure: {
        ...analysis.figures[0]!,
        value: null,
        low: 3,
        high: 9,
        qualifier: 'vague' as const,
      },
    }
    expect(machineSays(several)).toBe(
      'vague (3–9) · count · measure: killed · subject: Guards · source: Fars',
    )
    expect(machineSays(reviewItems(analysis, 'entity')[0]!)).toBe(
      'Fars news agency (organisation) · also: Fars · 1 mention',
    )
    expect(findReviewItem(analysis, 'figure', 'fig-9')).toBeUndefined()
  })

  it('finds the sentence around a span and keys reviews by document, layer and id', () => {
    const sentences = [
      { start: 0, end: 10 },
      { start: 11, end: 30 },
      { start: 31, end: 50 },
    ]
    expect(sentenceAt(sentences, 12, 15)).toEqual({ start: 11, end: 30 })
    expect(sentenceAt(sentences, 40, 55)).toEqual({ start: 31, end: 55 })
    expect(sentenceAt([], 3, 7)).toEqual({ start: 3, end: 7 })
    const review = (docId: string, id: string): Annotation => ({
      id: `${docId}-${id}`,
      target: { docId, start: 0, end: 1, exact: 'x', prefix: '', suffix: '' },
      kind: 'machine-review',
      machineRef: { layer: 'figure', id },
      status: 'accepted',
      links: [],
      author: '',
      created: '',
      modified: '',
    })
    const map = reviewsByKey([review('a', 'fig-0'), review('b', 'fig-0')])
    expect(map.get(reviewKey('a', 'figure', 'fig-0'))?.id).toBe('a-fig-0')
    expect(map.get(reviewKey('b', 'figure', 'fig-0'))?.id).toBe('b-fig-0')
    expect(map.has(reviewKey('a', 'entity', 'fig-0'))).toBe(false)
  })
})
