import { describe, expect, it } from 'vitest'
import type { DocumentAnalysis, Figure } from '../../../shared/analysis'
import { buildHighlights, HighlightIndex, LAYERS, splitRuns, type Highlight } from './highlights'

const text =
  'According to the Iranian media, at least 40 member of the Revolutionary Guards have been killed.'
const at = (s: string) => {
  const start = text.indexOf(s)
  if (start < 0) throw new Error(`no ${s}`)
  return { start, end: start + s.length, text: s }
}

function figure(span: { start: number; end: number; text: string }): Figure {
  return {
    id: 'fig-1',
    ...span,
    segmentRole: 'body',
    value: 40,
    low: 40,
    high: null,
    qualifier: 'at_least',
    qualifierText: 'at least',
    kind: 'count',
    unit: null,
    measure: { ...at('killed'), normalized: 'killed' },
    subject: at('member of the Revolutionary Guards'),
    timeScope: null,
    location: null,
    source: at('the Iranian media'),
    sentence: { start: 0, end: text.length },
    evidence: ['qualifier: at least'],
    confidence: 0.9,
  }
}

const analysis: DocumentAnalysis = {
  docId: 'd',
  analyserVersion: 't',
  sentences: [{ start: 0, end: text.length }],
  figures: [figure(at('at least 40'))],
  dates: [],
  entities: [
    {
      id: 'irgc',
      type: 'organisation',
      name: 'Islamic Revolutionary Guard Corps',
      aliases: ['Revolutionary Guards'],
      mentions: [at('Revolutionary Guards')],
      evidence: [],
    },
  ],
  attributions: [
    {
      id: 'att-1',
      kind: 'according_to',
      speaker: at('the Iranian media'),
      verb: null,
      verbLemma: null,
      verbStrength: null,
      content: at('at least 40 member of the Revolutionary Guards have been killed'),
      sentence: { start: 0, end: text.length },
      evidence: [],
    },
  ],
  actors: [],
  stanceCues: [],
  stanceSummary: null,
  elapsedMs: 1,
}

const runText = (r: { start: number; end: number }) => text.slice(r.start, r.end)

describe('highlights', () => {
  it('splits overlapping figure, entity and attribution spans into flat runs that tile the text', () => {
    const all = buildHighlights(analysis, new Set(LAYERS))
    const runs = splitRuns(0, text.length, all)
    expect(runs.map(runText).join('')).toBe(text)
    const layersOf = (s: string) =>
      runs
        .find((r) => runText(r) === s)
        ?.highlights.map((h) => h.layer)
        .sort()
    expect(layersOf('at least 40')).toEqual(['attributions', 'figures'])
    expect(layersOf('Revolutionary Guards')).toEqual(['attributions', 'entities'])
    expect(layersOf('the Iranian media')).toEqual(['attributions'])
    expect(layersOf('.')).toEqual([])
  })

  it('leaves out the layers that are switched off', () => {
    const onlyFigures = buildHighlights(analysis, new Set(['figures'] as const))
    expect(onlyFigures.map((h) => h.layer)).toEqual(['figures'])
    expect(buildHighlights(analysis, new Set())).toEqual([])
  })

  it('finds the highlights overlapping a range, including long ones that start well before it', () => {
    const sorted: Highlight[] = buildHighlights(analysis, new Set(LAYERS))
    const index = new HighlightIndex(sorted)
    const killed = at('killed')
    const found = index.overlapping(killed.start, killed.end).map((h) => h.key)
    // Only the attribution's content reaches "killed".
    expect(found).toEqual(['a:att-1:content'])
    const brute = (s: number, e: number) =>
      sorted.filter((h) => h.start < e && h.end > s).map((h) => h.key)
    for (let s = 0; s < text.length; s += 7) {
      expect(index.overlapping(s, s + 11).map((h) => h.key)).toEqual(brute(s, s + 11))
    }
  })
})
