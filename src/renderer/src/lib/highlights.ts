import { SpanIndex } from './span-index'
import type { DocumentAnalysis, StanceCueKind } from '../../../shared/analysis'

export const LAYERS = ['figures', 'entities', 'attributions', 'stance', 'annotations'] as const
export type LayerId = (typeof LAYERS)[number]

export const LAYER_LABELS: Record<LayerId, string> = {
  figures: 'Figures',
  entities: 'Entities',
  attributions: 'Sources & quotes',
  stance: 'Stance cues',
  annotations: 'Annotations',
}

/**
 * One highlighted stretch of text, pointing back at the analysis object it comes from. An
 * attribution yields several (speaker, verb, content) that share `targetId`.
 */
export interface Highlight {
  key: string
  layer: LayerId
  start: number
  end: number
  /** Style variant inside the layer: the figure qualifier, entity type, stance cue kind… */
  variant: string
  targetId: string
  /** `#rrggbb` of the annotation's code (annotations layer only). */
  colour?: string
}

/** A stretch of text with the same set of highlights over all of it. */
export interface Run {
  start: number
  end: number
  highlights: Highlight[]
}

const STANCE_VARIANT: Record<StanceCueKind, string> = {
  label: 'label',
  scare_quote: 'scare-quote',
  distancing: 'scare-quote',
  loaded_term: 'loaded-term',
  evaluative: 'loaded-term',
  hedge: 'hedge',
  booster: 'booster',
}

/** The highlights of the visible layers, sorted by start (then longest first). */
export function buildHighlights(
  analysis: DocumentAnalysis,
  visible: ReadonlySet<LayerId>,
): Highlight[] {
  const out: Highlight[] = []
  if (visible.has('figures')) {
    for (const f of analysis.figures) {
      out.push({
        key: `f:${f.id}`,
        layer: 'figures',
        start: f.start,
        end: f.end,
        variant: f.qualifier,
        targetId: f.id,
      })
    }
  }
  if (visible.has('entities')) {
    for (const e of analysis.entities) {
      e.mentions.forEach((m, i) =>
        out.push({
          key: `e:${e.id}:${i}`,
          layer: 'entities',
          start: m.start,
          end: m.end,
          variant: e.type,
          targetId: e.id,
        }),
      )
    }
  }
  if (visible.has('attributions')) {
    for (const a of analysis.attributions) {
      const parts = [
        ['speaker', a.speaker],
        ['verb', a.verb],
        ['content', a.content],
      ] as const
      for (const [variant, span] of parts) {
        if (span && span.end > span.start) {
          out.push({
            key: `a:${a.id}:${variant}`,
            layer: 'attributions',
            start: span.start,
            end: span.end,
            variant,
            targetId: a.id,
          })
        }
      }
    }
  }
  if (visible.has('stance')) {
    for (const c of analysis.stanceCues) {
      out.push({
        key: `s:${c.id}`,
        layer: 'stance',
        start: c.start,
        end: c.end,
        variant: STANCE_VARIANT[c.kind],
        targetId: c.id,
      })
    }
  }
  return out
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.key.localeCompare(b.key))
}

/** The reader's index of highlights by position (see SpanIndex). */
export class HighlightIndex extends SpanIndex<Highlight> {}

/**
 * Splits [start, end) into runs where the set of covering highlights is constant, so overlapping
 * annotations ("at least 40 member of the Revolutionary Guards" inside a reported clause) render
 * as flat, non-nested spans. Runs with no highlight are included, so the runs tile the range.
 */
export function splitRuns(start: number, end: number, highlights: readonly Highlight[]): Run[] {
  const cuts = new Set<number>([start, end])
  for (const h of highlights) {
    if (h.start > start && h.start < end) cuts.add(h.start)
    if (h.end > start && h.end < end) cuts.add(h.end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const runs: Run[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i] as number
    const e = points[i + 1] as number
    runs.push({ start: s, end: e, highlights: highlights.filter((h) => h.start < e && h.end > s) })
  }
  return runs
}
