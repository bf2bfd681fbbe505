import type {
  Attribution,
  DocumentAnalysis,
  EntityEdit,
  Figure,
  Qualifier,
  Span,
  StanceCue,
} from '../../shared/analysis'
import type { Annotation, AnnotationFigure, ReviewCorrection } from '../../shared/annotation'

/**
 * A document's analysis as the researcher has reviewed it, for the comparison and the exports:
 * rejected machine items removed, edited figures carrying the corrected value, qualifier and
 * fields, corrected speakers and verb strengths on attributions, corrected stance cues (and
 * those marked "not a cue" removed), and figures the researcher added appended. `annotations`
 * may be the whole project's; only those on `analysis.docId` count. Entity corrections are
 * applied earlier, as entity edits (`reviewEntityEdits`).
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
    else if (a.status === 'edited' && (a.figure || a.correction)) edits.set(key, a)
  }
  const figures = analysis.figures
    .filter((f) => !rejected.has(`figure:${f.id}`))
    .map((f) => {
      const edit = edits.get(`figure:${f.id}`)
      return edit?.figure ? correctedFigure(f, edit.figure, edit.author) : f
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
    attributions: analysis.attributions
      .filter((x) => !rejected.has(`attribution:${x.id}`))
      .map((x) => {
        const fix = edits.get(`attribution:${x.id}`)?.correction?.attribution
        return fix ? correctedAttribution(x, fix) : x
      }),
    stanceCues: analysis.stanceCues.flatMap((c) => {
      if (rejected.has(`stance:${c.id}`)) return []
      const fix = edits.get(`stance:${c.id}`)?.correction?.stanceCue
      if (!fix) return [c]
      return fix.isNotCue ? [] : [correctedCue(c, fix)]
    }),
  }
}

/**
 * The entity edits a document's entity reviews stand for: an edited entity renamed and/or
 * retyped, named by the name it had when reviewed. Applied after the researcher's other entity
 * corrections, so the entity list, the highlights and the comparison's actors all follow, and
 * undoing the review (project history) takes the edit back with it.
 */
export function reviewEntityEdits(docId: string, annotations: readonly Annotation[]): EntityEdit[] {
  const out: EntityEdit[] = []
  const reviews = annotations
    .filter(
      (a) =>
        a.kind === 'machine-review' &&
        a.target.docId === docId &&
        a.machineRef?.layer === 'entity' &&
        a.status === 'edited' &&
        a.correction?.entity,
    )
    // In the order they were made, so a rename of a renamed entity applies after the first.
    .sort((x, y) => (x.modified < y.modified ? -1 : x.modified > y.modified ? 1 : 0))
  for (const a of reviews) {
    const fix = a.correction!.entity!
    const newName = fix.name?.trim()
    if (newName && newName !== fix.was) out.push({ kind: 'rename', name: fix.was, newName })
    if (fix.type) out.push({ kind: 'retype', name: newName || fix.was, type: fix.type })
  }
  return out
}

function correctedAttribution(
  x: Attribution,
  fix: NonNullable<ReviewCorrection['attribution']>,
): Attribution {
  // A corrected speaker keeps the machine's place in the text; only its words change.
  const place = x.speaker ?? x.content
  const speaker =
    fix.speaker === undefined
      ? x.speaker
      : fix.speaker === null
        ? null
        : { start: place.start, end: place.end, text: fix.speaker }
  return {
    ...x,
    speaker,
    verbStrength: fix.verbStrength === undefined ? x.verbStrength : fix.verbStrength,
    evidence: [...x.evidence, 'corrected by the researcher'],
  }
}

function correctedCue(c: StanceCue, fix: NonNullable<ReviewCorrection['stanceCue']>): StanceCue {
  return {
    ...c,
    kind: fix.kind ?? c.kind,
    polarity: fix.polarity ?? c.polarity,
    rule: `${c.rule}; corrected by the researcher`,
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
    // The text's words ("at least") no longer say what a changed qualifier means.
    qualifierText: edit.qualifier === f.qualifier ? f.qualifierText : null,
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
