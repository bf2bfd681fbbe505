/**
 * Annotations a researcher makes (or reviews) on documents, and the codebook they are coded with.
 * A target carries both W3C Web Annotation selectors: a text-position selector (start/end) for
 * speed and a text-quote selector (exact/prefix/suffix) so the annotation re-attaches when the
 * document is re-imported with small edits.
 */

import {
  ENTITY_TYPES,
  FIGURE_KINDS,
  QUALIFIERS,
  STANCE_CUE_KINDS,
  type EntityType,
  type FigureKind,
  type Qualifier,
  type StanceCueKind,
  type VerbStrength,
} from './analysis'
import { SchemaError, v, type Schema } from './validate'

/** Where an annotation sits: W3C TextPositionSelector + TextQuoteSelector on one document. */
export interface AnnotationTarget {
  docId: string
  /** UTF-16 code-unit offsets into the document's `text`. */
  start: number
  end: number
  /** The annotated text as it was when the annotation was made or last re-anchored. */
  exact: string
  /** Up to 32 characters before `exact`, to tell repeated quotes apart. */
  prefix: string
  /** Up to 32 characters after `exact`. */
  suffix: string
  /** Set when re-anchoring could not find the quote in a changed text; the offsets are stale. */
  isOrphaned?: boolean
}

export const ANNOTATION_KINDS = ['code', 'note', 'stance', 'figure', 'machine-review'] as const
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number]

export const ANNOTATION_STATUSES = ['pending', 'accepted', 'rejected', 'edited'] as const
/** Review status. Researchers' own annotations start `accepted`; machine ones start `pending`. */
export type AnnotationStatus = (typeof ANNOTATION_STATUSES)[number]

export const LINK_RELATIONS = ['same_claim', 'contradicts', 'supports', 'derived_from'] as const
export type LinkRelation = (typeof LINK_RELATIONS)[number]

export const STANCE_VALUES = ['supports', 'opposes', 'neutral'] as const
export type StanceValue = (typeof STANCE_VALUES)[number]

export const MACHINE_LAYERS = ['figure', 'entity', 'attribution', 'stance'] as const
export type MachineLayer = (typeof MACHINE_LAYERS)[number]

/**
 * A figure as the researcher states it: one the machine missed, or the corrected reading of a
 * machine figure (an `edited` review). Feeds the figure reconciliation like a machine figure.
 */
export interface AnnotationFigure {
  /** Point value; null for vague amounts ("dozens"). */
  value: number | null
  qualifier: Qualifier
  kind?: FigureKind
  /** Interval the qualifier implies, when the researcher sets it; null = unbounded. */
  low?: number | null
  high?: number | null
  unit?: string | null
  /** What happened to what is counted ("killed"). */
  measure?: string | null
  /** What is counted ("members of the Revolutionary Guards"). */
  subject?: string | null
  /** Time scope in words ("in the past 3 weeks"). */
  scope?: string | null
  location?: string | null
  /** Who the text attributes the figure to. */
  source?: string | null
}

/** Every reporting-verb strength, for the reviewer's picker and the schema. */
export const VERB_STRENGTHS = [
  'neutral',
  'assertive',
  'distancing',
  'concessive',
  'tentative',
] as const satisfies readonly VerbStrength[]

/**
 * A researcher's correction of a machine entity, attribution or stance cue (an `edited` review);
 * figures are corrected with `figure` instead. Only the part for the review's layer is set.
 */
export interface ReviewCorrection {
  /**
   * The entity's corrected name and/or type. `was` is the name it had when reviewed: the
   * correction is applied as an entity edit by name, so it survives a newer analyser.
   */
  entity?: { was: string; name?: string; type?: EntityType }
  /** The speaker as it should read (null: nobody is named) and the verb's real strength. */
  attribution?: { speaker?: string | null; verbStrength?: VerbStrength | null }
  /** The cue's corrected kind and polarity (-1..1), or `isNotCue`: the words are no stance cue. */
  stanceCue?: { kind?: StanceCueKind; polarity?: number; isNotCue?: boolean }
}

