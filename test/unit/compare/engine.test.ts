import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeDocument } from '../../../src/main/analysis/index'
import { compareDocuments, type CompareInput } from '../../../src/main/compare/index'
import {
  affiliationOf,
  familyOf,
  placeTokens,
  windowDays,
} from '../../../src/main/compare/figure-facts'
import { compareDerivation } from '../../../src/main/compare/derivation'
import { alignClaims } from '../../../src/main/compare/claims'
import { isSameSource, sourceKey } from '../../../src/main/compare/source-key'
import { ParallaxError } from '../../../src/shared/errors'
import type { Figure } from '../../../src/shared/analysis'
import { loadScenario, loadScenarios } from '../../fixtures/compare/load-scenarios'

const tmp = await mkdtemp(path.join(os.tmpdir(), 'parallax-compare-'))
afterAll(() => rm(tmp, { recursive: true, force: true }))

function plain(text: string, id = 'x'): CompareInput {
  return {
    id,
    title: id,
    outlet: null,
    published: null,
    text,
    segments: [{ start: 0, end: text.length, role: 'body' }],
    analysis: {
      docId: id,
      analyserVersion: 'test',
      sentences: [],
      figures: [],
      dates: [],
      entities: [],
      attributions: [],
      actors: [],
      stanceCues: [],
      stanceSummary: null,
      elapsedMs: 0,
    },
  }
}

describe('reading what a figure measures', () => {
  it('finds the head noun family of a subject', () => {
    expect(familyOf('members of the Revolutionary Guards')).toBe('combatants')
    expect(familyOf('Iranian soldiers and militia fighters')).toBe('combatants')
    expect(familyOf('demonstrators')).toBe('people')
    expect(familyOf('Shia militias')).toBe('units')
  })
  it('names the most specific affiliation', () => {
    expect(affiliationOf('member of the Revolutionary Guards')).toBe('iran/irgc')
    expect(affiliationOf('troops from the Quds Force')).toBe('iran/irgc/quds')
    expect(affiliationOf('Iranian soldiers')).toBe('iran')
    expect(affiliationOf('people')).toBeNull()
  })
  it('reads window lengths and place tokens', () => {
    expect(windowDays('in the past 3 weeks')).toBe(21)
    expect(windowDays('in the last three years')).toBeCloseTo(3 * 365.25)
    expect([...placeTokens('near the Syrian city of Aleppo')].sort()).toEqual(['aleppo', 'syria'])
  })
  it('normalises source names', () => {
    expect(sourceKey('the Fars news agency')).toBe('fars')
    expect(isSameSource(sourceKey('Fars'), sourceKey('the Fars news agency'))).toBe(true)
    expect(isSameSource(sourceKey('SANA'), sourceKey('Syria’s state news agency SANA'))).toBe(true)
    expect(
      isSameSource(
        sourceKey('a senior Iranian official'),
        sourceKey('a high ranking Iranian military official'),
      ),
    ).toBe(false)
  })
})

describe('compareDocuments', () => {
  it('refuses no documents and more than six, with a researcher-readable error', () => {
    expect(() => compareDocuments([])).toThrow(ParallaxError)
    const seven = Array.from({ length: 7 }, (_, i) => plain(`Text ${i}.`, `d${i}`))
    try {
      compareDocuments(seven)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ParallaxError)
      expect((e as ParallaxError).code).toBe('invalid-argument')
      expect((e as ParallaxError).message).toMatch(/at most 6/)
    }
  })

  it('checks one document on its own and returns plain JSON data', async () => {
    const seeds = (await loadScenarios()).find((s) => s.file === 'seeds.json')!
    const one = compareDocuments([seeds.inputs[1]!])
    expect(one.inconsistencies.length).toBe(2)
    expect(one.derivation).toEqual([])
    expect(one.claims.every((c) => c.relation !== 'unique')).toBe(true)
    expect(JSON.parse(JSON.stringify(one))).toEqual(one)
  })

  it('reports seed sources shared and chained, and labels framed differently', async () => {
    const seeds = (await loadScenarios()).find((s) => s.file === 'seeds.json')!
    const c = compareDocuments(seeds.inputs)
    const fars = c.sources.sources.find((s) => s.key === 'fars')
    expect(fars?.docs.map((d) => d.doc)).toEqual([1])
    expect(c.sources.chains.map((x) => x.chain.join(' <- '))).toContain(
      'revolutionary guards <- fars',
    )
    const opposition = c.labels.find((r) => r.actor === 'Syrian opposition')!
    expect(opposition.ids.every((id) => id !== null)).toBe(true)
    expect(opposition.isFramedDifferently).toBe(true)
    expect(opposition.cells[1]!.labels.map((l) => l.text)).toContain('US-backed “insurgents”')
  })
})

