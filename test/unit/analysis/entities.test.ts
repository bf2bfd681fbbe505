import { describe, expect, it } from 'vitest'
import type { Entity, EntityEdit } from '../../../src/shared/analysis'
import {
  analyzeDocument,
  applyEntityEdits,
  clusterEntitiesAcrossDocuments,
} from '../../../src/main/analysis/index'
import { SEEDS_DIR, loadCorpus } from '../../eval/figures'

function entities(text: string, docId = 'doc'): Entity[] {
  return analyzeDocument({ docId, text, segments: [], published: null }).entities
}

function named(list: Entity[], name: string): Entity {
  const e = list.find((x) => x.name === name || x.aliases.includes(name))
  expect(e, `no entity "${name}" in ${list.map((x) => x.name).join(', ')}`).toBeDefined()
  return e!
}

describe('entities within a document', () => {
  it('clusters an acronym with its expansion and the short form', () => {
    const list = entities(
      'About 2,000 troops from the Quds Force, the Special Forces wing of the Islamic Revolutionary Guard Corps (IRGC), are in Syria. The IRGC provides recruits. A Revolutionary Guards official spoke.',
    )
    const irgc = named(list, 'Islamic Revolutionary Guard Corps')
    expect(irgc.type).toBe('organisation')
    expect(irgc.aliases).toEqual(expect.arrayContaining(['IRGC', 'Revolutionary Guards']))
    expect(irgc.mentions.length).toBe(4)
  })

  it('clusters an acronym spelled out elsewhere in the text without the gazetteer', () => {
    const list = entities('The Crowd Data Lab said so. Later the CDL repeated the count.')
    const lab = named(list, 'Crowd Data Lab')
    expect(lab.aliases).toContain('CDL')
  })

  it('joins surname-only mentions and spelling variants to the full name', () => {
    const list = entities(
      'Ali Akbar Velayati met Bashar al-Assad in Damascus. Velayati said Tehran backs Bashar Assad. Assad thanked him.',
    )
    const v = named(list, 'Ali Akbar Velayati')
    expect(v.type).toBe('person')
    expect(v.aliases).toContain('Velayati')
    const assad = named(list, 'Bashar al-Assad')
    expect(assad.aliases).toEqual(expect.arrayContaining(['Bashar Assad', 'Assad']))
    expect(named(list, 'Damascus').type).toBe('place')
  })

  it('types people by title and organisations by head word', () => {
    const list = entities(
      'Gen. Hossein Salami spoke to the Workers Union. Syria’s state news agency SANA quoted him.',
    )
    expect(named(list, 'Hossein Salami').type).toBe('person')
    expect(named(list, 'Workers Union').type).toBe('organisation')
    expect(named(list, 'SANA').type).toBe('organisation')
  })

  // Pasted text often has two spaces or a tab after a title: the name is still the name.
  it.each(['President  Barack Obama', 'President\tBarack Obama', 'Gen.  Hossein Salami'])(
    'leaves the title and all the space after it out of %j',
    (name) => {
      const list = entities(`Officials met ${name} on Monday.`)
      const person = list.find((e) => e.type === 'person')
      expect(person?.mentions.map((m) => m.text)).toEqual([name.split(/\s+/).slice(1).join(' ')])
    },
  )
})

describe('entities across documents', () => {
  it('links the same referent in both seed articles', async () => {
    const { docs } = await loadCorpus(SEEDS_DIR)
    const analyses = docs.map((d) => d.analysis)
    const clusters = clusterEntitiesAcrossDocuments(analyses)
    const [a, b] = analyses
    const assadA = named(a!.entities, 'Bashar Assad')
    const assadB = named(b!.entities, 'Bashar al-Assad')
    expect(clusters.get(assadA.id)).toBe(clusters.get(assadB.id))
    const irgcA = named(a!.entities, 'Revolutionary Guards')
    const irgcB = named(b!.entities, 'IRGC')
    expect(clusters.get(irgcA.id)).toBe(clusters.get(irgcB.id))
    expect(clusters.get(named(a!.entities, 'Syria').id)).not.toBe(clusters.get(irgcB.id))
    expect(assadA.id).not.toBe(assadB.id)
  })
})

describe('entity edits', () => {
  const text =
    'Ali Akbar Velayati met Hossein Salami in Tehran. Velayati praised the Quds Force. Salami thanked the Quds Force.'
  const fresh = (): Entity[] => entities(text)

  it('merge, rename, split and delete apply to a fresh analysis', () => {
    const edits: EntityEdit[] = [
      { kind: 'merge', names: ['Quds Force', 'Tehran'], newName: 'Iranian state' },
      { kind: 'rename', name: 'Velayati', newName: 'Dr Ali Akbar Velayati' },
      { kind: 'delete', name: 'Hossein Salami' },
    ]
    const edited = applyEntityEdits(fresh(), edits)
    const state = named(edited, 'Iranian state')
    expect(state.mentions.map((m) => m.text)).toEqual(['Tehran', 'Quds Force', 'Quds Force'])
    expect(state.isEdited).toBe(true)
    expect(named(edited, 'Dr Ali Akbar Velayati').aliases).toEqual(
      expect.arrayContaining(['Ali Akbar Velayati', 'Velayati']),
    )
    expect(edited.some((e) => e.name === 'Hossein Salami' || e.aliases.includes('Salami'))).toBe(
      false,
    )
  })

  it('splits by mention offsets, and the same edits survive re-analysis', () => {
    const first = fresh()
    const quds = named(first, 'Quds Force')
    const edits: EntityEdit[] = [
      {
        kind: 'split',
        name: 'Quds Force',
        mentions: [quds.mentions[1]!],
        newName: 'Quds Force (Salami)',
      },
    ]
    const once = applyEntityEdits(first, edits)
    const again = applyEntityEdits(fresh(), edits)
    expect(again).toEqual(once)
    expect(named(once, 'Quds Force (Salami)').mentions).toEqual([quds.mentions[1]])
    expect(named(once, 'Quds Force').mentions).toEqual([quds.mentions[0]])
  })

  it('skips edits whose entity is gone', () => {
    expect(applyEntityEdits(fresh(), [{ kind: 'delete', name: 'Nobody Here' }])).toEqual(fresh())
  })
})
