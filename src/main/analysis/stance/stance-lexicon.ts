import type { Connotation } from '../../../shared/analysis'
import type { LexiconEntry, LexiconKind } from '../../../shared/lexicon'
import actorsJson from '../../../../resources/lexicons/stance/actors.json' with { type: 'json' }
import boostersJson from '../../../../resources/lexicons/stance/boosters.json' with { type: 'json' }
import distancingJson from '../../../../resources/lexicons/stance/distancing.json' with { type: 'json' }
import evaluativeJson from '../../../../resources/lexicons/stance/evaluative.json' with { type: 'json' }
import hedgesJson from '../../../../resources/lexicons/stance/hedges.json' with { type: 'json' }
import loadedJson from '../../../../resources/lexicons/stance/loaded-terms.json' with { type: 'json' }
import quoteContextJson from '../../../../resources/lexicons/stance/quote-context.json' with { type: 'json' }
import valenceJson from '../../../../resources/lexicons/stance/valence.json' with { type: 'json' }
import { PhraseTrie } from './phrase-trie'
import { Vocabulary, normaliseWord, termWords } from './tokenize'

/** What a matched term means for stance analysis. */
export interface CueDefinition {
  kind: LexiconKind
  term: string
  /** Specific actor the label names ("Syrian government"). */
  actor?: string
  /** For generic labels ("rebels", "police"): the roles of the actors it may name. */
  roles?: string[]
  /** 'sentence': a generic label only an actor named in the same sentence can own ("troops"). */
  scope?: 'sentence'
  /** For distancing: whether the actor is after the marker ("so-called X") or before ("X claimed"). */
  targets?: 'following' | 'preceding'
  connotation?: Connotation
  /** -1..1 toward the actor the cue bears on. */
  polarity: number
  note?: string
  /** "actors.json", "loaded-terms.json", … or "user lexicon". */
  source: string
}

/** An actor the shipped (or user) lexicon knows by name. */
export interface ActorDefinition {
  name: string
  /** The camp the actor belongs to in summaries ("Iran and allies"). */
  bloc: string
  roles: string[]
}

/** Everything stance analysis matches, compiled once. */
export interface CompiledLexicon {
  trie: PhraseTrie<CueDefinition>
  actors: Map<string, ActorDefinition>
  /** Role -> the actor generic labels fall back to when no specific actor plays it. */
  roleFallback: Map<string, string>
  valence: Map<string, number>
  /** First words of two-word valence entries ("stand by"), so most tokens skip the pair lookup. */
  valencePairStarts: Set<string>
  negators: Set<string>
  intensifiers: Map<string, number>
  contrast: Set<string>
  reportingVerbs: Set<string>
  speechPronouns: Set<string>
  abbreviations: Set<string>
  patientMarkers: Set<string>
  /**
   * Every word above numbered, as document tokens are (`tokenizeInto`); the fields below are the
   * same knowledge by word number, so analysing a document never looks up a string.
   */
  vocabulary: Vocabulary
  /** Per word number: the word lists it belongs to (NEGATOR, CONTRAST, … bits). */
  wordFlags: Uint16Array
  /** Per word number: its valence, NaN when it has none. */
  valenceOf: Float64Array
  /** Two-word valence entries by `pairKey(first, second)`. */
  pairValence: Map<number, number>
  /** Per word number: its intensifier boost, NaN when it is no intensifier. */
  intensifierOf: Float64Array
  /** Numbers of the function words the rules look for. */
  of: number
  the: number
  as: number
}

export const NEGATOR = 1
export const CONTRAST = 2
export const REPORTING_VERB = 4
export const SPEECH_PRONOUN = 8
export const PATIENT_MARKER = 16
export const VALENCE_PAIR_START = 32
/** Subject pronouns: a distancing marker with one ("they claim") targets the sentence's subject. */
export const PRONOUN = 64
/** Possessives: "their propaganda" points to the sentence's subject. */
export const POSSESSIVE = 128

// Closed-class words of the targeting rules (index.ts), too few to be a lexicon file.
const PRONOUNS = ['they', 'he', 'she', 'it', 'we']
const POSSESSIVES = ['its', 'their', 'his', 'her']

/** Key of a two-word valence entry in `pairValence`. */
export const pairKey = (first: number, second: number): number => first * 0x100000 + second

interface LabelGroupJson {
  terms: string[]
  connotation: string
  polarity?: number
  note?: string
  roles?: string[]
  scope?: string
}