describe('a scenario written to a temp folder', () => {
  it('loads when every quote is in its text and fails loudly when one is not', async () => {
    const good = {
      name: 'tmp',
      pattern: 'tmp',
      documents: [
        {
          title: 'a',
          text: 'Police said 500 people marched.',
          figures: [
            {
              id: 'a',
              quote: '500 people',
              value: 500,
              qualifier: 'exact',
              kind: 'count',
              measure: 'marched',
              subject: 'people',
              source: 'Police',
            },
          ],
        },
        {
          title: 'b',
          text: 'Organisers said 5,000 people marched.',
          figures: [
            {
              id: 'b',
              quote: '5,000 people',
              value: 5000,
              qualifier: 'exact',
              kind: 'count',
              measure: 'marched',
              subject: 'people',
              source: 'Organisers',
            },
          ],
        },
      ],
      expected: { conflicts: [['a', 'b']] },
    }
    const file = path.join(tmp, 'good.json')
    await writeFile(file, JSON.stringify(good))
    const s = await loadScenario(file)
    const c = compareDocuments(s.inputs)
    expect(c.conflicts).toHaveLength(1)
    expect(c.conflicts[0]!.isBetweenClaimants).toBe(true)
    expect(c.conflicts[0]!.reason).toMatch(/between claimants/)

    const bad = {
      ...good,
      documents: [
        {
          ...good.documents[0],
          figures: [{ ...good.documents[0]!.figures[0], quote: '600 people' }],
        },
      ],
    }
    await writeFile(path.join(tmp, 'bad.json'), JSON.stringify(bad))
    await expect(loadScenario(path.join(tmp, 'bad.json'))).rejects.toThrow(/600 people/)
  })
})

describe('claims', () => {
  it('aligns the same claim, spots a number contradiction and a negation, and keeps unique sentences', () => {
    const a = plain(
      'The bridge over the Sava river collapsed on Monday. Eleven workers were rescued. The mayor said 14 people were injured in the collapse.',
      'a',
    )
    const b = plain(
      'Officials confirmed the bridge over the Sava river collapsed on Monday. The mayor said 30 people were injured in the collapse. A new bridge will cost millions.',
      'b',
    )
    const claims = alignClaims([a, b])
    const same = claims.find((c) => c.relation === 'same' || c.relation === 'elaboration')!
    expect(a.text.slice(same.sentences[0]!.start, same.sentences[0]!.end)).toContain(
      'collapsed on Monday',
    )
    const contra = claims.find((c) => c.relation === 'contradiction')!
    expect(contra.reason).toMatch(/14 vs 30/)
    expect(claims.filter((c) => c.relation === 'unique')).toHaveLength(2)

    const n1 = plain('The army confirmed that soldiers entered the village of Khan Tuman.', 'n1')
    const n2 = plain('The army denied that soldiers entered the village of Khan Tuman.', 'n2')
    const neg = alignClaims([n1, n2])
    expect(neg[0]?.relation).toBe('contradiction')
  })
})

describe('derivation', () => {
  it('measures shingle overlap both ways and diffs a rewrite word by word', () => {
    const base =
      'Government forces had held the village since December and the road between Aleppo and the southern countryside was cut for several hours while fighters on both sides buried their dead.'
    const a = plain(
      `Armed groups seized the village of Khan Tuman, 12 kilometres southwest of Aleppo. ${base}`,
      'a',
    )
    const b = plain(
      `“Terrorists” seized the village of Khan Tuman, seven miles southwest of Aleppo. ${base}`,
      'b',
    )
    const unrelated = plain(
      'The central bank raised interest rates by half a point on Thursday, citing stubborn inflation in services and wages.',
      'c',
    )
    const [ab, ac] = compareDerivation([a, b, unrelated])
    expect(ab!.isDerived).toBe(true)
    expect(ab!.shareAInB).toBeGreaterThan(0.6)
    const changes = ab!.passages.flatMap((p) => p.diff).filter((r) => r.op !== 'equal')
    expect(changes).toContainEqual({ op: 'replace', from: '12 kilometres', to: 'seven miles' })
    expect(changes).toContainEqual({ op: 'replace', from: 'Armed groups', to: '“Terrorists”' })
    expect(ac!.isDerived).toBe(false)
    expect(ac!.passages).toEqual([])
  })
})

