import type {
  Actor,
  ActorLabel,
  Connotation,
  Entity,
  Span,
  StanceCue,
  StanceCueKind,
} from '../../../shared/analysis'
import type { Segment, SegmentRole } from '../../../shared/document'
import type { LexiconEntry, LexiconKind } from '../../../shared/lexicon'
import { type ScareQuote, findScareQuotes, lowerBound } from './scare-quotes'
import { splitSentences } from './sentences'
import {
  type CompiledLexicon,
  type CueDefinition,
  PATIENT_MARKER,
  POSSESSIVE,
  PRONOUN,
  REPORTING_VERB,
  compileLexicon,
} from './stance-lexicon'
import { TokenTable, tokenizeInto } from './tokenize'
import { sentenceValence } from './valence'
import { summariseStance } from './summary'

export { clusterActorsAcrossDocuments, type ActorCluster } from './cluster'

export interface StanceInput {
  text: string
  segments: Segment[]
  sentences: { start: number; end: number }[]
  entities: Entity[]
  /** Researcher-added entries; they replace shipped entries spelled the same and add the rest. */
  userLexicon?: LexiconEntry[]
  /** Reader comments analysed as their own layer (cues with segmentRole 'comments') when true. */
  includeComments?: boolean
}

export interface StanceResult {
  actors: Actor[]
  stanceCues: StanceCue[]
  stanceSummary: string | null
}

/** A place where the document names an actor, by lexicon label or entity mention. */
interface Mention {
  first: number
  last: number
  start: number
  end: number
  def: CueDefinition
  actor: string
  unit: number
  quote: ScareQuote | null
  entityId?: string
}

/** A lexicon match: the tokens [first, last] and the definition of the entry they spell. */
interface Match {
  first: number
  last: number
  def: CueDefinition
}

/**
 * A document's lexicon matches in text order, as columns: tens of thousands of matches need no
 * object each, and the token ranges sit in typed arrays, outside the heap the garbage collector
 * copies. Readers walk them with one reused cursor (`at`).
 */
class Matches {
  count = 0
  first: Int32Array = new Int32Array(256)
  last: Int32Array = new Int32Array(256)
  readonly def: CueDefinition[] = []

  add(first: number, last: number, def: CueDefinition): void {
    if (this.count === this.first.length) {
      this.first = grown(this.first)
      this.last = grown(this.last)
    }
    this.first[this.count] = first
    this.last[this.count] = last
    this.def.push(def)
    this.count++
  }

  /** A cursor to read matches into; it holds no match until `at` fills it. */
  cursor(): Match {
    return { first: 0, last: 0, def: NO_DEFINITION }
  }

  /** Match k, read into `into` (which is returned). */
  at(k: number, into: Match): Match {
    into.first = this.first[k]!
    into.last = this.last[k]!
    into.def = this.def[k]!
    return into
  }
}

const NO_DEFINITION: CueDefinition = { kind: 'hedge', term: '', polarity: 0, source: '' }

/** A copy of `a` with twice the room. */
function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}

/** The cues that count toward an actor's score: their units and polarities, in cue order. */
interface ActorCues {
  units: number[]
  polarities: number[]
}

/**
 * Units of a document: sentences clipped to one segment (headlines and comments never share a
 * unit with the body), in text order. Stored as columns, unit u at index u of each, in typed
 * arrays: a long document has thousands of sentences.
 */
class Units {
  count = 0
  start: Int32Array = new Int32Array(256)
  end: Int32Array = new Int32Array(256)
  /** Token range [first, last), set once the unit's segment is tokenised. */
  first: Int32Array = new Int32Array(256)
  last: Int32Array = new Int32Array(256)
  readonly role: SegmentRole[] = []

  /** Adds text[start, end) as a unit unless it is empty. */
  add(start: number, end: number, role: SegmentRole): void {
    if (end <= start) return
    if (this.count === this.start.length) {
      this.start = grown(this.start)
      this.end = grown(this.end)
      this.first = grown(this.first)
      this.last = grown(this.last)
    }
    this.start[this.count] = start
    this.end[this.count] = end
    this.role.push(role)
    this.count++
  }

  /** Index of the unit that holds `offset`, -1 when none does. */
  at(offset: number): number {
    let lo = 0
    let hi = this.count - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (offset < this.start[mid]!) hi = mid - 1
      else if (offset >= this.end[mid]!) lo = mid + 1
      else return mid
    }
    return -1
  }

  /** Role of unit u; 'body' for -1 (no unit). */
  roleOf(u: number): SegmentRole {
    return u >= 0 && u < this.count ? this.role[u]! : 'body'
  }
}

const CUE_KIND: Record<LexiconKind, StanceCueKind> = {
  'actor-label': 'label',
  loaded: 'loaded_term',
  evaluative: 'evaluative',
  hedge: 'hedge',
  booster: 'booster',
  distancing: 'distancing',
}

const MAX_ENTITY_ACTORS = 8
// Patterns of the targeting rules, compiled once (a literal in a function is a new object per call).
const CAPITAL = /\p{Lu}/u
const SPACE = /\s/
// A sentence's tone is weak evidence of the writer's stance toward every actor in it (the tone
// may be a quoted speaker's, or about another actor): it counts for less than one cue.
const VALENCE_WEIGHT = 0.3

