import type { DocumentAnalysis, Entity, EntityEdit, EntityMention } from '../../shared/analysis'
import { nameKey } from './entities'

function matches(e: Entity, name: string): boolean {
  const k = nameKey(name)
  return nameKey(e.name) === k || e.aliases.some((a) => nameKey(a) === k)
}

/**
 * The mention of `mentions` an edit means: the one at the same offsets, else (the text was edited
 * and offsets moved) the nearest one with the same words within 200 characters.
 */
function findMention(
  mentions: readonly EntityMention[],
  x: EntityMention,
): EntityMention | undefined {
  const exact = mentions.find((m) => m.start === x.start && m.end === x.end)
  if (exact) return exact
  let best: EntityMention | undefined
  for (const m of mentions) {
    if (m.text !== x.text || Math.abs(m.start - x.start) >= 200) continue
    if (!best || Math.abs(m.start - x.start) < Math.abs(best.start - x.start)) best = m
  }
  return best
}

function withAliases(e: Entity): Entity {
  const texts = new Set(e.mentions.map((m) => m.text))
  for (const a of e.aliases) texts.add(a)
  texts.delete(e.name)
  return { ...e, aliases: [...texts] }
}

/**
 * Applies a researcher's entity edits, in order, to freshly analysed entities. Pure: returns new
 * objects. Edits that name no entity are skipped (the name may be gone from a revised text).
 */
export function applyEntityEdits(entities: Entity[], edits: EntityEdit[]): Entity[] {
  let list = entities.map((e) => ({
    ...e,
    aliases: [...e.aliases],
    mentions: [...e.mentions],
    evidence: [...e.evidence],
  }))
  for (const edit of edits) {
    switch (edit.kind) {
      case 'rename':
        list = list.map((e) =>
          matches(e, edit.name)
            ? withAliases({
                ...e,
                aliases: [...e.aliases, e.name],
                name: edit.newName,
                isEdited: true,
                evidence: [...e.evidence, `renamed by the researcher from '${e.name}'`],
              })
            : e,
        )
        break
      case 'delete':
        list = list.filter((e) => !matches(e, edit.name))
        break
      case 'retype':
        list = list.map((e) =>
          matches(e, edit.name) ? { ...e, type: edit.type, isEdited: true } : e,
        )
        break
      case 'merge': {
        const parts = list.filter((e) => edit.names.some((n) => matches(e, n)))
        if (parts.length < 2 && !edit.newName) break
        const target = edit.names
          .map((n) => parts.find((e) => matches(e, n)))
          .find((e) => e !== undefined)
        if (!target) break
        const merged: Entity = withAliases({
          ...target,
          name: edit.newName ?? target.name,
          aliases: parts.flatMap((e) => [e.name, ...e.aliases]),
          mentions: parts.flatMap((e) => e.mentions).sort((a, b) => a.start - b.start),
          evidence: [
            ...target.evidence,
            `merged by the researcher: ${parts.map((e) => e.name).join(', ')}`,
          ],
          isEdited: true,
        })
        const firstIndex = list.indexOf(target)
        list = list.filter((e) => !parts.includes(e))
        list.splice(Math.min(firstIndex, list.length), 0, merged)
        break
      }
      case 'split': {
        const source = list.find((e) => matches(e, edit.name))
        if (!source) break
        const picked = new Set(edit.mentions.map((x) => findMention(source.mentions, x)))
        const moved = source.mentions.filter((m) => picked.has(m))
        if (moved.length === 0) break
        const kept = source.mentions.filter((m) => !moved.includes(m))
        const rest: Entity = {
          ...source,
          mentions: kept,
          aliases: [...new Set(kept.map((m) => m.text))].filter((t) => t !== source.name),
          isEdited: true,
        }
        const split: Entity = withAliases({
          id: `${source.id}~${nameKey(edit.newName).replace(/\s+/g, '-')}`,
          type: edit.type ?? source.type,
          name: edit.newName,
          aliases: [],
          mentions: moved,
          evidence: [`split by the researcher from '${source.name}'`],
          isEdited: true,
        })
        list = list.flatMap((e) =>
          e === source ? (kept.length > 0 ? [rest, split] : [split]) : [e],
        )
        break
      }
    }
  }
  return list
}

/**
 * Clusters entities across documents: same gazetteer referent, same name key on any alias, or a
 * surname-only person matching a full name elsewhere. Returns entity id -> cluster id.
 */
export function clusterEntitiesAcrossDocuments(analyses: DocumentAnalysis[]): Map<string, string> {
  const all = analyses.flatMap((a) => a.entities)
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let p = parent.get(x) ?? x
    while (p !== (parent.get(p) ?? p)) p = parent.get(p) ?? p
    parent.set(x, p)
    return p
  }
  const union = (a: string, b: string): void => {
    const ra = find(a)
    const rb = find(b)
    if (ra !== rb) parent.set(ra, rb)
  }
  const byKey = new Map<string, string>()
  const compatible = (a: Entity, b: Entity): boolean =>
    a.type === b.type ||
    (a.type !== 'place' && b.type !== 'place' && a.type !== 'person' && b.type !== 'person')
  const byId = new Map(all.map((e) => [e.id, e]))
  for (const e of all) {
    for (const n of [e.name, ...e.aliases]) {
      const k = nameKey(n)
      const other = byKey.get(k)
      if (other && compatible(byId.get(other)!, e)) union(e.id, other)
      else if (!other) byKey.set(k, e.id)
    }
  }
  const surnames = new Map<string, string[]>()
  for (const e of all) {
    if (e.type !== 'person') continue
    for (const n of [e.name, ...e.aliases]) {
      const parts = nameKey(n).split(' ')
      if (parts.length < 2) continue
      const last = parts[parts.length - 1]!
      const list = surnames.get(last) ?? []
      list.push(e.id)
      surnames.set(last, list)
    }
  }
  for (const e of all) {
    if (e.type !== 'person' || nameKey(e.name).includes(' ')) continue
    const owners = [...new Set((surnames.get(nameKey(e.name)) ?? []).map(find))]
    if (owners.length === 1) union(e.id, owners[0]!)
  }
  const members = new Map<string, Entity[]>()
  for (const e of all) {
    const root = find(e.id)
    const list = members.get(root) ?? []
    list.push(e)
    members.set(root, list)
  }
  const out = new Map<string, string>()
  for (const list of members.values()) {
    const best = [...list].sort((a, b) => b.name.length - a.name.length)[0]!
    const id = `cluster:${nameKey(best.name).replace(/\s+/g, '-')}`
    for (const e of list) out.set(e.id, id)
  }
  return out
}