describe('describeComparison', () => {
  it('prints verdicts, conflicts and rewrite changes as text for the terminal', async () => {
    const { describeComparison } = await import('../../../src/main/compare/describe')
    const scenarios = await loadScenarios()
    const crowd = scenarios.find((s) => s.file === 'crowd-police-vs-organisers.json')!
    const text = describeComparison(compareDocuments(crowd.inputs), crowd.inputs).join('\n')
    expect(text).toMatch(/CONFLICT: present/)
    expect(text).toMatch(/Conflicts \(3\)/)
    const wire = scenarios.find((s) => s.file === 'wire-rewrite.json')!
    const wireText = describeComparison(compareDocuments(wire.inputs), wire.inputs).join('\n')
    expect(wireText).toContain("replace: '12 kilometres' -> '7.5 miles'")
  })
})

describe('odd analyses', () => {
  it('copes with empty texts, missing segments, zero and unbounded values, and unknown units', () => {
    const base = plain(
      'Zero people were hurt. At most 5 km of road were closed. 3 furlongs. 0 killed.',
      'odd',
    )
    const f = (start: number, end: number, over: Partial<Figure>) => ({
      id: `f${start}`,
      start,
      end,
      text: base.text.slice(start, end),
      segmentRole: 'body' as const,
      value: 0,
      low: null,
      high: null,
      qualifier: 'exact' as const,
      qualifierText: null,
      kind: 'count' as const,
      unit: null,
      measure: null,
      subject: null,
      timeScope: null,
      location: null,
      source: null,
      sentence: { start: 0, end: base.text.length },
      evidence: [],
      confidence: 0.5,
      ...over,
    })
    base.analysis.figures = [
      f(0, 4, { value: 0, measure: { start: 10, end: 14, text: 'hurt', normalized: 'wounded' } }),
      f(23, 37, {
        value: 5,
        low: null,
        high: 5,
        qualifier: 'at_most',
        kind: 'distance',
        unit: 'km',
      }),
      f(55, 66, { value: 3, kind: 'distance', unit: 'furlongs' }),
      f(68, 76, {
        value: 0,
        low: 0,
        high: 0,
        measure: { start: 70, end: 76, text: 'killed', normalized: 'killed' },
      }),
      f(68, 69, { value: null, low: 7, high: 2, qualifier: 'vague', kind: 'date' }),
    ]
    const empty = plain('', 'empty')
    empty.segments = []
    const c = compareDocuments([base, empty, base])
    expect(c.documents).toHaveLength(3)
    expect(JSON.parse(JSON.stringify(c))).toEqual(c)
    // The same document twice is a full copy of itself.
    const self = c.derivation.find((d) => d.a === 0 && d.b === 2)!
    expect(self.shareAInB).toBe(1)
  })
})

describe('inconsistencies inside one document', () => {
  const analysed = (text: string): CompareInput => {
    const input = plain(text, 'one')
    return {
      ...input,
      analysis: analyzeDocument({
        docId: 'one',
        text,
        segments: input.segments,
        published: '2026-11-20',
      }),
    }
  }

  it('flags a toll given two ways, but not two counts of things with no measure word', () => {
    const toll = analysed(
      'Flood toll\n\nAt least 40 people were killed in the floods in Sindh, the ministry said on Monday.\n\n' +
        'Rescue work went on through the night.\n\n' +
        'Only 25 people were killed in the floods in Sindh, the ministry said on Monday.\n',
    )
    const tollConflicts = compareDocuments([toll]).conflicts
    expect(tollConflicts).toHaveLength(1)
    expect(tollConflicts[0]!.isWithinDocument).toBe(true)

    const readings = analysed(
      'Laptop noise\n\nIn our testing, we had a baseline of 38 dBA of ambient noise in the MacBook lab.\n\n' +
        'Typing on the MacBook brought that up to about 43 dBA.\n',
    )
    const c = compareDocuments([readings])
    expect(c.conflicts).toEqual([])
    const pairs = c.quantities.flatMap((q) => q.pairs)
    expect(pairs).toHaveLength(1)
    expect(pairs[0]).toMatchObject({ verdict: 'different_scope' })
    expect(pairs[0]!.reason).toContain('counting different sets')
  })
})
