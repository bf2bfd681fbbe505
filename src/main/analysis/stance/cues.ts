import type { ActorLabel, Connotation, StanceCue, StanceCueKind } from '../../../shared/analysis'
import type { Segment, SegmentRole } from '../../../shared/document'
import type { LexiconKind } from '../../../shared/lexicon'
import { type ActorCues, actorId, round } from './actor-stance'
import { labelRule, entryRule, scareQuoteRule } from './cue-rules'
import { pickTarget } from './cue-targets'
import type { Matches, Units } from './matches-and-units'
import { type Mention, groupByUnit } from './mentions'
import { isInProperName } from './proper-names'
import type { ScareQuote } from './scare-quotes'
import type { CompiledLexicon } from './stance-lexicon'
import type { TokenTable } from './tokenize'

const CUE_KIND: Record<LexiconKind, StanceCueKind> = {
  'actor-label': 'label',
  loaded: 'loaded_term',
  evaluative: 'evaluative',
  hedge: 'hedge',
  booster: 'booster',
  distancing: 'distancing',
}

/** A document's cues in text order, numbered, and what the actors' scores need of them. */
export interface BuiltCues {
  cues: StanceCue[]
  labelsByActor: Map<string, ActorLabel[]>
  actorCues: Map<string, ActorCues>
  /** 1 on the tokens a cue covers: a sentence's tone leaves them out, so no word counts twice. */
  cueTokens: Uint8Array
}

/**
 * The cues of a document: its labels, scare quotes, lexicon terms and shouting headlines, each
 * with the actor it bears on.
 */
export function buildCues(
  text: string,
  tokens: TokenTable,
  units: Units,
  matches: Matches,
  mentions: readonly Mention[],
  quotes: readonly { q: ScareQuote; role: SegmentRole; unit: number }[],
  scanned: readonly Segment[],
  lex: CompiledLexicon,
  unitOf: (tokenIndex: number) => number,
): BuiltCues {
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
  return { cues, labelsByActor, actorCues, cueTokens }
}

function labelConnotation(m: Mention): Connotation {
  const c = m.def.connotation ?? 'neutral'
  if (!m.quote) return c
  return c === 'pejorative' ? c : 'delegitimising'
}

// "cue-1", "cue-2", …: every document numbers its cues from 1, so the ids are made once.
const cueIds: string[] = []
const MAX_CACHED_CUE_IDS = 1 << 16

function cueId(n: number): string {
  if (n > MAX_CACHED_CUE_IDS) return `cue-${n}`
  while (cueIds.length < n) cueIds.push(`cue-${cueIds.length + 1}`)
  return cueIds[n - 1]!
}
