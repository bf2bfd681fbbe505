import type { DocumentAnalysis } from '../../shared/analysis'
import type { Comparison, FigureRef, PairVerdict } from '../../shared/compare'
import type { Segment } from '../../shared/document'
import { ParallaxError } from '../../shared/errors'
import { alignClaims } from './claims'
import { compareDerivation } from './derivation'
import { figureFacts, type FigureFacts } from './figure-facts'
import { reconcileFigures } from './figures'
import { compareLabels } from './labels'
import { compareSources } from './sources'

/** One document to compare: its text, segments and analysis. */
export interface CompareInput {
  id: string
  title: string
  outlet: string | null
  published: string | null
  text: string
  segments: Segment[]
  analysis: DocumentAnalysis
}

/** Most documents a comparison sets side by side (the view has six columns). */
export const MAX_COMPARED = 6

/** Only the article's own figures are compared; captions and comments are someone else's words. */
function isComparable(role: string): boolean {
  return role === 'body' || role === 'title'
}

/**
 * Compares one to six analysed documents: figures grouped by quantity with verdicts, conflicts
 * (across and within documents), within-document inconsistencies, aligned claims, cited sources,
 * actor labels and derivation. One document is allowed for its within-document checks.
 * Throws ParallaxError('invalid-argument') for none or more than six.
 */
export function compareDocuments(docs: CompareInput[]): Comparison {
  const t0 = performance.now()
  if (docs.length === 0)
    throw new ParallaxError('invalid-argument', 'Choose at least one document to compare.')
  if (docs.length > MAX_COMPARED) {
    throw new ParallaxError(
      'invalid-argument',
      `A comparison sets at most ${MAX_COMPARED} documents side by side; ${docs.length} were chosen.`,
    )
  }
  const facts: FigureFacts[] = []
  docs.forEach((d, doc) => {
    d.analysis.figures.forEach((f, i) => {
      if (!isComparable(f.segmentRole)) return
      const fact = figureFacts(doc, i, f, d.text, d.analysis.attributions, d.published)
      if (fact) facts.push(fact)
    })
  })
  const { quantities, conflicts, inconsistencies } = reconcileFigures(facts, docs.length)
  const analyses = docs.map((d) => d.analysis)
  const verdicts = new Map<string, PairVerdict>()
  for (const q of quantities)
    for (const p of q.pairs) {
      verdicts.set(`${p.a.doc}:${p.a.figure}|${p.b.doc}:${p.b.figure}`, p.verdict)
      verdicts.set(`${p.b.doc}:${p.b.figure}|${p.a.doc}:${p.a.figure}`, p.verdict)
    }
  const lookup = (a: FigureRef, b: FigureRef) =>
    verdicts.get(`${a.doc}:${a.figure}|${b.doc}:${b.figure}`) ?? null
  return {
    documents: docs.map((d) => ({
      id: d.id,
      title: d.title,
      outlet: d.outlet,
      published: d.published,
    })),
    quantities,
    conflicts,
    inconsistencies,
    claims: alignClaims(docs, lookup),
    sources: compareSources(analyses),
    labels: compareLabels(analyses),
    derivation: compareDerivation(docs),
    elapsedMs: Math.round((performance.now() - t0) * 10) / 10,
  }
}
