import { describe, expect, it } from 'vitest'
import { compareDocuments } from '../../../src/main/compare/index'
import { realSeeds } from '../../fixtures/compare/real-pipeline'

// The seed articles read, analysed and compared by the real pipeline (ingest -> analysis ->
// compare), checked against what expected.json says a careful analyst finds.
const seeds = await realSeeds()

describe.skipIf(typeof seeds === 'string')('seed articles through the real pipeline', () => {
  const inputs = typeof seeds === 'string' ? [] : seeds
  const c = inputs.length ? compareDocuments(inputs) : null
  const figureText = (r: { doc: number; figure: number }) =>
    inputs[r.doc]!.analysis.figures[r.figure]!.text.toLowerCase()

  it('finds no conflict between the two articles', () => {
    expect(c!.conflicts.filter((x) => !x.isWithinDocument)).toEqual([])
  })

  it("flags B's 'at least 700' against '693' and against 'almost 700'", () => {
    const inB = c!.inconsistencies.filter((x) => x.doc === 1)
    const pairs = inB.map((x) =>
      [figureText({ doc: 1, figure: x.a }), figureText({ doc: 1, figure: x.b })].sort().join(' | '),
    )
    expect(pairs.some((p) => p.includes('693') && p.includes('at least 700'))).toBe(true)
    expect(pairs.some((p) => p.includes('almost 700') && p.includes('at least 700'))).toBe(true)
    expect(inB.find((x) => x.type === 'qualifier')?.reason).toMatch(/opposite qualifiers/)
  })

  it("sets A's 'at least 40 in the past 3 weeks' beside B's totals without calling it a conflict", () => {
    const group = c!.quantities.find((q) =>
      q.figures.some((f) => f.doc === 0 && figureText(f).includes('at least 40')),
    )!
    expect(group.figures.some((f) => f.doc === 1 && figureText(f).includes('693'))).toBe(true)
    for (const p of group.pairs.filter((p) => p.a.doc !== p.b.doc))
      expect(p.verdict).not.toBe('conflict')
  })

  it('groups the same way whichever article comes first', () => {
    const reversed = compareDocuments([...inputs].reverse())
    // In the reversed comparison A is document 1 and B document 0.
    const group = reversed.quantities.find((q) =>
      q.figures.some(
        (f) =>
          f.doc === 1 &&
          inputs[0]!.analysis.figures[f.figure]!.text.toLowerCase().includes('at least 40'),
      ),
    )!
    expect(
      group.figures.some(
        (f) => f.doc === 0 && inputs[1]!.analysis.figures[f.figure]!.text.includes('693'),
      ),
    ).toBe(true)
  })

  it('lists Fars as B’s relay for a Revolutionary Guards official', () => {
    expect(
      c!.sources.chains.some(
        (ch) =>
          ch.doc === 1 && ch.chain[1] === 'fars' && ch.chain[0]!.includes('revolutionary guards'),
      ),
    ).toBe(true)
  })
})
