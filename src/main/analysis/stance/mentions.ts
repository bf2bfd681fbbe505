import type { Entity } from '../../../shared/analysis'
import type { Segment } from '../../../shared/document'
import type { Match, Matches } from './matches-and-units'
import { type ScareQuote, lowerBound } from './scare-quotes'
import type { CompiledLexicon, CueDefinition } from './stance-lexicon'
import { hasSentenceEnd } from './text-breaks'
import type { TokenTable } from './tokenize'

/** A place where the document names an actor, by lexicon label or entity mention. */
export interface Mention {
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

// Entities the lexicon does not know become actors only for the most-mentioned few.
const MAX_ENTITY_ACTORS = 8

/**
 * Mentions grouped by unit, in text order within each: unit u's are list[offset[u + 1],
 * offset[u + 2]) (u = -1 for mentions outside every unit). One array for the document rather
 * than one per sentence.
 */
export interface MentionsByUnit {
  list: Mention[]
  offset: Int32Array
  /** The unit's first mention, null when it has none. */
  first(unit: number): Mention | null
}

export function groupByUnit(mentions: readonly Mention[], unitCount: number): MentionsByUnit {
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
export function resolveMentions(
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
export function addEntityMentions(
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
