/**
 * What the analysis finds in a document. Every machine annotation carries its `evidence`: the
 * rules and lexicon entries that produced it, shown to the researcher on hover.
 */

import type { SegmentRole } from './document'

/** A stretch of a document's text. Offsets are UTF-16 code units into the document's `text`. */
export interface Span {
  start: number
  end: number
  text: string
}

export const FIGURE_KINDS = [
  'count',
  'percent',
  'money',
  'distance',
  'duration',
  'date',
  'ratio',
  'rate',
  'age',
  'other',
] as const
export type FigureKind = (typeof FIGURE_KINDS)[number]

export const QUALIFIERS = [
  'exact',
  'at_least',
  'at_most',
  'about',
  'more_than',
  'less_than',
  'vague',
] as const
export type Qualifier = (typeof QUALIFIERS)[number]

/** A measure: what happened to what is counted ("killed"), with the word as written. */
export interface MeasureSpan extends Span {
  /** Normalised measure: killed, wounded, missing, arrested, present, displaced, protesters… */
  normalized: string
}

/** A time scope with, when it can be resolved against the document date, ISO bounds. */
export interface TimeScopeSpan extends Span {
  /** ISO date (YYYY-MM-DD) the scope starts, when known. */
  from?: string
  /** ISO date the scope ends, when known. */
  to?: string
  /** cumulative ("in total", "so far"), window ("in the past 3 weeks"), point ("on May 6"). */
  type?: 'cumulative' | 'window' | 'point' | 'since' | 'other'
}

/** A source a figure or claim is attributed to. */
export interface SourceSpan extends Span {
  /** The entity the source refers to, when it was recognised. */
  entityId?: string
  /** The source this one was relayed through ("a Revolutionary Guards official" via "Fars"). */
  via?: Span
  /** For a pronoun speaker ("He"), the earlier named speaker it refers to. */
  antecedent?: Span
}

/** A number in the text, with what it counts and how sure the text is of it. */
export interface Figure {
  id: string
  start: number
  end: number
  text: string
  /** The role of the segment the figure is in; body figures are the article's own. */
  segmentRole: SegmentRole
  /** Normalised point value; null for vague amounts ("dozens"). For ranges, the midpoint. */
  value: number | null
  /** Lower end of the interval the qualifier implies; null when unbounded below. */
  low: number | null
  /** Upper end of the interval the qualifier implies; null when unbounded ("at least 40"). */
  high: number | null
  qualifier: Qualifier
  /** The words that set the qualifier ("at least"), when there are any. */
  qualifierText: string | null
  kind: FigureKind
  /** Unit for non-count kinds: "miles", "km", "USD", "%", "years"… */
  unit: string | null
  measure: MeasureSpan | null
  /** What is counted ("members of the Revolutionary Guards"). */
  subject: Span | null
  timeScope: TimeScopeSpan | null
  location: Span | null
  source: SourceSpan | null
  /** The sentence the figure is in. */
  sentence: { start: number; end: number }
  /** The rules and lexicon entries that fired, in words. */
  evidence: string[]
  /** 0..1. */
  confidence: number
}

/** A date or time expression, kept apart from figures. */
export interface DateMention {
  start: number
  end: number
  text: string
  /** ISO date when resolved against the document's date (or absolute in the text). */
  iso: string | null
}

export const ENTITY_TYPES = ['person', 'organisation', 'place', 'group'] as const
export type EntityType = (typeof ENTITY_TYPES)[number]

export interface EntityMention {
  start: number
  end: number
  text: string
}

/** A person, organisation, place or group, with every name the text uses for it. */
export interface Entity {
  id: string
  type: EntityType
  /** The fullest name used ("Islamic Revolutionary Guard Corps"). */
  name: string
  /** Other names for the same referent ("IRGC", "Revolutionary Guards"). */
  aliases: string[]
  mentions: EntityMention[]
  evidence: string[]
  /** Whether the researcher renamed, merged or split it (kept across re-analysis). */
  isEdited?: boolean
}

