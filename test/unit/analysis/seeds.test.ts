import { describe, expect, it } from 'vitest'
import {
  SEEDS_DIR,
  FIXTURES_DIR,
  expectedMeasure,
  loadCorpus,
  matchFigures,
  sourcesFound,
  textAgrees,
  type LoadedDoc,
  type ExpectedFile,
} from '../../eval/figures'

// The seeds are the product's acceptance test: every expected figure, with the right value and
// qualifier, and its measure and source where the analyst gives them.
describe('seed articles (acceptance)', async () => {
  const { expected, docs } = await loadCorpus(SEEDS_DIR)
  const { matches, unmatchedFound } = matchFigures(expected, docs)

  it.each(matches.map((m) => [m.expected.id, m] as const))('finds figure %s', (_id, m) => {
    const f = m.found
    expect(f, `no figure overlaps "${m.expected.quote}"`).not.toBeNull()
    expect(f!.value).toBe(m.expected.value ?? null)
    expect(f!.qualifier).toBe(m.expected.qualifier)
    expect(f!.kind).toBe(m.expected.kind)
    if (m.expected.unit) expect(f!.unit).toBe(m.expected.unit)
    const measure = expectedMeasure(m.expected.counts_what)
    if (measure && m.expected.kind === 'count') expect(f!.measure?.normalized).toBe(measure)
    const source = f!.source
      ? `${f!.source.antecedent?.text ?? f!.source.text} ${f!.source.via?.text ?? ''}`
      : null
    expect(textAgrees(m.expected.source_attributed, source), `source ${source}`).toBe(true)
    expect(
      textAgrees(m.expected.location, f!.location?.text ?? null),
      `location ${f!.location?.text}`,
    ).toBe(true)
    expect(f!.evidence.length).toBeGreaterThan(0)
    expect(f!.confidence).toBeGreaterThan(0)
    expect(f!.confidence).toBeLessThanOrEqual(1)
  })

  it('reports no body figure that the analyst did not list', () => {
    expect(unmatchedFound.map((f) => f.text)).toEqual([])
  })

  it('gives intervals that follow the qualifier', () => {
    const byId = new Map(matches.map((m) => [m.expected.id, m.found!]))
    expect([byId.get('A2')!.low, byId.get('A2')!.high]).toEqual([40, null])
    expect([byId.get('B7')!.low, byId.get('B7')!.high]).toEqual([630, 700])
    expect([byId.get('B8')!.low, byId.get('B8')!.high]).toEqual([1800, 2200])
    expect(byId.get('B2')!.low).toBeGreaterThan(0)
    expect(byId.get('B3')!.timeScope?.text).toBe('on May 6')
    expect(byId.get('B3')!.source?.via?.text).toMatch(/Fars news agency/)
    expect(byId.get('A1')!.source?.antecedent?.text).toMatch(/Hossein Salami/)
  })

  it('finds every source the analyst lists as cited', () => {
    expect(sourcesFound(expected, docs).missing).toEqual([])
  })

  it('keeps the reader comments out of the article: their numbers are not body figures', () => {
    const b = docs.find((d) => d.key === 'B')!
    const comments = b.segments.filter((s) => s.role === 'comments')
    expect(comments.length).toBeGreaterThan(0)
    for (const f of b.analysis.figures) {
      const inComments = comments.some((s) => f.start >= s.start && f.start < s.end)
      if (inComments) expect(f.segmentRole).toBe('comments')
      else expect(f.segmentRole).not.toBe('comments')
    }
    // "  1. Isis has…" is a list marker, not a count.
    expect(b.analysis.figures.filter((f) => /^[12]$/.test(f.text))).toEqual([])
  })

  it('keeps dates apart from figures and reads "five-year-old war" as no count', () => {
    const b = docs.find((d) => d.key === 'B')!
    expect(b.analysis.dates.map((d) => d.text)).toEqual(
      expect.arrayContaining(['May 7', 'May 6', '2012']),
    )
    expect(b.analysis.figures.some((f) => /five|2012|May/.test(f.text))).toBe(false)
  })
})

describe('fixture articles (our own phrasings)', async () => {
  const corpus: { expected: ExpectedFile; docs: LoadedDoc[] } = await loadCorpus(FIXTURES_DIR)
  const { matches, predicted } = matchFigures(corpus.expected, corpus.docs)

  it('finds at least 95% of the figures with at most 5% false ones', () => {
    const tp = matches.filter((m) => m.found).length
    expect(tp / matches.length).toBeGreaterThanOrEqual(0.95)
    expect(tp / predicted).toBeGreaterThanOrEqual(0.95)
  })

  it('reads values and qualifiers right on every found figure', () => {
    const wrong = matches
      .filter(
        (m) =>
          m.found &&
          (m.found.qualifier !== m.expected.qualifier ||
            Math.abs((m.found.value ?? -1) - (m.expected.value ?? -1)) > 1e-3),
      )
      .map((m) => m.expected.id)
    expect(wrong).toEqual([])
  })
})