/**
 * Stance and framing of one document: the actors it names and the labels it uses for them, the
 * cues that show how it positions itself (labels with a connotation, scare quotes, distancing,
 * loaded and evaluative terms, hedges, boosters), a -1..1 stance score per actor with its
 * evidence sentences, and a one-line summary. Headline cues carry segmentRole 'title'; reader
 * comments are left out unless `includeComments`. Every cue names the lexicon entry or rule
 * that produced it.
 */
export function analyzeStance(input: StanceInput): StanceResult {
  const lex = compileLexicon(input.userLexicon ?? [])
  const { text } = input
  const segments: readonly Segment[] =
    input.segments.length > 0 ? input.segments : [{ start: 0, end: text.length, role: 'body' }]
  const scanned = segments.filter(
    (s) =>
      s.role === 'title' ||
      s.role === 'body' ||
      (input.includeComments === true && s.role === 'comments'),
  )

  // Every scanned segment's tokens, one segment after another; each segment is matched on its
  // own rows. About one token per six characters of prose.
  const tokens = takeTable(Math.ceil(text.length / 5))
  try {
    return analyzeTokens(input, lex, text, scanned, tokens)
  } finally {
    releaseTable(tokens)
  }
}

// One token table kept between calls (up to a size), so a long document does not allocate and
// clear megabytes of arrays on every analysis. Taken while in use: a nested call gets its own.
let spareTable: TokenTable | null = null
const MAX_SPARE_ROWS = 1 << 19

function takeTable(rows: number): TokenTable {
  const spare = spareTable
  const table = spare && spare.start.length >= rows ? spare : new TokenTable(Math.max(64, rows))
  spareTable = null
  table.count = 0
  return table
}

function releaseTable(table: TokenTable): void {
  if (table.start.length <= MAX_SPARE_ROWS) spareTable = table
}

