import type { DocumentAnalysis, Figure, Qualifier, Span } from '../../shared/analysis'
import type { Annotation, AnnotationFigure } from '../../shared/annotation'

/**
 * A document's analysis as the researcher has reviewed it, for the comparison and the exports:
 * rejected machine items removed, edited figures carrying the corrected value, qualifier and
 * fields, and figures the researcher added appended. `annotations` may be the whole project's;
 * only those on `analysis.docId` count.
 */
export function applyReviews(
  analysis: DocumentAnalysis,
  annotations: readonly Annotation[],
): DocumentAnalysis {
  const mine = annotations.filter((a) => a.target.docId === analysis.docId)
  const rejected = new Set<string>()
  const edits = new Map<string, Annotation>()
  for (const a of mine) {
    if (a.kind !== 'machine-review' || !a.machineRef) continue
    const key = `${a.machineRef.layer}:${a.machineRef.id}`
    if (a.status === 'rejected') rejected.add(key)
    else if (a.status === 'edited' && a.figure) edits.set(key, a)
  }
  const figures = analysis.figures
    .filter((f) => !rejected.has(`figure:${f.id}`))
    .map((f) => {
      const edit = edits.get(`figure:${f.id}`)
      return edit ? correctedFigure(f, edit.figure!, edit.author) : f
    })
  for (const a of mine) {
    if (a.kind === 'figure' && a.figure && a.status !== 'rejected')
      figures.push(researcherFigure(a))
  }
  figures.sort((x, y) => x.start - y.start)
  return {
    ...analysis,
    figures,
    entities: analysis.entities.filter((e) => !rejected.has(`entity:${e.id}`)),
    attributions: analysis.attributions.filter((x) => !rejected.has(`attribution:${x.id}`)),
    stanceCues: analysis.stanceCues.filter((c) => !rejected.has(`stance:${c.id}`)),
  }
}

/** The interval a qualifier implies around a value, when the researcher did not give one. */
export function intervalFor(
  value: number | null,
  qualifier: Qualifier,
): { low: number | null; high: number | null } {
  if (value === null) return { low: null, high: null }
  switch (qualifier) {
    case 'exact':
      return { low: value, high: value }
    case 'at_least':
    case 'more_than':
      return { low: value, high: null }
    case 'at_most':
    case 'less_than':
      return { low: null, high: value }
    case 'about':
      // "About 700": within 10% either way, the band the analysis uses for round numbers.
      return { low: value * 0.9, high: value * 1.1 }
    case 'vague':
      return { low: null, high: null }
  }
}

function correctedFigure(f: Figure, edit: AnnotationFigure, author: string): Figure {
  const implied = intervalFor(edit.value, edit.qualifier)
  const at = (text: string): Span => ({ start: f.start, end: f.end, text })
  return {
    ...f,
    value: edit.value,
    qualifier: edit.qualifier,
    low: edit.low !== undefined ? edit.low : implied.low,
    high: edit.high !== undefined ? edit.high : implied.high,
    kind: edit.kind ?? f.kind,
    unit: edit.unit !== undefined ? edit.unit : f.unit,
    measure:
      edit.measure === undefined
        ? f.measure
        : edit.measure === null
          ? null
          : { ...(f.measure ?? at(edit.measure)), normalized: edit.measure },
    subject:
      edit.subject === undefined ? f.subject : edit.subject === null ? null : at(edit.subject),
    timeScope: edit.scope === undefined ? f.timeScope : edit.scope === null ? null : at(edit.scope),
    location:
      edit.location === undefined ? f.location : edit.location === null ? null : at(edit.location),
    source: edit.source === undefined ? f.source : edit.source === null ? null : at(edit.source),
    evidence: [...f.evidence, `corrected by ${author || 'the researcher'}`],
    confidence: 1,
  }
}

function researcherFigure(a: Annotation): Figure {
  const edit = a.figure!
  const { start, end, exact } = a.target
  const implied = intervalFor(edit.value, edit.qualifier)
  const at = (text: string | null | undefined): Span | null =>
    text === null || text === undefined ? null : { start, end, text }
  return {
    id: a.id,
    start,
    end,
    text: exact,
    segmentRole: 'body',
    value: edit.value,
    low: edit.low !== undefined ? edit.low : implied.low,
    high: edit.high !== undefined ? edit.high : implied.high,
    qualifier: edit.qualifier,
    qualifierText: null,
    kind: edit.kind ?? 'count',
    unit: edit.unit ?? null,
    measure: edit.measure ? { start, end, text: edit.measure, normalized: edit.measure } : null,
    subject: at(edit.subject),
    timeScope: at(edit.scope),
    location: at(edit.location),
    source: at(edit.source),
    sentence: { start, end },
    evidence: [`added by ${a.author || 'the researcher'}`],
    confidence: 1,
  }
}