/** A correction in words, for the queue and the exports ("name “IRGC” → “Revolutionary Guards”; type organisation") */
export function describeCorrection(c: ReviewCorrection): string {
  const parts: string[] = []
  if (c.entity) {
    if (c.entity.name !== undefined && c.entity.name !== c.entity.was)
      parts.push(`name “${c.entity.was}” → “${c.entity.name}”`)
    if (c.entity.type) parts.push(`type ${c.entity.type}`)
  }
  if (c.attribution) {
    if (c.attribution.speaker !== undefined)
      parts.push(
        `speaker ${c.attribution.speaker === null ? 'none' : `“${c.attribution.speaker}”`}`,
      )
    if (c.attribution.verbStrength !== undefined)
      parts.push(`verb strength ${c.attribution.verbStrength ?? 'none'}`)
  }
  if (c.stanceCue) {
    if (c.stanceCue.isNotCue) parts.push('not a stance cue')
    else {
      if (c.stanceCue.kind) parts.push(`cue kind ${c.stanceCue.kind}`)
      if (c.stanceCue.polarity !== undefined) parts.push(`polarity ${c.stanceCue.polarity}`)
    }
  }
  return parts.join('; ')
}

/** A link from this annotation to another one (usually in another document). */
export interface AnnotationLink {
  /** The other annotation's id. */
  to: string
  relation: LinkRelation
}

/** One annotation: a highlight with a code, a note, a stance, a figure or a machine review. */
export interface Annotation {
  id: string
  target: AnnotationTarget
  kind: AnnotationKind
  /** Codebook id. */
  code?: string
  note?: string
  stance?: { toward: string; value: StanceValue }
  figure?: AnnotationFigure
  /** For reviews of machine annotations: which analysis item this reviews. */
  machineRef?: { layer: MachineLayer; id: string }
  /** For an `edited` review of an entity, attribution or stance cue: what the researcher fixed. */
  correction?: ReviewCorrection
  status: AnnotationStatus
  links: AnnotationLink[]
  author: string
  /** ISO 8601 date-times. */
  created: string
  modified: string
}

/** A code of the hierarchical codebook. */
export interface Code {
  id: string
  name: string
  /** The parent code's id; null for a top-level code. */
  parentId: string | null
  /** `#rrggbb`. */
  colour: string
  description: string
}

const COLOUR = /^#[0-9a-fA-F]{6}$/

const id = v.string({ min: 1, max: 200 })
const isoDate = v.string({ min: 1, max: 64 })
const offset = v.number({ min: 0, integer: true })
const optText = (max: number) => v.optional(v.nullable(v.string({ max })))

/** Checks a target; `end` must not come before `start`. */
export const annotationTargetSchema: Schema<AnnotationTarget> = (() => {
  const inner = v.object({
    docId: id,
    start: offset,
    end: offset,
    exact: v.string({ max: 10_000_000 }),
    prefix: v.string({ max: 1000 }),
    suffix: v.string({ max: 1000 }),
    isOrphaned: v.optional(v.boolean()),
  })
  return {
    description: 'an annotation target',
    parse(value: unknown, path = ''): AnnotationTarget {
      const t = inner.parse(value, path)
      if (t.end < t.start) throw new SchemaError(path ? `${path}.end` : 'end', 'not before start')
      return t
    },
  }
})()

export const annotationFigureSchema: Schema<AnnotationFigure> = v.object({
  value: v.nullable(v.number()),
  qualifier: v.literal(...QUALIFIERS),
  kind: v.optional(v.literal(...FIGURE_KINDS)),
  low: v.optional(v.nullable(v.number())),
  high: v.optional(v.nullable(v.number())),
  unit: optText(200),
  measure: optText(500),
  subject: optText(2000),
  scope: optText(2000),
  location: optText(2000),
  source: optText(2000),
})