function analyzeTokens(
  input: StanceInput,
  lex: CompiledLexicon,
  text: string,
  scanned: readonly Segment[],
  tokens: TokenTable,
): StanceResult {
  const units = new Units()
  const matches = new Matches()
  const quotes: { q: ScareQuote; role: SegmentRole; unit: number }[] = []
  const sentences =
    input.sentences.length > 0 ? input.sentences : splitSentences(text, scanned, lex.abbreviations)
  let sentenceCursor = 0

  for (const seg of scanned) {
    const segFirst = tokens.count
    tokenizeInto(tokens, lex.vocabulary, text, seg.start, seg.end)
    const segTokens = { table: tokens, first: segFirst, last: tokens.count }
    lex.trie.scanEach(text, tokens, segFirst, segTokens.last, (first, last, entries) => {
      for (const e of entries) matches.add(first, last, e.payload)
    })
    // Units: the sentences overlapping the segment, clipped to it.
    while (sentenceCursor > 0 && sentences[sentenceCursor - 1]!.end > seg.start) sentenceCursor--
    let at = seg.start
    const firstUnit = units.count
    for (let k = sentenceCursor; k < sentences.length; k++) {
      const s = sentences[k]!
      if (s.start >= seg.end) break
      if (s.end <= seg.start) {
        sentenceCursor = k + 1
        continue
      }
      const start = Math.max(s.start, seg.start)
      const end = Math.min(s.end, seg.end)
      if (start > at) units.add(at, start, seg.role)
      units.add(start, end, seg.role)
      at = end
    }
    if (at < seg.end) units.add(at, seg.end, seg.role)
    // Units follow one another, so each search starts where the last one ended.
    let cursor = segFirst
    for (let u = firstUnit; u < units.count; u++) {
      units.first[u] = cursor = tokenAfter(
        tokens,
        units.start[u]!,
        cursor,
        segFirst,
        segTokens.last,
      )
      units.last[u] = cursor = tokenAfter(tokens, units.end[u]!, cursor, segFirst, segTokens.last)
    }
    for (const q of findScareQuotes(
      text,
      seg.start,
      seg.end,
      segTokens,
      lex,
      seg.role === 'title',
    )) {
      quotes.push({ q, role: seg.role, unit: units.at(q.start) })
    }
  }

  const tokenUnit = new Int32Array(tokens.count).fill(-1)
  for (let u = 0; u < units.count; u++) {
    for (let t = units.first[u]!; t < units.last[u]!; t++) tokenUnit[t] = u
  }
  const unitOf = (tokenIndex: number): number =>
    tokenIndex >= 0 && tokenIndex < tokenUnit.length ? tokenUnit[tokenIndex]! : -1

  // In text order before the entities are matched against them, and again once the entities'
  // own mentions are added (stably: the same order as sorting once at the end).
  const mentions = resolveMentions(text, tokens, matches, quotes, lex, unitOf)
  const entityLinks = addEntityMentions(mentions, input.entities, tokens, scanned, unitOf)
  mentions.sort((a, b) => a.start - b.start)

  const cues: StanceCue[] = []
  const cueTokens = new Uint8Array(tokens.count)
  const markTokens = (first: number, last: number): void => {
    cueTokens.fill(1, first, last + 1)
  }
  const roleOf = (unit: number): SegmentRole => units.roleOf(unit)
  const quotedLabel = new Map<ScareQuote, Mention>()
  for (const m of mentions) {
    if (m.quote && !quotedLabel.has(m.quote)) quotedLabel.set(m.quote, m)
  }
  const byUnit = groupByUnit(mentions, units.count)
  const actorCues = new Map<string, ActorCues>()
  // Cues are built whole, id first (numbered once sorted), and kept as they are.
  const addCue = (cue: StanceCue, unit: number, counts: boolean): void => {
    cues.push(cue)
    if (counts && cue.actor !== null && cue.polarity !== 0) {
      let list = actorCues.get(cue.actor)
      if (!list) actorCues.set(cue.actor, (list = { units: [], polarities: [] }))
      list.units.push(unit)
      list.polarities.push(cue.polarity)
    }
  }

  // Labels.
  const labelsByActor = new Map<string, ActorLabel[]>()
  for (const m of mentions) {
    const connotation = labelConnotation(m)
    const rule = labelRule(m)
    const labelText = text.slice(m.start, m.end)
    const label: ActorLabel = { text: labelText, start: m.start, end: m.end, connotation, rule }
    const labels = labelsByActor.get(m.actor)
    if (labels) labels.push(label)
    else labelsByActor.set(m.actor, [label])
    if (connotation === 'neutral' || m.entityId !== undefined) continue
    markTokens(m.first, m.last)
    const polarity = m.quote ? Math.min(m.def.polarity, -0.5) : m.def.polarity
    addCue(
      {
        id: '',
        start: m.start,
        end: m.end,
        text: labelText,
        kind: 'label',
        actor: actorId(m.actor),
        polarity: round(polarity),
        rule,
        connotation,
        segmentRole: roleOf(m.unit),
      },
      m.unit,
      true,
    )
  }

  // Scare quotes: on a label they target its actor (and are counted once, with the label).
  for (const { q, role, unit } of quotes) {
    const onLabel = quotedLabel.get(q)
    // A quoted phrase that names no actor keeps at arm's length what the sentence's subject says.
    const target = onLabel ?? byUnit.first(unit)
    addCue(
      {
        id: '',
        start: q.start,
        end: q.end,
        text: text.slice(q.start, q.end),
        kind: 'scare_quote',
        actor: target ? actorId(target.actor) : null,
        polarity: onLabel ? -0.5 : -0.3,
        rule: scareQuoteRule(q.words),
        connotation: 'delegitimising',
        segmentRole: role,
      },
      unit,
      !onLabel,
    )
  }

  // Loaded and evaluative terms, hedges, boosters, distancing.
  const prefixDistancing = new Set<number>()
  for (let k = 0; k < matches.count; k++) {
    const d = matches.def[k]!
    if (d.kind === 'distancing' && d.targets === 'following') prefixDistancing.add(matches.last[k]!)
  }
  const mt = matches.cursor()
  for (let k = 0; k < matches.count; k++) {
    const d = matches.def[k]!
    if (d.kind === 'actor-label') continue
    matches.at(k, mt)
    const unit = unitOf(mt.first)
    const start = tokens.start[mt.first]!
    const end = tokens.end[mt.last]!
    const isDirectional = d.kind !== 'hedge' && d.kind !== 'booster'
    // Headlines capitalise every word, so capitals say nothing about names there.
    const isWord = d.kind === 'loaded' || d.kind === 'evaluative'
    if (isWord && roleOf(unit) !== 'title' && isInProperName(text, tokens, mt)) continue
    const target = isDirectional ? pickTarget(text, d, mt, byUnit, unit, tokens, lex) : null
    // "so-called peaceful march": the writer rejects the praise, so the evaluation turns over.
    const underDistancing = prefixDistancing.has(mt.first - 1) && d.kind !== 'distancing'
    const polarity = isDirectional ? (underDistancing ? -d.polarity : d.polarity) : 0
    markTokens(mt.first, mt.last)
    const cueText = text.slice(start, end)
    const kind = CUE_KIND[d.kind]
    const actor = target ? actorId(target.actor) : null
    const rule = underDistancing
      ? `${entryRule(d)}, reversed by the distancing marker before it`
      : entryRule(d)
    const segmentRole = roleOf(unit)
    // Two literals rather than a spread of an optional field: a spread copies through a
    // temporary object on every cue. Fields in the same order either way.
    const cue: StanceCue = d.connotation
      ? {
          id: '',
          start,
          end,
          text: cueText,
          kind,
          actor,
          polarity: round(polarity),
          rule,
          connotation: d.connotation,
          segmentRole,
        }
      : {
          id: '',
          start,
          end,
          text: cueText,
          kind,
          actor,
          polarity: round(polarity),
          rule,
          segmentRole,
        }
    addCue(cue, unit, true)
  }

  // A headline that shouts: the exclamation mark is the writer's evaluation, not the news.
  for (const seg of scanned) {
    if (seg.role !== 'title') continue
    const bang = text.indexOf('!', seg.start)
    if (bang < 0 || bang >= seg.end) continue
    addCue(
      {
        id: '',
        start: bang,
        end: bang + 1,
        text: '!',
        kind: 'evaluative',
        actor: null,
        polarity: 0,
        rule: 'rule:headline-exclamation — an exclamation mark in a headline dramatises the news',
        segmentRole: 'title',
      },
      units.at(bang),
      false,
    )
  }

  cues.sort((a, b) => a.start - b.start || a.end - b.end)
  cues.forEach((c, i) => (c.id = cueId(i + 1)))

  const actors = buildActors(
    text,
    tokens,
    units,
    mentions,
    labelsByActor,
    actorCues,
    cueTokens,
    lex,
    entityLinks,
  )
  return { actors, stanceCues: cues, stanceSummary: summariseStance(actors) }
}