interface CueFileJson {
  kind: string
  entries: { terms: string[]; polarity?: number; note?: string; targets?: string }[]
}

/** How favourable a label is when the lexicon gives no polarity of its own. */
export const CONNOTATION_POLARITY: Record<Connotation, number> = {
  neutral: 0,
  sympathetic: 0.5,
  legitimising: 0.4,
  delegitimising: -0.5,
  pejorative: -0.8,
}

const isConnotation = (c: string): c is Connotation => c in CONNOTATION_POLARITY

function labelDefinition(
  g: LabelGroupJson,
  term: string,
  target: { actor: string } | { roles: string[] },
): CueDefinition {
  const connotation = isConnotation(g.connotation) ? g.connotation : 'neutral'
  return {
    kind: 'actor-label',
    term,
    ...target,
    connotation,
    polarity: g.polarity ?? CONNOTATION_POLARITY[connotation],
    ...(g.note ? { note: g.note } : {}),
    source: 'actors.json',
  }
}

function shippedDefinitions(): {
  defs: CueDefinition[]
  actors: Map<string, ActorDefinition>
  roleFallback: Map<string, string>
} {
  const defs: CueDefinition[] = []
  const actors = new Map<string, ActorDefinition>()
  const roleFallback = new Map<string, string>()
  for (const a of actorsJson.actors) {
    actors.set(a.actor, { name: a.actor, bloc: a.bloc, roles: a.roles })
    for (const g of a.labels as LabelGroupJson[]) {
      for (const term of g.terms) defs.push(labelDefinition(g, term, { actor: a.actor }))
    }
  }
  for (const gen of actorsJson.generic) {
    roleFallback.set(gen.role, gen.fallback)
    for (const g of gen.labels as LabelGroupJson[]) {
      for (const term of g.terms) {
        const d = labelDefinition(g, term, { roles: g.roles ?? [gen.role] })
        defs.push(g.scope === 'sentence' ? { ...d, scope: 'sentence' } : d)
      }
    }
  }
  const files: [string, CueFileJson][] = [
    ['loaded-terms.json', loadedJson],
    ['evaluative.json', evaluativeJson],
    ['hedges.json', hedgesJson],
    ['boosters.json', boostersJson],
    ['distancing.json', distancingJson],
  ]
  for (const [source, file] of files) {
    const kind = file.kind as LexiconKind
    for (const e of file.entries) {
      for (const term of e.terms) {
        defs.push({
          kind,
          term,
          polarity: e.polarity ?? 0,
          ...(e.note ? { note: e.note } : {}),
          ...(e.targets === 'following' || e.targets === 'preceding' ? { targets: e.targets } : {}),
          source,
        })
      }
    }
  }
  return { defs, actors, roleFallback }
}

function userDefinition(e: LexiconEntry): CueDefinition {
  const connotation = e.connotation ?? 'neutral'
  const polarity =
    e.polarity ??
    (e.kind === 'actor-label' ? CONNOTATION_POLARITY[connotation] : kindDefault(e.kind))
  return {
    kind: e.kind,
    term: e.term,
    ...(e.kind === 'actor-label' ? { actor: e.actor ?? e.term } : {}),
    ...(e.connotation ? { connotation: e.connotation } : {}),
    ...(e.kind === 'actor-label' && !e.connotation ? { connotation: 'neutral' as const } : {}),
    polarity,
    ...(e.note ? { note: e.note } : {}),
    source: 'user lexicon',
  }
}

function kindDefault(kind: LexiconKind): number {
  return kind === 'distancing' ? -0.4 : kind === 'loaded' ? -0.5 : 0
}

const termKey = (term: string): string => termWords(term).join(' ')

let shipped: CompiledLexicon | null = null
let lastUser: { key: string; lexicon: CompiledLexicon } | null = null

/**
 * The shipped lexicons plus the researcher's entries. A user entry replaces every shipped entry
 * spelled the same (so a researcher can say that "militants" is pejorative in their corpus);
 * other user entries extend the lexicon.
 */
export function compileLexicon(user: readonly LexiconEntry[] = []): CompiledLexicon {
  if (user.length === 0) return (shipped ??= build([]))
  const key = JSON.stringify(user)
  if (lastUser?.key === key) return lastUser.lexicon
  const lexicon = build(user)
  lastUser = { key, lexicon }
  return lexicon
}

