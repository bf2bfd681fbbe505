/**
 * Lexicon entries a researcher can add to the shipped stance lexicons: a word or phrase, what kind
 * of cue it is, and (for actor labels) which actor it names and with what connotation.
 */

import { CONNOTATIONS, type Connotation } from './analysis'
import { v, type Schema } from './validate'

export const LEXICON_KINDS = [
  'actor-label',
  'loaded',
  'evaluative',
  'hedge',
  'booster',
  'distancing',
] as const
export type LexiconKind = (typeof LEXICON_KINDS)[number]

/** One researcher-added (or shipped) lexicon entry. */
export interface LexiconEntry {
  /** The word or phrase, matched case-insensitively on word boundaries ("so-called", "regime"). */
  term: string
  kind: LexiconKind
  /** For `actor-label`: the canonical actor the term names ("Syrian opposition"). */
  actor?: string
  connotation?: Connotation
  /** -1 (hostile) .. +1 (favourable) toward the actor the cue bears on. */
  polarity?: number
  /** Why the entry exists, shown on the cue's explanation card. */
  note?: string
}

/** Checks one user entry at the API boundary. */
export const lexiconEntrySchema: Schema<LexiconEntry> = v.object({
  term: v.string({ min: 1, max: 200 }),
  kind: v.literal(...LEXICON_KINDS),
  actor: v.optional(v.string({ min: 1, max: 200 })),
  connotation: v.optional(v.literal(...CONNOTATIONS)),
  polarity: v.optional(v.number({ min: -1, max: 1 })),
  note: v.optional(v.string({ max: 2000 })),
})

/** Checks a whole user lexicon (at most 10 000 entries). */
export const lexiconSchema: Schema<LexiconEntry[]> = v.array(lexiconEntrySchema, { max: 10_000 })
