import type { Actor, ActorLabel, Span } from '../../../shared/analysis'
import type { Units } from './matches-and-units'
import type { Mention } from './mentions'
import type { CompiledLexicon } from './stance-lexicon'
import type { TokenTable } from './tokenize'
import { sentenceValence } from './valence'

/** The cues that count toward an actor's score: their units and polarities, in cue order. */
export interface ActorCues {
  units: number[]
  polarities: number[]
}

// A sentence's tone is weak evidence of the writer's stance toward every actor in it (the tone
// may be a quoted speaker's, or about another actor): it counts for less than one cue.
const VALENCE_WEIGHT = 0.3

/**
 * The document's actors, most mentioned first: each with its labels, the entities that name it,
 * a -1..1 stance score from its cues and the tone of the sentences naming it, and up to three
 * evidence sentences.
 */
export function buildActors(
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

export const round = (x: number): number => Math.round(x * 100) / 100
