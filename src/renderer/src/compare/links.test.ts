import { describe, expect, it } from 'vitest'
import type { DocumentAnalysis } from '../../../shared/analysis'
import type { Comparison } from '../../../shared/compare'
import { layoutSourceGraph } from './source-graph'
import { buildLinkIndex, nextCounterpart, orderLinkKeys } from './links'
import { crossDocumentVerdict } from './present'

interface SeedInput {
  text: string
  analysis: DocumentAnalysis
}

// The two seed articles through the real pipeline: what the view links is what the engine found.
// Computed specifiers keep the renderer's type-check (DOM only) out of main's Node code.
const fixtures = ['..', '..', '..', '..', 'test', 'fixtures', 'compare', 'real-pipeline'].join('/')
const engine = ['..', '..', '..', 'main', 'compare', 'index'].join('/')
const { realSeeds } = (await import(/* @vite-ignore */ fixtures)) as {
  realSeeds: () => Promise<SeedInput[] | string>
}
const { compareDocuments } = (await import(/* @vite-ignore */ engine)) as {
  compareDocuments: (docs: SeedInput[]) => Comparison
}
const seeds = await realSeeds()

describe.skipIf(typeof seeds === 'string')('links between the seed columns', () => {
  const inputs = typeof seeds === 'string' ? [] : seeds
  const c = compareDocuments(inputs)
  const analyses = inputs.map((d) => d.analysis)
  const index = buildLinkIndex(c, analyses, true)
  const at40 = analyses[0]!.figures.find((f) => f.text.toLowerCase().includes('at least 40'))!

  it("ties A's 'at least 40' to B's figures of the same quantity", () => {
    const span = index.spansByDoc[0]!.find((s) => s.kind === 'figure' && s.start === at40.start)
    expect(span).toBeDefined()
    const partners = index.byKey.get(span!.key)!
    const inB = partners
      .filter((p) => p.doc === 1)
      .map((p) => inputs[1]!.text.slice(p.start, p.end))
    expect(inB.some((t) => t.includes('693'))).toBe(true)
    const next = nextCounterpart(index, span!.key, { doc: 0, start: span!.start }, 2)
    expect(next?.doc).toBe(1)
  })

  it('does not read the group verdict as a conflict between the documents', () => {
    const group = c.quantities.find((q) =>
      q.figures.some((f) => f.doc === 0 && analyses[0]!.figures[f.figure] === at40),
    )!
    expect(crossDocumentVerdict(group)).not.toBe('conflict')
  })

  it('links claims only when asked, and ranks a figure above the sentence holding it', () => {
    const withoutClaims = buildLinkIndex(c, analyses, false)
    expect([...withoutClaims.byKey.keys()].some((k) => k.startsWith('c'))).toBe(false)
    const claimKeys = [...index.byKey.keys()].filter((k) => k.startsWith('c'))
    const aligned = c.claims.filter((x) => x.relation !== 'unique' && x.sentences.length > 1)
    expect(claimKeys).toHaveLength(aligned.length)
    expect(
      orderLinkKeys([
        { doc: 0, start: 0, end: 10, key: 'c2', kind: 'claim' },
        { doc: 0, start: 2, end: 4, key: 'q1', kind: 'figure' },
      ]),
    ).toEqual(['q1', 'c2'])
  })

  it('every span lies inside its document and points back at its key', () => {
    index.spansByDoc.forEach((spans, doc) => {
      for (const s of spans) {
        expect(s.doc).toBe(doc)
        expect(s.end).toBeLessThanOrEqual(inputs[doc]!.text.length)
        expect(index.byKey.get(s.key)).toContain(s)
      }
    })
  })

  it("draws B's relay chain as a via edge in the source graph", () => {
    const graph = layoutSourceGraph(
      c.sources,
      c.documents.map((d) => d.title),
      400,
    )
    const via = graph.edges.filter((e) => e.kind === 'via')
    expect(via.length).toBe(
      c.sources.chains.reduce((n, ch) => n + Math.max(0, ch.chain.length - 1), 0),
    )
    expect(graph.nodes.filter((n) => n.kind === 'document')).toHaveLength(2)
  })
})