/** Checks a correction; an entity correction must change the name or the type. */
export const reviewCorrectionSchema: Schema<ReviewCorrection> = (() => {
  const inner = v.object({
    entity: v.optional(
      v.object({
        was: v.string({ min: 1, max: 500 }),
        name: v.optional(v.string({ min: 1, max: 500 })),
        type: v.optional(v.literal(...ENTITY_TYPES)),
      }),
    ),
    attribution: v.optional(
      v.object({
        speaker: optText(2000),
        verbStrength: v.optional(v.nullable(v.literal(...VERB_STRENGTHS))),
      }),
    ),
    stanceCue: v.optional(
      v.object({
        kind: v.optional(v.literal(...STANCE_CUE_KINDS)),
        polarity: v.optional(v.number({ min: -1, max: 1 })),
        isNotCue: v.optional(v.boolean()),
      }),
    ),
  })
  return {
    description: 'a review correction',
    parse(value: unknown, path = ''): ReviewCorrection {
      const c = inner.parse(value, path)
      if (c.entity && c.entity.name === undefined && c.entity.type === undefined) {
        throw new SchemaError(path ? `${path}.entity` : 'entity', 'a new name or type')
      }
      return c
    },
  }
})()

/** Checks one annotation (at the API boundary and when a project file is opened). */
export const annotationSchema: Schema<Annotation> = v.object({
  id,
  target: annotationTargetSchema,
  kind: v.literal(...ANNOTATION_KINDS),
  code: v.optional(id),
  note: v.optional(v.string({ max: 1_000_000 })),
  stance: v.optional(
    v.object({ toward: v.string({ min: 1, max: 500 }), value: v.literal(...STANCE_VALUES) }),
  ),
  figure: v.optional(annotationFigureSchema),
  machineRef: v.optional(v.object({ layer: v.literal(...MACHINE_LAYERS), id })),
  correction: v.optional(reviewCorrectionSchema),
  status: v.literal(...ANNOTATION_STATUSES),
  links: v.array(v.object({ to: id, relation: v.literal(...LINK_RELATIONS) }), { max: 10_000 }),
  author: v.string({ max: 500 }),
  created: isoDate,
  modified: isoDate,
})

/** Checks one code; the colour must be `#rrggbb`. */
export const codeSchema: Schema<Code> = (() => {
  const inner = v.object({
    id,
    name: v.string({ min: 1, max: 500 }),
    parentId: v.nullable(id),
    colour: v.string({ min: 7, max: 7 }),
    description: v.string({ max: 100_000 }),
  })
  return {
    description: 'a code',
    parse(value: unknown, path = ''): Code {
      const c = inner.parse(value, path)
      if (!COLOUR.test(c.colour)) {
        throw new SchemaError(path ? `${path}.colour` : 'colour', 'a colour like #1f77b4')
      }
      return c
    },
  }
})()

/** Checks a whole codebook: unique ids, parents that exist, no cycles. */
export const codebookSchema: Schema<Code[]> = (() => {
  const list = v.array(codeSchema, { max: 100_000 })
  return {
    description: 'a codebook',
    parse(value: unknown, path = ''): Code[] {
      const codes = list.parse(value, path)
      const byId = new Map(codes.map((c) => [c.id, c]))
      codes.forEach((c, i) => {
        const at = `${path}[${i}]`
        if (byId.get(c.id) !== c) throw new SchemaError(`${at}.id`, 'a unique id')
        const seen = new Set<string>([c.id])
        for (let p = c.parentId; p !== null;) {
          const parent = byId.get(p)
          if (!parent || seen.has(p)) {
            throw new SchemaError(`${at}.parentId`, 'an existing code, without cycles')
          }
          seen.add(p)
          p = parent.parentId
        }
      })
      return codes
    },
  }
})()
