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

/** The cues that count toward an actor's score: their units and polarities, in cue order. */
interface ActorCues {
  units: number[]
  polarities: number[]
}

/** A sentence clipped to one segment: headlines and comments never share a unit with the body. */
interface Unit {
  start: number
  end: number
  role: SegmentRole
  /** Token range [first, last). */
  first: number
  last: number
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
const SENTENCE_END = /[.!?\n]/
const CLAUSE_BREAK = /[,;:—–()]/
const CAPITAL = /\p{Lu}/u
const AFTER_BREAK = /[.!?:\n]\s*$/
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
  const units: Unit[] = []
  const matches: { first: number; last: number; def: CueDefinition }[] = []
  const quotes: { q: ScareQuote; role: SegmentRole; unit: number }[] = []
  const sentences =
    input.sentences.length > 0 ? input.sentences : splitSentences(text, scanned, lex.abbreviations)
  let sentenceCursor = 0

  for (const seg of scanned) {
    const segFirst = tokens.count
    tokenizeInto(tokens, lex.vocabulary, text, seg.start, seg.end)
    const segTokens = { table: tokens, first: segFirst, last: tokens.count }
    lex.trie.scanEach(text, tokens, segFirst, segTokens.last, (first, last, entries) => {
      for (const e of entries) matches.push({ first, last, def: e.payload })
    })
    // Units: the sentences overlapping the segment, clipped to it.
    while (sentenceCursor > 0 && sentences[sentenceCursor - 1]!.end > seg.start) sentenceCursor--
    let at = seg.start
    const firstUnit = units.length
    for (let k = sentenceCursor; k < sentences.length; k++) {
      const s = sentences[k]!
      if (s.start >= seg.end) break
      if (s.end <= seg.start) {
        sentenceCursor = k + 1
        continue
      }
      const start = Math.max(s.start, seg.start)
      const end = Math.min(s.end, seg.end)
      if (start > at) addUnit(units, at, start, seg.role)
      addUnit(units, start, end, seg.role)
      at = end
    }
    if (at < seg.end) addUnit(units, at, seg.end, seg.role)
    // Units follow one another, so each search starts where the last one ended.
    let cursor = segFirst
    for (let u = firstUnit; u < units.length; u++) {
      const unit = units[u]!
      unit.first = cursor = tokenAfter(tokens, unit.start, cursor, segFirst, segTokens.last)
      unit.last = cursor = tokenAfter(tokens, unit.end, cursor, segFirst, segTokens.last)
    }
    for (const q of findScareQuotes(
      text,
      seg.start,
      seg.end,
      segTokens,
      lex,
      seg.role === 'title',
    )) {
      quotes.push({ q, role: seg.role, unit: unitAt(units, q.start) })
    }
  }

  const tokenUnit = new Int32Array(tokens.count).fill(-1)
  units.forEach((u, i) => tokenUnit.fill(i, u.first, u.last))
  const unitOf = (tokenIndex: number): number => tokenUnit[tokenIndex] ?? -1

  const mentions = resolveMentions(text, tokens, matches, quotes, lex, unitOf)
  const entityLinks = addEntityMentions(mentions, input.entities, tokens, scanned, unitOf)
  mentions.sort((a, b) => a.start - b.start)