/**
 * `lowerBound(tokens, offset, lo, hi)` (tokens are in order), found by stepping on from `from`
 * when the answer lies ahead of it, as it does for offsets that only grow.
 */
function tokenAfter(
  tokens: TokenTable,
  offset: number,
  from: number,
  lo: number,
  hi: number,
): number {
  const { end } = tokens
  if (from > lo && end[from - 1]! > offset) return lowerBound(tokens, offset, lo, hi)
  let i = from
  while (i < hi && end[i]! <= offset) i++
  return i
}

/**
 * Mentions grouped by unit, in text order within each: unit u's are list[offset[u + 1],
 * offset[u + 2]) (u = -1 for mentions outside every unit). One array for the document rather
 * than one per sentence.
 */
interface MentionsByUnit {
  list: Mention[]
  offset: Int32Array
  /** The unit's first mention, null when it has none. */
  first(unit: number): Mention | null
}

function groupByUnit(mentions: readonly Mention[], unitCount: number): MentionsByUnit {
  // A stable counting sort on unit + 1.
  const offset = new Int32Array(unitCount + 2)
  for (const m of mentions) offset[m.unit + 2]!++
  for (let g = 1; g < offset.length; g++) offset[g]! += offset[g - 1]!
  const next = offset.slice()
  const list = mentions.slice()
  for (const m of mentions) list[next[m.unit + 1]!++] = m
  return {
    list,
    offset,
    first: (unit) => (offset[unit + 1]! < offset[unit + 2]! ? list[offset[unit + 1]!]! : null),
  }
}

/**
 * Specific labels name their actor; generic ones ("rebels", "the regime") are resolved here.
 * The mentions come back in text order.
 */
function resolveMentions(
  text: string,
  tokens: TokenTable,
  matches: Matches,
  quotes: readonly { q: ScareQuote }[],
  lex: CompiledLexicon,
  unitOf: (t: number) => number,
): Mention[] {
  // Quotes are in text order and do not overlap: the one that could hold [start, end) is the
  // last that opens before `end`.
  const quoteFor = (start: number, end: number): ScareQuote | null => {
    let lo = 0
    let hi = quotes.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (quotes[mid]!.q.innerStart < end) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    const q = found >= 0 ? quotes[found]!.q : null
    return q && start < q.innerEnd ? q : null
  }
  const make = (m: Match, actor: string): Mention => {
    const start = tokens.start[m.first]!
    let end = tokens.end[m.last]!
    const quote = quoteFor(start, end)
    // US-backed “insurgents”: the label takes in the closing mark of the quote it ends inside.
    if (quote && quote.start > start && quote.end > end && quote.innerEnd <= end + 1)
      end = quote.end
    return {
      first: m.first,
      last: m.last,
      start,
      end,
      def: m.def,
      actor,
      unit: unitOf(m.first),
      quote,
    }
  }

  const out: Mention[] = []
  const byRole = new Map<string, Mention[]>()
  const match = matches.cursor()
  for (let k = 0; k < matches.count; k++) {
    const { kind, actor } = matches.def[k]!
    if (kind !== 'actor-label' || !actor) continue
    const mention = make(matches.at(k, match), actor)
    out.push(mention)
    for (const role of lex.actors.get(actor)?.roles ?? NO_ROLES) {
      const list = byRole.get(role)
      if (list) list.push(mention)
      else byRole.set(role, [mention])
    }
  }
  // The specific mentions are out[0, specific), in token order: the one starting at a token (the
  // last listed, when several entries spell the same words) is found by bisection.
  const specific = out.length
  const startingAt = (token: number): Mention | undefined => {
    let lo = 0
    let hi = specific
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (out[mid]!.first <= token) lo = mid + 1
      else hi = mid
    }
    const m = out[lo - 1]
    return m?.first === token ? m : undefined
  }
  for (let k = 0; k < matches.count; k++) {
    const d = matches.def[k]!
    if (d.kind !== 'actor-label' || d.actor || !d.roles) continue
    matches.at(k, match)
    const actor = resolveGeneric(text, tokens, match, byRole, startingAt, lex, unitOf)
    if (actor !== null) out.push(make(match, actor))
  }
  return mergeByStart(out, specific)
}

/**
 * `list` in text order (by start, stably) when list[0, split) and list[split, end) are each in
 * text order already, as the specific and the generic mentions are: a merge, not a sort.
 */
function mergeByStart(list: Mention[], split: number): Mention[] {
  const inOrder = (from: number, to: number): boolean => {
    for (let k = from + 1; k < to; k++) if (list[k]!.start < list[k - 1]!.start) return false
    return true
  }
  if (!inOrder(0, split) || !inOrder(split, list.length))
    return list.sort((a, b) => a.start - b.start)
  const merged: Mention[] = []
  let a = 0
  let b = split
  // On a tie the earlier run's mention first, as a stable sort keeps it.
  while (a < split && b < list.length)
    merged.push(list[b]!.start < list[a]!.start ? list[b++]! : list[a++]!)
  while (a < split) merged.push(list[a++]!)
  while (b < list.length) merged.push(list[b++]!)
  return merged
}

const NO_ROLES: readonly string[] = []

