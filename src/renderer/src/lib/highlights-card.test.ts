import { describe, expect, it } from 'vitest'
import type { Attribution, Entity, Figure, StanceCue } from '../../../shared/analysis'
import type { AnalysisIndex } from '../components/HighlightCard'
import { parseMarkTargets, placeCard, reviewTargetOf } from './highlights-card'

const text = 'Officials said the Guards lost 40 men; the Guards denied it, state media said.'
const at = (s: string, from = 0) => {
  const start = text.indexOf(s, from)
  if (start < 0) throw new Error(`no ${s}`)
  return { start, end: start + s.length, text: s }
}
const firstGuards = at('Guards')
const secondGuards = at('Guards', firstGuards.end)

const figure = { id: 'fig-0', ...at('40') } as const satisfies Pick<Figure, 'id' | 'start' | 'end'>
const entity = {
  id: 'ent-1',
  mentions: [firstGuards, secondGuards],
} satisfies Pick<Entity, 'id' | 'mentions'>
const attribution = {
  id: 'att-0',
  speaker: at('state media'),
  verb: at('said', at('state media').end),
  content: at('the Guards denied it'),
} satisfies Pick<Attribution, 'id' | 'speaker' | 'verb' | 'content'>
const cue = { id: 'cue-3', ...at('denied') } satisfies Pick<StanceCue, 'id' | 'start' | 'end'>

// Only the fields a review target reads; the rest of each item does not matter here.
const index = {
  figures: new Map([[figure.id, figure as unknown as Figure]]),
  entities: new Map([[entity.id, entity as unknown as Entity]]),
  attributions: new Map([[attribution.id, attribution as unknown as Attribution]]),
  stanceCues: new Map([[cue.id, cue as unknown as StanceCue]]),
  actorNames: new Map<string, string>(),
} satisfies AnalysisIndex

describe('the highlight card', () => {
  it('reads the targets a mark carries, ids with colons included', () => {
    expect(parseMarkTargets('figures:fig-0 annotations:ann:42  stance:cue-3')).toEqual([
      { layer: 'figures', id: 'fig-0' },
      { layer: 'annotations', id: 'ann:42' },
      { layer: 'stance', id: 'cue-3' },
    ])
  })

  it('goes under the mark when there is room, above it otherwise, inside the window', () => {
    const window = { width: 1000, height: 800 }
    expect(placeCard({ top: 100, bottom: 120, left: 50 }, window)).toEqual({ top: 126, left: 50 })
    expect(placeCard({ top: 600, bottom: 620, left: 900 }, window)).toEqual({
      top: 294,
      left: 632,
    })
    expect(placeCard({ top: 100, bottom: 120, left: -20 }, window).left).toBe(8)
  })

  it('anchors a review to the figure, the hovered mention, the whole attribution, the cue', () => {
    const target = (layer: 'figures' | 'entities' | 'attributions' | 'stance', id: string) =>
      ({ layer, id }) as const
    expect(reviewTargetOf(index, target('figures', 'fig-0'), 'd1', figure.start)).toEqual({
      layer: 'figure',
      machineId: 'fig-0',
      docId: 'd1',
      start: figure.start,
      end: figure.end,
    })
    // A run inside the second mention reviews that mention; no run known: the first.
    const second = reviewTargetOf(index, target('entities', 'ent-1'), 'd1', secondGuards.start + 2)
    expect([second?.layer, second?.start, second?.end]).toEqual([
      'entity',
      secondGuards.start,
      secondGuards.end,
    ])
    expect(reviewTargetOf(index, target('entities', 'ent-1'), 'd1', undefined)?.start).toBe(
      firstGuards.start,
    )
    const quote = reviewTargetOf(index, target('attributions', 'att-0'), 'd1', undefined)
    expect([quote?.start, quote?.end]).toEqual([attribution.content.start, attribution.verb.end])
    expect(reviewTargetOf(index, target('stance', 'cue-3'), 'd1', cue.start)?.layer).toBe('stance')
  })

  it('offers no review for annotations or items the analysis no longer has', () => {
    expect(reviewTargetOf(index, { layer: 'annotations', id: 'ann-1' }, 'd1', 0)).toBeNull()
    expect(reviewTargetOf(index, { layer: 'figures', id: 'fig-9' }, 'd1', 0)).toBeNull()
  })
})
