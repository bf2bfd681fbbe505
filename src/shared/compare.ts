/**
 * What comparing two to six documents finds: figures set against each other, within-document
 * inconsistencies, aligned claims, who cites whom, the labels each document uses for the same
 * actor, and whether one text is a rewrite of another. Plain JSON data (structured-clone safe);
 * `doc` is always an index into the compared documents, `figure` an index into that document's
 * `analysis.figures`.
 */

/** One figure of one compared document. */
export interface FigureRef {
  doc: number
  figure: number
}

export const QUANTITY_VERDICTS = [
  'agree',
  'compatible',
  'different_scope',
  'conflict',
  'update',
  'unique',
] as const
/**
 * agree: the same value; compatible: different values that can both be true; different_scope:
 * disjoint values that measure different periods, places or subsets; conflict: the same quantity
 * and scope with values that cannot both hold; update: the same claimant revising its own count
 * over time; unique: nothing else measures this quantity.
 */
export type QuantityVerdict = (typeof QUANTITY_VERDICTS)[number]

/** Pair-level verdicts never say `unique`. */
export type PairVerdict = Exclude<QuantityVerdict, 'unique'>

/** How two figures of one quantity relate, in words. */
export interface FigurePair {
  a: FigureRef
  b: FigureRef
  verdict: PairVerdict
  reason: string
  /** The two figures come from the same claimant ("the Health Ministry"). */
  isSameClaimant: boolean
  /** For conflicts: the two sides name different claimants (police vs organisers). */
  isBetweenClaimants: boolean
}

/**
 * One figure as a group shows it: the interval its qualifier implies, in the group's unit, with
 * its scope and claimant, ready for an interval chart.
 */
export interface GroupFigure extends FigureRef {
  /** Lower end in the group's unit; null when unbounded below. */
  low: number | null
  /** Upper end in the group's unit; null when unbounded above. */
  high: number | null
  isLowOpen: boolean
  isHighOpen: boolean
  /** The figure as the text writes it ("at least 700 dead"). */
  text: string
  /** "at least", "almost", "exact"… */
  qualifier: string
  /** The scope in words ("in the past 3 weeks", "May 6, Khan Tuman", "not stated"). */
  scope: string
  /** Who the text attributes it to, normalised ("Fars"), or null. */
  claimant: string | null
}

/** The figures of all documents that measure the same quantity. */
export interface QuantityGroup {
  /** What is measured, in words ("killed — Iranian combatants"). */
  label: string
  /** The unit intervals are expressed in ("km", "people"), or null for plain counts. */
  unit: string | null
  figures: FigureRef[]
  /** The worst pair verdict in the group (conflict > update > different_scope > compatible > agree). */
  verdict: QuantityVerdict
  reason: string
  /** Chart rows, in the order of `figures`. */
  intervals: GroupFigure[]
  /** Every pair of the group with its verdict. */
  pairs: FigurePair[]
}

/** Two figures that cannot both be true (across documents or inside one). */
export interface FigureConflict {
  a: FigureRef
  b: FigureRef
  reason: string
  isWithinDocument: boolean
  isBetweenClaimants: boolean
}

export const INCONSISTENCY_TYPES = ['value', 'qualifier'] as const
/** value: the numbers differ beyond the qualifiers; qualifier: opposite qualifiers on one number. */
export type InconsistencyType = (typeof INCONSISTENCY_TYPES)[number]

/** The same quantity reported differently inside one document. */
export interface Inconsistency {
  doc: number
  a: number
  b: number
  type: InconsistencyType
  reason: string
}

export const CLAIM_RELATIONS = ['same', 'elaboration', 'contradiction', 'unique'] as const
/**
 * same: the sentences say the same thing; elaboration: one says more than the other;
 * contradiction: they disagree on a number or one negates the other; unique: no counterpart.
 */
export type ClaimRelation = (typeof CLAIM_RELATIONS)[number]

/** A sentence of a document, by offsets into its text. */
export interface SentenceRef {
  doc: number
  start: number
  end: number
}

/** Sentences of different documents aligned as one claim. */
export interface ClaimAlignment {
  relation: ClaimRelation
  /** One sentence per document that has a counterpart, best match first. */
  sentences: SentenceRef[]
  /** 0..1: text similarity blended with entity and number overlap. */
  score: number
  /** Why: shared terms, numbers, negation, in words. */
  reason: string
}

/** Someone a document cites. */
export interface CitedSource {
  /** Normalised key ("fars"), shared across documents. */
  key: string
  /** The fullest name seen ("the Fars news agency"). */
  name: string
  /** Which documents cite it, with how many times. */
  docs: { doc: number; count: number; mentions: { start: number; end: number; text: string }[] }[]
  isShared: boolean
}

/** "X via Y": a source relayed through another (a Revolutionary Guards official via Fars). */
export interface SourceChain {
  doc: number
  /** Keys of `sources`, the original speaker first. */
  chain: string[]
  text: string
}

export interface SourceComparison {
  sources: CitedSource[]
  chains: SourceChain[]
  /** Per document: keys of the sources only it cites. */
  uniqueByDoc: string[][]
  /** Keys cited by every document. */
  sharedByAll: string[]
}

/** The labels one document uses for one actor. */
export interface LabelCell {
  doc: number
  labels: { text: string; connotation: string; rule: string; start: number; end: number }[]
  stance: number | null
  evidence: { start: number; end: number; text: string }[]
}

/** One actor (clustered across documents by name and alias) with each document's treatment. */
export interface ActorRow {
  /** The actor's canonical name. */
  actor: string
  /** The actor id in each document's analysis, or null when the document does not name it. */
  ids: (string | null)[]
  cells: LabelCell[]
  /** The labels differ in connotation between documents ("opposition forces" vs "“rebels”"). */
  isFramedDifferently: boolean
}

export type DiffOp = 'equal' | 'insert' | 'delete' | 'replace'

/** One run of a word-level diff; `from` is the first document's words, `to` the second's. */
export interface DiffRun {
  op: DiffOp
  from: string
  to: string
}

/** Two passages that a rewrite shares, with what it changed. */
export interface AlignedPassage {
  a: { start: number; end: number }
  b: { start: number; end: number }
  diff: DiffRun[]
}

/** How much of one text is found in another. */
export interface DerivationPair {
  a: number
  b: number
  /** Share of a's word 5-gram shingles found in b (0..1). */
  shareAInB: number
  /** Share of b's word 5-gram shingles found in a (0..1). */
  shareBInA: number
  /** true when one reads as a copy or rewrite of the other. */
  isDerived: boolean
  reason: string
  passages: AlignedPassage[]
}

/** Everything a comparison finds. */
export interface Comparison {
  /** The compared documents, in input order (what `doc` indexes). */
  documents: { id: string; title: string; outlet: string | null; published: string | null }[]
  quantities: QuantityGroup[]
  conflicts: FigureConflict[]
  inconsistencies: Inconsistency[]
  claims: ClaimAlignment[]
  sources: SourceComparison
  labels: ActorRow[]
  derivation: DerivationPair[]
  /** Milliseconds the comparison took. */
  elapsedMs: number
}