function resolveGeneric(
  text: string,
  tokens: TokenTable,
  m: Match,
  byRole: ReadonlyMap<string, Mention[]>,
  startingAt: (token: number) => Mention | undefined,
  lex: CompiledLexicon,
  unitOf: (t: number) => number,
): string | null {
  const roles = m.def.roles ?? []
  // "the armed forces of Iran", "the regime of Bashar al-Assad".
  let k = m.last + 1
  if (wordAt(tokens, k) === lex.of) {
    k++
    if (wordAt(tokens, k) === lex.the) k++
    const owner = startingAt(k)
    if (owner && !hasSentenceEnd(text, tokens.end[m.last]!, owner.start)) return owner.actor
  }
  // Otherwise the nearest specific actor playing the role: the last one named before, or failing
  // that the first one named after (for common nouns such as "troops", only in the same sentence).
  let before: Mention | null = null
  let after: Mention | null = null
  const unit = unitOf(m.first)
  for (const role of roles) {
    const all = byRole.get(role)
    if (!all) continue
    const i = firstAfter(all, m.first)
    if (m.def.scope === 'sentence') {
      const b = all[i - 1]
      const a = all[i]
      const cand = b?.unit === unit ? b : a?.unit === unit ? a : undefined
      if (cand && (!before || cand.first > before.first)) before = cand
      continue
    }
    const list = all
    const b = i > 0 ? list[i - 1] : undefined
    const a = list[i]
    if (b && (!before || b.first > before.first)) before = b
    if (a && (!after || a.first < after.first)) after = a
  }
  const chosen = before ?? after
  if (chosen) return chosen.actor
  // A common noun ("troops") with no owner in its sentence, in a document that names actors in
  // that role elsewhere, is left unassigned rather than invent an anonymous actor.
  if (m.def.scope === 'sentence' && roles.some((r) => (byRole.get(r)?.length ?? 0) > 0)) return null
  return lex.roleFallback.get(roles[0] ?? '') ?? m.def.term
}

/** Vocabulary number of token `k`, 0 past the last token. */
const wordAt = (tokens: TokenTable, k: number): number => (k < tokens.count ? tokens.word[k]! : 0)

/** Index of the first mention (in text order) that starts after token `first`. */
function firstAfter(list: readonly Mention[], first: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid]!.first <= first) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Entity mentions the lexicon did not cover become mentions of the entity's actor. */
function addEntityMentions(
  mentions: Mention[],
  entities: readonly Entity[],
  tokens: TokenTable,
  scanned: readonly Segment[],
  unitOf: (t: number) => number,
): Map<string, string> {
  const links = new Map<string, string>()
  // One predicate for every mention (a closure per mention adds up over thousands of them).
  const inScope = (em: { start: number }): boolean => {
    for (const s of scanned) if (em.start >= s.start && em.start < s.end) return true
    return false
  }
  // An entity names a label's actor when it spans the label or holds its head word: "Bashar
  // Assad" in "Syrian President Bashar Assad", but not "US" in "US-backed insurgents".
  // `mentions` comes in text order; the entity mentions pushed at the end are added after every
  // search, and the searches stop at the label mentions (`sortedStarts`).
  const sorted = mentions
  const sortedStarts = new Int32Array(sorted.length)
  for (let i = 0; i < sorted.length; i++) sortedStarts[i] = sorted[i]!.start
  const overlapping = (start: number, end: number): Mention | undefined => {
    // Label mentions do not overlap one another: only the few opening just before `end` can.
    let lo = 0
    let hi = sortedStarts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (sortedStarts[mid]! < end) lo = mid + 1
      else hi = mid
    }
    for (let i = lo - 1; i >= 0 && i >= lo - 4; i--) {
      const m = sorted[i]!
      const headStart = tokens.start[m.last]!
      const headEnd = tokens.end[m.last]!
      if ((start <= m.start && m.end <= end) || (start <= headStart && headEnd <= end)) return m
    }
    return undefined
  }
  const firstOverlapping = (spans: readonly { start: number; end: number }[]): Mention | null => {
    for (const s of spans) {
      const m = overlapping(s.start, s.end)
      if (m) return m
    }
    return null
  }
  const candidates: { entity: Entity; spans: { start: number; end: number }[] }[] = []
  for (const entity of entities) {
    if (entity.type === 'place') {
      // Places are actors only when the lexicon says so ("Iran", "Russia"): link, do not add.
      const linked = firstOverlapping(entity.mentions)
      if (linked) links.set(entity.id, linked.actor)
      continue
    }
    const spans = entity.mentions.filter(inScope)
    if (spans.length === 0) continue
    const linked = firstOverlapping(spans)
    if (linked) {
      links.set(entity.id, linked.actor)
      continue
    }
    if (spans.length >= 2) candidates.push({ entity, spans })
  }
  candidates.sort((a, b) => b.spans.length - a.spans.length)
  for (const { entity, spans } of candidates.slice(0, MAX_ENTITY_ACTORS)) {
    // One definition for all the entity's mentions (they are only read).
    const def: CueDefinition = {
      kind: 'actor-label',
      term: entity.name,
      actor: entity.name,
      connotation: 'neutral',
      polarity: 0,
      source: `entity:${entity.id}`,
    }
    for (const s of spans) {
      const first = lowerBound(tokens, s.start, 0, tokens.count)
      let last = first
      while (last + 1 < tokens.count && tokens.end[last + 1]! <= s.end) last++
      if (first >= tokens.count) continue
      mentions.push({
        first,
        last,
        start: s.start,
        end: s.end,
        def,
        actor: entity.name,
        unit: unitOf(first),
        quote: null,
        entityId: entity.id,
      })
    }
  }
  return links
}

