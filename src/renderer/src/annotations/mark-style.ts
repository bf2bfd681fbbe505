import type { CSSProperties } from 'react'
import type { Highlight, LayerId } from '../lib/highlights'

/** The attributes a run's mark gets from the annotations over it (reader and columns alike). */
export interface AnnotationMarkProps {
  /** Ids of the annotations over the run, for the card and the link lines. */
  'data-anns'?: string
  /** note, stance, figure or code: each has its own underline (app.css). */
  'data-ann-kind'?: string
  style?: CSSProperties
}

/**
 * The innermost annotation (the last to begin) sets the colour and style: where a short coded
 * phrase sits inside a long note, the phrase is what the researcher points at.
 */
export function annotationMarkProps(highlights: readonly Highlight[]): AnnotationMarkProps {
  const anns = highlights.filter((h) => h.layer === 'annotations')
  const top = anns.at(-1)
  if (!top) return {}
  return {
    'data-anns': anns.map((h) => h.targetId).join(' '),
    'data-ann-kind': top.variant,
    // A custom property is not in CSSProperties' keys: React passes it through unchanged.
    style: { '--px-ann': top.colour } as CSSProperties,
  }
}

/** The attributes of a highlighted run's mark, shared by the reader and the comparison columns. */
export interface HighlightMarkProps extends AnnotationMarkProps {
  /** `px-hl px-hl-<layer>…`: the layers' styles (app.css). */
  className: string
  'data-layers': string
  /** Each layer's variant (figure qualifier, entity type…), styled by app.css. */
  'data-qualifier'?: string
  'data-entity'?: string
  'data-attr'?: string
  'data-stance'?: string
  /** `<layer>:<id>` of every item over the run: what the card explains. */
  'data-targets': string
}

/** Layers, their variants, the items shown and the annotation styling of one run. */
export function highlightMarkProps(highlights: readonly Highlight[]): HighlightMarkProps {
  const layers = [...new Set(highlights.map((h) => h.layer))]
  const variant = (layer: LayerId) => highlights.find((h) => h.layer === layer)?.variant
  return {
    className: ['px-hl', ...layers.map((l) => `px-hl-${l}`)].join(' '),
    'data-layers': layers.join(' '),
    'data-qualifier': variant('figures'),
    'data-entity': variant('entities'),
    'data-attr': variant('attributions'),
    'data-stance': variant('stance'),
    'data-targets': [...new Set(highlights.map((h) => `${h.layer}:${h.targetId}`))].join(' '),
    ...annotationMarkProps(highlights),
  }
}