  const cues: StanceCue[] = []
  const cueTokens = new Uint8Array(tokens.count)
  const markTokens = (first: number, last: number): void => {
    cueTokens.fill(1, first, last + 1)
  }
  const roleOf = (unit: number): SegmentRole => units[unit]?.role ?? 'body'
  const mentionsByUnit = new Map<number, Mention[]>()
  const quotedLabel = new Map<ScareQuote, Mention>()
  for (const m of mentions) {
    if (m.quote && !quotedLabel.has(m.quote)) quotedLabel.set(m.quote, m)
    const list = mentionsByUnit.get(m.unit)
    if (list) list.push(m)
    else mentionsByUnit.set(m.unit, [m])
  }
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
    const labels = labelsByActor.get(m.actor) ?? []
    labels.push({ text: text.slice(m.start, m.end), start: m.start, end: m.end, connotation, rule })
    labelsByActor.set(m.actor, labels)
    if (connotation === 'neutral' || m.entityId !== undefined) continue
    markTokens(m.first, m.last)
    const polarity = m.quote ? Math.min(m.def.polarity, -0.5) : m.def.polarity
    addCue(
      {
        id: '',
        start: m.start,
        end: m.end,
        text: text.slice(m.start, m.end),
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
    const target = onLabel ?? mentionsByUnit.get(unit)?.[0] ?? null
    const words = q.words === 1 ? 'a quoted word' : `a quoted ${q.words}-word phrase`
    addCue(
      {
        id: '',
        start: q.start,
        end: q.end,
        text: text.slice(q.start, q.end),
        kind: 'scare_quote',
        actor: target ? actorId(target.actor) : null,
        polarity: onLabel ? -0.5 : -0.3,
        rule: `rule:scare-quote — ${words} with no speaker or reporting verb nearby: the writer does not adopt the term`,
        connotation: 'delegitimising',
        segmentRole: role,
      },
      unit,
      !onLabel,
    )
  }

  // Loaded and evaluative terms, hedges, boosters, distancing.
  const prefixDistancing = new Set(
    matches
      .filter((m) => m.def.kind === 'distancing' && m.def.targets === 'following')
      .map((m) => m.last),
  )
  for (const mt of matches) {
    const d = mt.def
    if (d.kind === 'actor-label') continue
    const unit = unitOf(mt.first)
    const start = tokens.start[mt.first]!
    const end = tokens.end[mt.last]!
    const inUnit = mentionsByUnit.get(unit)
    const isDirectional = d.kind !== 'hedge' && d.kind !== 'booster'
    // Headlines capitalise every word, so capitals say nothing about names there.
    const isWord = d.kind === 'loaded' || d.kind === 'evaluative'
    if (isWord && roleOf(unit) !== 'title' && isInProperName(text, tokens, mt)) continue
    const target = isDirectional ? pickTarget(text, d, mt, inUnit, tokens, lex) : null
    // "so-called peaceful march": the writer rejects the praise, so the evaluation turns over.
    const underDistancing = prefixDistancing.has(mt.first - 1) && d.kind !== 'distancing'
    const polarity = isDirectional ? (underDistancing ? -d.polarity : d.polarity) : 0
    markTokens(mt.first, mt.last)
    addCue(
      {
        id: '',
        start,
        end,
        text: text.slice(start, end),
        kind: CUE_KIND[d.kind],
        actor: target ? actorId(target.actor) : null,
        polarity: round(polarity),
        rule: underDistancing
          ? `${entryRule(d)}, reversed by the distancing marker before it`
          : entryRule(d),
        ...(d.connotation ? { connotation: d.connotation } : {}),
        segmentRole: roleOf(unit),
      },
      unit,
      true,
    )
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
      unitAt(units, bang),
      false,
    )
  }

  cues.sort((a, b) => a.start - b.start || a.end - b.end)
  cues.forEach((c, i) => (c.id = `cue-${i + 1}`))

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

function addUnit(units: Unit[], start: number, end: number, role: SegmentRole): void {
  if (end > start) units.push({ start, end, role, first: 0, last: 0 })
}

function unitAt(units: readonly Unit[], offset: number): number {
  let lo = 0
  let hi = units.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const u = units[mid]!
    if (offset < u.start) hi = mid - 1
    else if (offset >= u.end) lo = mid + 1
    else return mid
  }
  return -1
}