function labelConnotation(m: Mention): Connotation {
  const c = m.def.connotation ?? 'neutral'
  if (!m.quote) return c
  return c === 'pejorative' ? c : 'delegitimising'
}

// Label rule texts by entry, quoting and actor: a generic label's text names the actor it was
// resolved to, and a long document has thousands of such labels over a few actors.
const labelRules = new WeakMap<CueDefinition, [Map<string, string>, Map<string, string>]>()

function labelRule(m: Mention): string {
  if (m.entityId !== undefined) return `entity:${m.entityId} (named by the entity recogniser)`
  let byQuote = labelRules.get(m.def)
  if (!byQuote) labelRules.set(m.def, (byQuote = [new Map(), new Map()]))
  const byActor = byQuote[m.quote ? 1 : 0]
  let rule = byActor.get(m.actor)
  if (rule === undefined) {
    rule = buildLabelRule(m)
    byActor.set(m.actor, rule)
  }
  return rule
}

function buildLabelRule(m: Mention): string {
  const base = entryRule(m.def)
  const generic = m.def.actor ? '' : ` → resolved to ${m.actor} (nearest actor in that role)`
  return m.quote ? `${base}${generic} + rule:scare-quote (quoted label)` : `${base}${generic}`
}

// One rule text per quote length (one to four words), not one per quote.
const scareQuoteRules = new Map<number, string>()

function scareQuoteRule(words: number): string {
  let rule = scareQuoteRules.get(words)
  if (rule === undefined) {
    const what = words === 1 ? 'a quoted word' : `a quoted ${words}-word phrase`
    rule = `rule:scare-quote — ${what} with no speaker or reporting verb nearby: the writer does not adopt the term`
    scareQuoteRules.set(words, rule)
  }
  return rule
}

// Rule texts are the same for every match of an entry: build each once (a long document has
// thousands of matches of a few hundred entries).
const ruleCache = new WeakMap<CueDefinition, string>()

function entryRule(d: CueDefinition): string {
  const cached = ruleCache.get(d)
  if (cached !== undefined) return cached
  const rule = buildEntryRule(d)
  ruleCache.set(d, rule)
  return rule
}

function buildEntryRule(d: CueDefinition): string {
  const where = d.source === 'user lexicon' ? 'user-lexicon' : `lexicon:${d.source}`
  const detail =
    d.kind === 'actor-label' ? ` (${d.actor ?? d.roles?.join('/')}, ${d.connotation})` : ''
  return `${where} "${d.term}"${detail}${d.note ? ` — ${d.note}` : ''}`
}

/**
 * The actor a directional cue bears on. Word order stands in for syntax: distancing markers
 * look where their entry says ("so-called X", "X claimed"); a possessive ("their propaganda")
 * points to the sentence's first actor, its likely subject; loaded terms take an actor right next
 * to them, else the nearest one that does not undergo the act ("protesters met with a brutal
 * crackdown": the crackdown is not the protesters'); evaluations of performance take the actor
 * named before them, the likely subject.
 */
function pickTarget(
  text: string,
  d: CueDefinition,
  mt: { first: number; last: number },
  byUnit: MentionsByUnit,
  unit: number,
  tokens: TokenTable,
  lex: CompiledLexicon,
): Mention | null {
  // The unit's mentions are list[from, to): read in place, no array per cue.
  const { list } = byUnit
  const from = byUnit.offset[unit + 1]!
  const to = byUnit.offset[unit + 2]!
  if (from === to) return null
  const { wordFlags } = lex
  const { word } = tokens
  if (d.kind === 'distancing') {
    for (let k = mt.first; k <= mt.last; k++)
      if ((wordFlags[word[k]!]! & PRONOUN) !== 0) return list[from]!
    if (d.targets === 'following') {
      for (let k = from; k < to; k++) if (list[k]!.first > mt.last) return list[k]!
      return null
    }
    if (d.targets === 'preceding') {
      return (
        nearestBefore(list, from, to, null, mt.first) ??
        nearest(list, from, to, null, mt.first, mt.last, 12)
      )
    }
    return nearest(list, from, to, null, mt.first, mt.last, 12)
  }
  const prev = mt.first - 1
  if (prev >= 0 && (wordFlags[word[prev]!]! & POSSESSIVE) !== 0 && unit >= 0) return list[from]!
  // Which mentions may be the target, as flags in a buffer kept between cues (not a filtered
  // array per cue).
  if (agentFlags.length < to - from) agentFlags = new Uint8Array(2 * (to - from))
  const ok = agentFlags
  for (let k = from; k < to; k++)
    ok[k - from] = isTarget(text, tokens, wordFlags, list[k]!, mt) ? 1 : 0
  if (d.kind === 'evaluative') {
    return (
      adjacentAfter(list, from, to, ok, mt.last) ??
      nearestBefore(list, from, to, ok, mt.first) ??
      nearest(list, from, to, ok, mt.first, mt.last, 10)
    )
  }
  return (
    adjacent(list, from, to, ok, mt.first, mt.last) ??
    nearest(list, from, to, ok, mt.first, mt.last, 10)
  )
}

let agentFlags = new Uint8Array(64)

