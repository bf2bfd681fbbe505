import type { Mention, MentionsByUnit } from './mentions'
import {
  type CompiledLexicon,
  type CueDefinition,
  PATIENT_MARKER,
  POSSESSIVE,
  PRONOUN,
  REPORTING_VERB,
} from './stance-lexicon'
import { hasClauseBreak } from './text-breaks'
import type { TokenTable } from './tokenize'

/**
 * The actor a directional cue bears on. Word order stands in for syntax: distancing markers
 * look where their entry says ("so-called X", "X claimed"); a possessive ("their propaganda")
 * points to the sentence's first actor, its likely subject; loaded terms take an actor right next
 * to them, else the nearest one that does not undergo the act ("protesters met with a brutal
 * crackdown": the crackdown is not the protesters'); evaluations of performance take the actor
 * named before them, the likely subject.
 */
export function pickTarget(
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