function build(user: readonly LexiconEntry[]): CompiledLexicon {
  const { defs, actors, roleFallback } = shippedDefinitions()
  const overridden = new Set(user.map((e) => termKey(e.term)))
  const vocabulary = new Vocabulary()
  const trie = new PhraseTrie<CueDefinition>(vocabulary)
  // The same term listed twice for the same target ("Western", "western") is one entry.
  const seen = new Set<string>()
  for (const d of defs) {
    const k = termKey(d.term)
    const id = `${k}|${d.kind}|${d.actor ?? ''}|${d.roles?.join() ?? ''}|${d.term === d.term.toUpperCase()}`
    if (overridden.has(k) || seen.has(id)) continue
    seen.add(id)
    trie.add(d.term, d)
  }
  for (const e of user) {
    const d = userDefinition(e)
    trie.add(e.term, d)
    if (d.actor && !actors.has(d.actor))
      actors.set(d.actor, { name: d.actor, bloc: d.actor, roles: [] })
  }
  const valence = new Map<string, number>()
  for (const [w, val] of Object.entries(valenceJson.words)) valence.set(termKey(w), val)
  const words = (xs: string[]): Set<string> => new Set(xs.map(normaliseWord))
  const valencePairStarts = new Set(
    [...valence.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]!),
  )
  const lists = {
    negators: words(valenceJson.negators),
    intensifiers: new Map(Object.entries(valenceJson.intensifiers)),
    contrast: words(valenceJson.contrast),
    reportingVerbs: words(quoteContextJson.reportingVerbs),
    speechPronouns: words(quoteContextJson.speechPronouns),
    abbreviations: words(quoteContextJson.abbreviations),
    patientMarkers: words(quoteContextJson.patientMarkers),
  }
  return {
    trie,
    actors,
    roleFallback,
    valence,
    valencePairStarts,
    ...lists,
    ...byNumber(vocabulary, valence, valencePairStarts, lists),
  }
}

/**
 * The word lists by word number. Every word a list holds is numbered, so a token numbered 0 (a
 * word outside the vocabulary) is in none of them, as its spelling would be in none of the sets.
 */
function byNumber(
  vocabulary: Vocabulary,
  valence: ReadonlyMap<string, number>,
  valencePairStarts: ReadonlySet<string>,
  lists: {
    negators: Set<string>
    intensifiers: Map<string, number>
    contrast: Set<string>
    reportingVerbs: Set<string>
    speechPronouns: Set<string>
    patientMarkers: Set<string>
  },
): Pick<
  CompiledLexicon,
  'vocabulary' | 'wordFlags' | 'valenceOf' | 'pairValence' | 'intensifierOf' | 'of' | 'the' | 'as'
> {
  const flagged: [Iterable<string>, number][] = [
    [lists.negators, NEGATOR],
    [lists.contrast, CONTRAST],
    [lists.reportingVerbs, REPORTING_VERB],
    [lists.speechPronouns, SPEECH_PRONOUN],
    [lists.patientMarkers, PATIENT_MARKER],
    [valencePairStarts, VALENCE_PAIR_START],
    [PRONOUNS, PRONOUN],
    [POSSESSIVES, POSSESSIVE],
  ]
  for (const [ws] of flagged) for (const w of ws) vocabulary.intern(w)
  const single: [number, number][] = []
  const pairValence = new Map<number, number>()
  for (const [k, v] of valence) {
    const parts = k.split(' ')
    if (parts.length === 1) single.push([vocabulary.intern(k), v])
    else if (parts.length === 2)
      pairValence.set(pairKey(vocabulary.intern(parts[0]!), vocabulary.intern(parts[1]!)), v)
    // Longer entries: a token and the next one never spell them.
  }
  const boosts = [...lists.intensifiers].map(([w, b]) => [vocabulary.intern(w), b] as const)
  const of = vocabulary.intern('of')
  const the = vocabulary.intern('the')
  const as = vocabulary.intern('as')
  // Numbering is complete: size the tables.
  const wordFlags = new Uint16Array(vocabulary.size)
  for (const [ws, flag] of flagged) {
    for (const w of ws) {
      const id = vocabulary.get(w)
      wordFlags[id] = wordFlags[id]! | flag
    }
  }
  const valenceOf = new Float64Array(vocabulary.size).fill(NaN)
  for (const [id, v] of single) valenceOf[id] = v
  const intensifierOf = new Float64Array(vocabulary.size).fill(NaN)
  for (const [id, b] of boosts) intensifierOf[id] = b
  return { vocabulary, wordFlags, valenceOf, pairValence, intensifierOf, of, the, as }
}
