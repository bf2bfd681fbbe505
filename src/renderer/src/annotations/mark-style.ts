import type { CSSProperties } from 'react'
import type { Highlight } from '../lib/highlights'

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