/**
 * A researcher's correction to the entity list. Edits name entities by their names (any alias
 * matches, case- and spelling-insensitively) and mentions by offsets plus text, so they still
 * apply when the document is analysed again by a newer analyser.
 */
export type EntityEdit =
  | { kind: 'rename'; name: string; newName: string }
  | { kind: 'merge'; names: string[]; newName?: string }
  | {
      kind: 'split'
      name: string
      /** The mentions that become their own entity. */
      mentions: EntityMention[]
      newName: string
      type?: EntityType
    }
  | { kind: 'delete'; name: string }
  | { kind: 'retype'; name: string; type: EntityType }

export const ATTRIBUTION_KINDS = ['quote', 'reported', 'according_to'] as const
export type AttributionKind = (typeof ATTRIBUTION_KINDS)[number]

/**
 * How strongly a reporting verb commits the writer: `neutral` (said), `assertive` (confirmed,
 * stressed), `distancing` (claimed, alleged), `concessive` (admitted, conceded).
 */
export type VerbStrength = 'neutral' | 'assertive' | 'distancing' | 'concessive' | 'tentative'

/** Who said what: a quote, reported speech, or "according to X". */
export interface Attribution {
  id: string
  kind: AttributionKind
  speaker: SourceSpan | null
  /** The reporting verb as written ("quoted", "confirmed"), if any. */
  verb: Span | null
  verbLemma: string | null
  verbStrength: VerbStrength | null
  /** What is attributed: the quote or the reported clause. */
  content: Span
  /** The sentence the attribution is in. */
  sentence: { start: number; end: number }
  evidence: string[]
}

export const STANCE_CUE_KINDS = [
  'label',
  'scare_quote',
  'distancing',
  'loaded_term',
  'evaluative',
  'hedge',
  'booster',
] as const
export type StanceCueKind = (typeof STANCE_CUE_KINDS)[number]

export const CONNOTATIONS = [
  'neutral',
  'sympathetic',
  'legitimising',
  'delegitimising',
  'pejorative',
] as const
export type Connotation = (typeof CONNOTATIONS)[number]

/** A word or device that shows how the text positions itself. */
export interface StanceCue {
  id: string
  start: number
  end: number
  text: string
  kind: StanceCueKind
  /** The actor (id) the cue bears on, when it bears on one. */
  actor: string | null
  /** -1 (hostile) .. +1 (favourable); 0 when the cue has no direction (hedges). */
  polarity: number
  /** The lexicon entry or rule that fired ("lexicon:loaded-terms 'propaganda'"). */
  rule: string
  connotation?: Connotation
  segmentRole: SegmentRole
}

/** A label one document uses for an actor, with its connotation. */
export interface ActorLabel {
  text: string
  start: number
  end: number
  connotation: Connotation
  rule: string
}

/** A main actor of a document and how the document treats it. */
export interface Actor {
  id: string
  /** Canonical name shared across documents ("Syrian opposition"). */
  name: string
  entityIds: string[]
  labels: ActorLabel[]
  /** -1..+1 with the sentences that carry it. */
  stance: { score: number; evidence: Span[] }
  /** The camp the actor is summarised with ("Iran and allies", "the West"). */
  bloc?: string
  /** How many times the document names the actor (labels plus entity mentions). */
  mentions?: number
}

/** Everything the analysis found in one document. */
export interface DocumentAnalysis {
  docId: string
  analyserVersion: string
  sentences: { start: number; end: number }[]
  figures: Figure[]
  dates: DateMention[]
  entities: Entity[]
  attributions: Attribution[]
  actors: Actor[]
  stanceCues: StanceCue[]
  /** One-line summary of the document's stance ("hostile to the West; …"), when there is one. */
  stanceSummary: string | null
  /** Milliseconds the analysis took. */
  elapsedMs: number
}