/**
 * Whether mention `m` can be the target of the term `mt`. An actor before the term is not its
 * target when it undergoes the act ("protesters met with a brutal crackdown") or only reports it
 * ("activists say the heavy-handed response…"); an actor after it is one only within the same
 * clause ("crackdown, organisers say" is not).
 */
function isTarget(
  text: string,
  tokens: TokenTable,
  wordFlags: Uint16Array,
  m: Mention,
  mt: { first: number; last: number },
): boolean {
  if (m.first > mt.last) return !hasClauseBreak(text, tokens.end[mt.last]!, m.start)
  const { word } = tokens
  for (let k = m.last + 1; k < mt.first; k++) {
    if ((wordFlags[word[k]!]! & (PATIENT_MARKER | REPORTING_VERB)) !== 0) return false
  }
  return true
}

/** "Liberation" in "the Liberation Front" is part of a name, not the writer's word. */
function isInProperName(
  text: string,
  tokens: TokenTable,
  mt: { first: number; last: number },
): boolean {
  if (!isCapitalToken(text, tokens, mt.first)) return false
  const start = tokens.start[mt.first]!
  return (
    (isCapitalToken(text, tokens, mt.last + 1) && isJoined(text, tokens, mt.last, mt.last + 1)) ||
    (mt.first > 0 &&
      isCapitalToken(text, tokens, mt.first - 1) &&
      isJoined(text, tokens, mt.first - 1, mt.first) &&
      !isAfterBreak(text, Math.max(0, start - 4), start))
  )
}

const hasToken = (tokens: TokenTable, i: number): boolean => i >= 0 && i < tokens.count

/** Whether token `i` exists and opens with a capital. */
function isCapitalToken(text: string, tokens: TokenTable, i: number): boolean {
  if (!hasToken(tokens, i)) return false
  const at = tokens.start[i]!
  const c = text.charCodeAt(at)
  return c < 128 ? c >= 65 && c <= 90 : CAPITAL.test(text[at]!)
}

/** Whether tokens `a` and `b` exist and are separated by exactly one space. */
function isJoined(text: string, tokens: TokenTable, a: number, b: number): boolean {
  return (
    hasToken(tokens, a) &&
    hasToken(tokens, b) &&
    tokens.start[b]! - tokens.end[a]! === 1 &&
    text.charCodeAt(tokens.end[a]!) === 0x20
  )
}

// What /[.!?\n]/, /[,;:—–()]/ and /[.!?:\n]\s*$/ would say of text[from, to), read in place
// instead of on a slice.

/** Whether text[from, to) holds a sentence end: . ! ? or a line break. */
function hasSentenceEnd(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k)
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a) return true
  }
  return false
}

/** Whether text[from, to) holds a clause break: , ; : — – ( or ). */
function hasClauseBreak(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k)
    if (
      c === 0x2c ||
      c === 0x3b ||
      c === 0x3a ||
      c === 0x2014 ||
      c === 0x2013 ||
      c === 0x28 ||
      c === 0x29
    )
      return true
  }
  return false
}

/** Whether text[from, to) ends in . ! ? : or a line break, then only white space. */
function isAfterBreak(text: string, from: number, to: number): boolean {
  for (let k = to - 1; k >= from; k--) {
    const c = text.charCodeAt(k)
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3a || c === 0x0a) return true
    const space = c < 128 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : SPACE.test(text[k]!)
    if (!space) return false
  }
  return false
}

// The helpers below choose among the candidates list[from, to): all of them when `ok` is null,
// else those whose flag ok[k - from] is 1.

const admitted = (ok: Uint8Array | null, k: number, from: number): boolean =>
  ok === null || ok[k - from] === 1

/**
 * A mention right next to the term: directly before it ("Western propaganda") or a few words
 * after ("propaganda of the regime", "losses among the rebels").
 */
function adjacent(
  list: readonly Mention[],
  from: number,
  to: number,
  ok: Uint8Array | null,
  first: number,
  last: number,
): Mention | null {
  for (let k = from; k < to; k++) {
    const m = list[k]!
    if (m.last === first - 1 && admitted(ok, k, from)) return m
  }
  return adjacentAfter(list, from, to, ok, last)
}

function adjacentAfter(
  list: readonly Mention[],
  from: number,
  to: number,
  ok: Uint8Array | null,
  last: number,
): Mention | null {
  for (let k = from; k < to; k++) {
    const m = list[k]!
    if (m.first > last && m.first - last <= 3 && admitted(ok, k, from)) return m
  }
  return null
}

function nearest(
  list: readonly Mention[],
  from: number,
  to: number,
  ok: Uint8Array | null,
  first: number,
  last: number,
  maxDistance: number,
): Mention | null {
  let best: Mention | null = null
  let bestDistance = maxDistance + 1
  for (let k = from; k < to; k++) {
    const m = list[k]!
    const d = m.last < first ? first - m.last : m.first > last ? m.first - last : 0
    if (d < bestDistance && admitted(ok, k, from)) {
      best = m
      bestDistance = d
    }
  }
  return best
}

function nearestBefore(
  list: readonly Mention[],
  from: number,
  to: number,
  ok: Uint8Array | null,
  token: number,
): Mention | null {
  let best: Mention | null = null
  for (let k = from; k < to; k++) {
    const m = list[k]!
    if (m.last < token && admitted(ok, k, from)) best = m
  }
  return best
}

