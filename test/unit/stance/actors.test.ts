import { describe, expect, it } from 'vitest'
import type { Entity } from '../../../src/shared/analysis'
import {
  analyzeStance,
  clusterActorsAcrossDocuments,
} from '../../../src/main/analysis/stance/index'
import { loadFixtureText, loadSeed, SEED_A, SEED_B } from './documents'

/** Entities as the analysis engine would give them: every occurrence of each name. */
function entitiesFor(
  text: string,
  specs: { id: string; type: Entity['type']; name: string; aliases?: string[] }[],
): Entity[] {
  return specs.map((s) => {
    const mentions: Entity['mentions'] = []
    for (const n of [s.name, ...(s.aliases ?? [])]) {
      for (let at = text.indexOf(n); at >= 0; at = text.indexOf(n, at + 1)) {
        mentions.push({ start: at, end: at + n.length, text: n })
      }
    }
    return {
      id: s.id,
      type: s.type,
      name: s.name,
      aliases: s.aliases ?? [],
      mentions,
      evidence: ['test'],
    }
  })
}

describe('actors across the two samples', async () => {
  const a = await loadSeed(SEED_A)
  const b = await loadSeed(SEED_B)
  const ra = analyzeStance({ text: a.text, segments: a.segments, sentences: [], entities: [] })
  const rb = analyzeStance({ text: b.text, segments: b.segments, sentences: [], entities: [] })
  const clusters = clusterActorsAcrossDocuments([ra.actors, rb.actors])
  const clusterOf = (doc: number, name: string) => {
    const id = [ra, rb][doc]!.actors.find((x) => x.name === name)!.id
    return clusters.find((c) => c.members.some((m) => m.doc === doc && m.actorId === id))!
  }

  it('puts "Syrian opposition forces" (A) and the “rebels”/“insurgents” (B) in one cluster', () => {
    const opp = clusterOf(0, 'Syrian opposition')
    expect(opp).toBe(clusterOf(1, 'Syrian opposition'))
    expect(opp.members.map((m) => m.doc).sort()).toEqual([0, 1])
  })

  it('puts "the Syrian regime" (A) and "the Syrian government" / "Assad" (B) in one cluster', () => {
    expect(clusterOf(0, 'Syrian government')).toBe(clusterOf(1, 'Syrian government'))
    expect(clusterOf(0, 'Syrian government')).not.toBe(clusterOf(0, 'Syrian opposition'))
  })

  it('joins a generic actor to the one specific actor of its role', () => {
    const wire = analyzeStance({
      text: 'Clashes\n\nRebels attacked a checkpoint, officials said.',
      segments: [],
      sentences: [],
      entities: [],
    })
    const generic = wire.actors.find((x) => x.name === 'Armed groups')!
    const c = clusterActorsAcrossDocuments([ra.actors, wire.actors])
    const joined = c.find((x) => x.members.some((m) => m.doc === 1 && m.actorId === generic.id))!
    expect(joined.name).toBe('Syrian opposition')
  })
})

describe('actors from the entity recogniser', async () => {
  const b = await loadSeed(SEED_B)
  const entities = entitiesFor(b.text, [
    { id: 'e-fars', type: 'organisation', name: 'Fars news agency', aliases: ['Fars'] },
    { id: 'e-jaish', type: 'group', name: 'Jaish al-Fatah' },
    { id: 'e-khan', type: 'place', name: 'Khan Tuman' },
    { id: 'e-iran', type: 'place', name: 'Iran' },
  ])
  const r = analyzeStance({ text: b.text, segments: b.segments, sentences: [], entities })

  it('links entities the lexicon knows to its actors', () => {
    const opp = r.actors.find((x) => x.name === 'Syrian opposition')!
    expect(opp.entityIds).toContain('e-jaish')
    expect(r.actors.find((x) => x.name === 'Iranian government')!.entityIds).toContain('e-iran')
  })

  it('adds entities named twice or more as actors of their own, but not places', () => {
    const fars = r.actors.find((x) => x.name === 'Fars news agency')!
    expect(fars.entityIds).toEqual(['e-fars'])
    expect(fars.labels.length).toBeGreaterThanOrEqual(2)
    expect(
      fars.labels.every((l) => l.connotation === 'neutral' && l.rule.startsWith('entity:e-fars')),
    ).toBe(true)
    expect(r.actors.some((x) => x.name === 'Khan Tuman')).toBe(false)
    // Entity mentions are labels, not cues.
    expect(r.stanceCues.some((c) => c.text === 'Fars')).toBe(false)
  })

  it('clusters entity-only actors by name across documents', async () => {
    const police = await loadFixtureText('protest-police-statement.txt')
    const otherText =
      'Report\n\nThe Fars News Agency said the town fell. the Fars news agency later corrected it.'
    const other = analyzeStance({
      text: otherText,
      segments: [],
      sentences: [],
      entities: entitiesFor(otherText, [
        {
          id: 'f2',
          type: 'organisation',
          name: 'the Fars news agency',
          aliases: ['The Fars News Agency'],
        },
      ]),
    })
    const p = analyzeStance({
      text: police.text,
      segments: police.segments,
      sentences: [],
      entities: [],
    })
    const clusters = clusterActorsAcrossDocuments([r.actors, other.actors, p.actors])
    const fars = clusters.find((c) => c.members.some((m) => m.doc === 1))!
    expect(fars.members.map((m) => m.doc).sort()).toEqual([0, 1])
    expect(clusters.find((c) => c.name === 'Protesters')!.members).toEqual([
      { doc: 2, actorId: 'actor-protesters' },
    ])
  })
})
