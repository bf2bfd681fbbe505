import { describe, expect, it } from 'vitest'
import { compareDocuments } from '../../../src/main/compare/index'
import type { FigureRef } from '../../../src/shared/compare'
import { loadScenarios, type Scenario } from '../../fixtures/compare/load-scenarios'

const scenarios = await loadScenarios()

function pairKey(a: FigureRef, b: FigureRef): string {
  const [x, y] = [`${a.doc}:${a.figure}`, `${b.doc}:${b.figure}`].sort()
  return `${x}|${y}`
}

function ref(s: Scenario, id: string): FigureRef {
  const r = s.refs.get(id)
  if (!r) throw new Error(`${s.file}: no figure ${id}`)
  return r
}

describe('comparison scenarios (test/fixtures/compare)', () => {
  it('has at least five scenarios besides the seeds', () => {
    expect(scenarios.filter((s) => !s.file.startsWith('seeds')).length).toBeGreaterThanOrEqual(5)
  })

  for (const s of scenarios) {
    describe(s.name, () => {
      const c = compareDocuments(s.inputs)

      it('finds exactly the expected conflicts', () => {
        const found = c.conflicts.map((x) => pairKey(x.a, x.b)).sort()
        const expected = s.expected.conflicts.map(([a, b]) => pairKey(ref(s, a), ref(s, b))).sort()
        expect(found).toEqual(expected)
        for (const x of c.conflicts) expect(x.reason.length).toBeGreaterThan(20)
      })

      it('judges the marked pairs as expected', () => {
        for (const v of s.expected.verdicts ?? []) {
          const key = pairKey(ref(s, v.figures[0]), ref(s, v.figures[1]))
          const pair = c.quantities.flatMap((q) => q.pairs).find((p) => pairKey(p.a, p.b) === key)
          expect(pair?.verdict, `${v.figures.join(' vs ')}: ${pair?.reason}`).toBe(v.verdict)
        }
      })

      it('flags the within-document inconsistencies', () => {
        const found = c.inconsistencies
          .map((x) => pairKey({ doc: x.doc, figure: x.a }, { doc: x.doc, figure: x.b }))
          .sort()
        const expected = (s.expected.inconsistencies ?? [])
          .map(([a, b]) => pairKey(ref(s, a), ref(s, b)))
          .sort()
        expect(found).toEqual(expected)
      })

      it('does not call compatible or differently scoped figures a conflict', () => {
        const conflicts = new Set(c.conflicts.map((x) => pairKey(x.a, x.b)))
        for (const [a, b] of s.expected.notConflicts ?? [])
          expect(conflicts.has(pairKey(ref(s, a), ref(s, b))), `${a} vs ${b}`).toBe(false)
      })

      it('puts every comparable figure in exactly one quantity group', () => {
        const seen = c.quantities.flatMap((q) => q.figures.map((f) => `${f.doc}:${f.figure}`))
        expect(new Set(seen).size).toBe(seen.length)
        for (const q of c.quantities) {
          expect(q.intervals).toHaveLength(q.figures.length)
          if (q.figures.length === 1) expect(q.verdict).toBe('unique')
        }
      })

      if (s.expected.derivation) {
        const d = s.expected.derivation
        it('says whether one text derives from the other and shows what changed', () => {
          const pair = c.derivation[0]!
          expect(pair.isDerived).toBe(d.isDerived)
          const runs = pair.passages.flatMap((p) => p.diff).filter((r) => r.op !== 'equal')
          for (const [from, to] of d.changes ?? []) {
            const hit = runs.find(
              (r) =>
                r.from.toLowerCase().includes(from.toLowerCase()) &&
                r.to.toLowerCase().includes(to.toLowerCase()),
            )
            expect(hit, `${from} -> ${to} in ${JSON.stringify(runs)}`).toBeDefined()
          }
        })
      }
    })
  }
})