function buildActors(
  text: string,
  tokens: TokenTable,
  units: Units,
  mentions: readonly Mention[],
  labelsByActor: ReadonlyMap<string, ActorLabel[]>,
  actorCues: ReadonlyMap<string, ActorCues>,
  cueTokens: Uint8Array,
  lex: CompiledLexicon,
  entityLinks: ReadonlyMap<string, string>,
): Actor[] {
  // Per unit: its valence once computed (NaN before).
  const valence = new Float64Array(units.count).fill(NaN)
  const valenceOf = (u: number): number => {
    let v = valence[u]!
    if (v !== v) {
      v = valence[u] = sentenceValence(tokens, units.first[u]!, units.last[u]!, lex, cueTokens)
    }
    return v
  }
  // Each actor's contribution per unit, in arrays shared by all actors: `seen[u]` is the number
  // of the last actor that gave unit u a contribution, `order` its units in first-given order.
  const contribution = new Float64Array(units.count)
  const seen = new Int32Array(units.count)
  let actorNumber = 0
  const byActor = new Map<string, Mention[]>()
  for (const m of mentions) {
    const list = byActor.get(m.actor)
    if (list) list.push(m)
    else byActor.set(m.actor, [m])
  }
  // Entity ids linked to each actor, in link order (one pass, not one per actor).
  const linkedIds = new Map<string, string[]>()
  for (const [id, a] of entityLinks) {
    const list = linkedIds.get(a)
    if (list) list.push(id)
    else linkedIds.set(a, [id])
  }
  const actors: Actor[] = []
  for (const [name, ms] of byActor) {
    const self = ++actorNumber
    const order: number[] = []
    let sum = 0
    let weight = 0
    // Each sentence naming the actor once, in the order they are first named.
    for (const { unit: u } of ms) {
      if (u < 0 || seen[u] === self) continue
      seen[u] = self
      order.push(u)
      const v = valenceOf(u)
      contribution[u] = VALENCE_WEIGHT * v
      sum += VALENCE_WEIGHT * v
      weight += VALENCE_WEIGHT
    }
    const counted = actorCues.get(actorId(name))
    for (let k = 0; counted && k < counted.units.length; k++) {
      const unit = counted.units[k]!
      const polarity = counted.polarities[k]!
      sum += polarity
      weight += 1
      if (unit < 0) continue
      if (seen[unit] !== self) {
        seen[unit] = self
        order.push(unit)
        contribution[unit] = 0
      }
      contribution[unit] = contribution[unit]! + polarity
    }
    // +1 in the denominator shrinks scores built on one or two sentences toward neutral.
    const score = Math.max(-1, Math.min(1, sum / (weight + 1)))
    const evidence: Span[] = strongest(order, contribution, 3)
      .sort((a, b) => a[0] - b[0])
      .map(([u]) => {
        const start = units.start[u]!
        const end = units.end[u]!
        return { start, end, text: text.slice(start, end) }
      })
    const ids = new Set<string>()
    for (const m of ms) if (m.entityId !== undefined) ids.add(m.entityId)
    for (const id of linkedIds.get(name) ?? []) ids.add(id)
    const entityIds = [...ids]
    const def = lex.actors.get(name)
    actors.push({
      id: actorId(name),
      name,
      entityIds,
      labels: labelsByActor.get(name) ?? [],
      stance: { score: round(score), evidence },
      bloc: def?.bloc ?? name,
      mentions: ms.length,
    })
  }
  actors.sort((a, b) => (b.mentions ?? 0) - (a.mentions ?? 0) || a.name.localeCompare(b.name))
  return actors
}

/**
 * The `n` units of `order` with the largest |contribution| ≥ 0.05, earlier ones first on ties, as
 * [unit, contribution]: what a stable sort by |contribution| then `slice(0, n)` gives, without
 * sorting every sentence an actor appears in.
 */
function strongest(
  order: readonly number[],
  contribution: Float64Array,
  n: number,
): [number, number][] {
  const top: [number, number][] = []
  for (const u of order) {
    const c = contribution[u]!
    const w = Math.abs(c)
    if (w < 0.05) continue
    if (top.length === n && w <= Math.abs(top[n - 1]![1])) continue
    let k = Math.min(top.length, n - 1)
    while (k > 0 && Math.abs(top[k - 1]![1]) < w) k--
    top.splice(k, 0, [u, c])
    if (top.length > n) top.pop()
  }
  return top
}

// "cue-1", "cue-2", …: every document numbers its cues from 1, so the ids are made once.
const cueIds: string[] = []
const MAX_CACHED_CUE_IDS = 1 << 16

function cueId(n: number): string {
  if (n > MAX_CACHED_CUE_IDS) return `cue-${n}`
  while (cueIds.length < n) cueIds.push(`cue-${cueIds.length + 1}`)
  return cueIds[n - 1]!
}

/** Stable id of an actor within a document: "actor-syrian-government". */
export function actorId(name: string): string {
  // Called for every cue and label; the same few actor names recur through a document.
  let id = actorIds.get(name)
  if (id === undefined) {
    id = computeActorId(name)
    if (actorIds.size > 10_000) actorIds.clear()
    actorIds.set(name, id)
  }
  return id
}

const actorIds = new Map<string, string>()

function computeActorId(name: string): string {
  return `actor-${name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')}`
}

const round = (x: number): number => Math.round(x * 100) / 100
