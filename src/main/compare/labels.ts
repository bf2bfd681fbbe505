import type { Actor, DocumentAnalysis } from '../../shared/analysis'
import type { ActorRow, LabelCell } from '../../shared/compare'

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[“”"‘’']/g, '')
    .replace(/^the\s+/, '')
    .trim()
}

/** Every name an actor goes by in its document: its name and its entities' names and aliases. */
function namesOf(actor: Actor, analysis: DocumentAnalysis): Set<string> {
  const out = new Set([norm(actor.name)])
  for (const id of actor.entityIds) {
    const e = analysis.entities.find((x) => x.id === id)
    if (!e) continue
    out.add(norm(e.name))
    for (const a of e.aliases) out.add(norm(a))
  }
  return out
}

/**
 * The actor × document matrix: actors clustered across documents by shared name or alias, each
 * cell the labels one document uses for the actor with their connotation, and its stance score.
 */
export function compareLabels(analyses: readonly DocumentAnalysis[]): ActorRow[] {
  const rows: { actor: string; names: Set<string>; members: ({ actor: Actor } | null)[] }[] = []
  analyses.forEach((analysis, doc) => {
    for (const actor of analysis.actors) {
      const names = namesOf(actor, analysis)
      let row = rows.find((r) => r.members[doc] == null && [...names].some((n) => r.names.has(n)))
      if (!row) {
        row = { actor: actor.name, names: new Set(), members: analyses.map(() => null) }
        rows.push(row)
      }
      for (const n of names) row.names.add(n)
      row.members[doc] = { actor }
    }
  })
  return rows.map((r) => {
    const cells: LabelCell[] = r.members.map((m, doc) => ({
      doc,
      labels: m
        ? m.actor.labels.map((l) => ({
            text: l.text,
            connotation: l.connotation,
            rule: l.rule,
            start: l.start,
            end: l.end,
          }))
        : [],
      stance: m ? m.actor.stance.score : null,
      evidence: m
        ? m.actor.stance.evidence.map((e) => ({ start: e.start, end: e.end, text: e.text }))
        : [],
    }))
    const connotationSets = cells
      .filter((c) => c.labels.length > 0)
      .map((c) => [...new Set(c.labels.map((l) => l.connotation))].sort().join(','))
    return {
      actor: r.actor,
      ids: r.members.map((m) => m?.actor.id ?? null),
      cells,
      isFramedDifferently: new Set(connotationSets).size > 1,
    }
  })
}
