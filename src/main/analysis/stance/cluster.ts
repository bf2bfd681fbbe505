import type { Actor } from '../../../shared/analysis'
import { compileLexicon } from './stance-lexicon'
import { normaliseWord } from './tokenize'

/** The same referent across the documents of a comparison, under whatever names each uses. */
export interface ActorCluster {
  id: string
  name: string
  members: { doc: number; actorId: string }[]
}

/**
 * Groups the actors of several documents into referents. Lexicon actors are already canonical
 * (every name a document uses for the Syrian opposition, from "Jaish al-Fatah" to “rebels”, maps
 * to "Syrian opposition"); actors found only by the entity recogniser group by name, ignoring
 * case, possessives and a leading "the"; a generic fallback actor ("Armed groups") joins the one
 * specific actor of its role when the comparison has exactly one.
 */
export function clusterActorsAcrossDocuments(perDoc: Actor[][]): ActorCluster[] {
  const lex = compileLexicon()
  const fallbackRole = new Map<string, string>()
  for (const [role, name] of lex.roleFallback) fallbackRole.set(name, role)

  const key = (s: string): string =>
    s
      .split(/\s+/)
      .map(normaliseWord)
      .filter((w) => w !== 'the')
      .join(' ')
  const specificByRole = new Map<string, Set<string>>()
  for (const actors of perDoc) {
    for (const a of actors) {
      for (const role of lex.actors.get(a.name)?.roles ?? []) {
        const set = specificByRole.get(role) ?? new Set<string>()
        set.add(a.name)
        specificByRole.set(role, set)
      }
    }
  }
  const referentOf = (a: Actor): string => {
    if (lex.actors.has(a.name)) return a.name
    const role = fallbackRole.get(a.name)
    if (role !== undefined) {
      const specific = specificByRole.get(role)
      if (specific?.size === 1) return [...specific][0]!
      return a.name
    }
    return a.name
  }

  const clusters = new Map<string, ActorCluster>()
  perDoc.forEach((actors, doc) => {
    for (const a of actors) {
      const name = referentOf(a)
      const id = `cluster-${key(name).replace(/[^\p{L}\p{N}]+/gu, '-')}`
      const c = clusters.get(id) ?? { id, name, members: [] }
      c.members.push({ doc, actorId: a.id })
      clusters.set(id, c)
    }
  })
  return [...clusters.values()].sort((a, b) => b.members.length - a.members.length)
}