/** Specific labels name their actor; generic ones ("rebels", "the regime") are resolved here. */
function resolveMentions(
  text: string,
  tokens: TokenTable,
  matches: readonly { first: number; last: number; def: CueDefinition }[],
  quotes: readonly { q: ScareQuote }[],
  lex: CompiledLexicon,
  unitOf: (t: number) => number,
): Mention[] {
  const labelMatches = matches.filter((m) => m.def.kind === 'actor-label')
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
  const make = (m: { first: number; last: number; def: CueDefinition }, actor: string): Mention => {
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
  for (const m of labelMatches) {
    if (!m.def.actor) continue
    const mention = make(m, m.def.actor)
    out.push(mention)
    for (const role of lex.actors.get(m.def.actor)?.roles ?? []) {
      const list = byRole.get(role) ?? []
      list.push(mention)
      byRole.set(role, list)
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
  for (const m of labelMatches) {
    if (m.def.actor || !m.def.roles) continue
    const actor = resolveGeneric(text, tokens, m, byRole, startingAt, lex, unitOf)
    if (actor !== null) out.push(make(m, actor))
  }
  return out
}

function resolveGeneric(
  text: string,
  tokens: TokenTable,
  m: { first: number; last: number; def: CueDefinition },
  byRole: ReadonlyMap<string, Mention[]>,
  startingAt: (token: number) => Mention | undefined,
  lex: CompiledLexicon,
  unitOf: (t: number) => number,
): string | null {
  const roles = m.def.roles ?? []
  // "the armed forces of Iran", "the regime of Bashar al-Assad".
  const wordAt = (k: number): number => (k < tokens.count ? tokens.word[k]! : 0)
  let k = m.last + 1
  if (wordAt(k) === lex.of) {
    k++
    if (wordAt(k) === lex.the) k++
    const owner = startingAt(k)
    if (owner && !SENTENCE_END.test(text.slice(tokens.end[m.last]!, owner.start)))
      return owner.actor
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
  const inScope = (start: number): boolean => scanned.some((s) => start >= s.start && start < s.end)
  // An entity names a label's actor when it spans the label or holds its head word: "Bashar
  // Assad" in "Syrian President Bashar Assad", but not "US" in "US-backed insurgents".
  const sorted = [...mentions].sort((a, b) => a.start - b.start)
  const sortedStarts = Int32Array.from(sorted, (m) => m.start)
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
    const spans = entity.mentions.filter((em) => inScope(em.start))
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
        def: {
          kind: 'actor-label',
          term: entity.name,
          actor: entity.name,
          connotation: 'neutral',
          polarity: 0,
          source: `entity:${entity.id}`,
        },
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
  inUnit: readonly Mention[] | undefined,
  tokens: TokenTable,
  lex: CompiledLexicon,
): Mention | null {
  if (!inUnit) return null
  const unitStart = inUnit[0]!.unit
  const { wordFlags } = lex
  const { word } = tokens
  if (d.kind === 'distancing') {
    for (let k = mt.first; k <= mt.last; k++)
      if ((wordFlags[word[k]!]! & PRONOUN) !== 0) return inUnit[0]!
    if (d.targets === 'following') return inUnit.find((m) => m.first > mt.last) ?? null
    if (d.targets === 'preceding') {
      return nearestBefore(inUnit, mt.first) ?? nearest(inUnit, mt.first, mt.last, 12)
    }
    return nearest(inUnit, mt.first, mt.last, 12)
  }
  const prev = mt.first - 1
  if (prev >= 0 && (wordFlags[word[prev]!]! & POSSESSIVE) !== 0 && unitStart >= 0) return inUnit[0]!
  // An actor before the term is not its target when it undergoes the act ("protesters met with
  // a brutal crackdown") or only reports it ("activists say the heavy-handed response…"); an
  // actor after it is one only within the same clause ("crackdown, organisers say" is not).
  const isTarget = (m: Mention): boolean => {
    if (m.first > mt.last) return !CLAUSE_BREAK.test(text.slice(tokens.end[mt.last]!, m.start))
    for (let k = m.last + 1; k < mt.first; k++) {
      if ((wordFlags[word[k]!]! & (PATIENT_MARKER | REPORTING_VERB)) !== 0) return false
    }
    return true
  }
  const agents = inUnit.filter(isTarget)
  if (d.kind === 'evaluative') {
    return (
      adjacentAfter(agents, mt.last) ??
      nearestBefore(agents, mt.first) ??
      nearest(agents, mt.first, mt.last, 10)
    )
  }
  return adjacent(agents, mt.first, mt.last) ?? nearest(agents, mt.first, mt.last, 10)
}

/** "Liberation" in "the Liberation Front" is part of a name, not the writer's word. */
function isInProperName(
  text: string,
  tokens: TokenTable,
  mt: { first: number; last: number },
): boolean {
  const has = (i: number): boolean => i >= 0 && i < tokens.count
  const isCapital = (i: number): boolean => has(i) && CAPITAL.test(text[tokens.start[i]!]!)
  if (!isCapital(mt.first)) return false
  // Separated by exactly one space.
  const joined = (a: number, b: number): boolean =>
    has(a) &&
    has(b) &&
    tokens.start[b]! - tokens.end[a]! === 1 &&
    text.charCodeAt(tokens.end[a]!) === 0x20
  const start = tokens.start[mt.first]!
  return (
    (isCapital(mt.last + 1) && joined(mt.last, mt.last + 1)) ||
    (mt.first > 0 &&
      isCapital(mt.first - 1) &&
      joined(mt.first - 1, mt.first) &&
      !AFTER_BREAK.test(text.slice(Math.max(0, start - 4), start)))
  )
}

/**
 * A mention right next to the term: directly before it ("Western propaganda") or a few words
 * after ("propaganda of the regime", "losses among the rebels").
 */
function adjacent(
  list: readonly Mention[] | undefined,
  first: number,
  last: number,
): Mention | null {
  const before = list?.find((m) => m.last === first - 1)
  return before ?? adjacentAfter(list, last)
}

function adjacentAfter(list: readonly Mention[] | undefined, last: number): Mention | null {
  return list?.find((m) => m.first > last && m.first - last <= 3) ?? null
}

function nearest(
  list: readonly Mention[] | undefined,
  first: number,
  last: number,
  maxDistance: number,
): Mention | null {
  if (!list) return null
  let best: Mention | null = null
  let bestDistance = maxDistance + 1
  for (const m of list) {
    const d = m.last < first ? first - m.last : m.first > last ? m.first - last : 0
    if (d < bestDistance) {
      best = m
      bestDistance = d
    }
  }
  return best
}

function nearestBefore(list: readonly Mention[] | undefined, token: number): Mention | null {
  if (!list) return null
  let best: Mention | null = null
  for (const m of list) if (m.last < token) best = m
  return best
}

function buildActors(
  text: string,
  tokens: TokenTable,
  units: readonly Unit[],
  mentions: readonly Mention[],
  labelsByActor: ReadonlyMap<string, ActorLabel[]>,
  actorCues: ReadonlyMap<string, ActorCues>,
  cueTokens: Uint8Array,
  lex: CompiledLexicon,
  entityLinks: ReadonlyMap<string, string>,
): Actor[] {
  // Per unit: its valence once computed (NaN before).
  const valence = new Float64Array(units.length).fill(NaN)
  const valenceOf = (u: number): number => {
    let v = valence[u]!
    if (v !== v) {
      const unit = units[u]!
      v = valence[u] = sentenceValence(tokens, unit.first, unit.last, lex, cueTokens)
    }
    return v
  }
  // Each actor's contribution per unit, in arrays shared by all actors: `seen[u]` is the number
  // of the last actor that gave unit u a contribution, `order` its units in first-given order.
  const contribution = new Float64Array(units.length)
  const seen = new Int32Array(units.length)
  let actorNumber = 0
  const byActor = new Map<string, Mention[]>()
  for (const m of mentions) {
    const list = byActor.get(m.actor) ?? []
    list.push(m)
    byActor.set(m.actor, list)
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
        const unit = units[u]!
        return { start: unit.start, end: unit.end, text: text.slice(unit.start, unit.end) }
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
