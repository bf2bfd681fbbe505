import type { DocumentAnalysis, Figure } from '../../../shared/analysis'
import type { Annotation, AnnotationStatus } from '../../../shared/annotation'
import type { Project, ProjectDocument } from '../../../shared/project'
import { toCsv, type CsvValue } from './csv'
import { intervalFor } from '../reviews'

/** One figure as the exports show it: the machine's reading with the researcher's review applied. */
export interface FigureRow {
  doc: ProjectDocument
  /** The machine figure's id, or the annotation id for a figure the researcher added. */
  figureId: string
  origin: 'machine' | 'researcher'
  /** pending / accepted / rejected / edited (machine figures without a review are pending). */
  status: AnnotationStatus
  start: number
  end: number
  text: string
  kind: string | null
  value: number | null
  low: number | null
  high: number | null
  qualifier: string
  qualifierText: string | null
  unit: string | null
  measure: string | null
  subject: string | null
  timeScope: string | null
  timeFrom: string | null
  timeTo: string | null
  location: string | null
  source: string | null
  sourceVia: string | null
  segmentRole: string | null
  confidence: number | null
  evidence: string
  note: string | null
}

/**
 * Every figure of the project's documents: machine figures (from `analyses`) with their review
 * applied (an edited review's value, qualifier and fields replace the machine's), then figures
 * the researcher added. Rejected figures are kept unless `includeRejected` is false.
 */
export function collectFigures(
  project: Project,
  analyses: readonly DocumentAnalysis[],
  options: { includeRejected?: boolean } = {},
): FigureRow[] {
  const includeRejected = options.includeRejected ?? true
  const reviews = new Map<string, Annotation>()
  for (const a of project.annotations) {
    if (a.kind === 'machine-review' && a.machineRef?.layer === 'figure') {
      reviews.set(`${a.target.docId}\u0000${a.machineRef.id}`, a)
    }
  }
  const byDoc = new Map(analyses.map((x) => [x.docId, x]))
  const rows: FigureRow[] = []
  for (const doc of project.documents) {
    const analysis = byDoc.get(doc.record.id)
    for (const f of analysis?.figures ?? []) {
      const review = reviews.get(`${doc.record.id}\u0000${f.id}`)
      rows.push(machineRow(doc, f, review))
    }
    const own = project.annotations
      .filter((a) => a.kind === 'figure' && a.figure && a.target.docId === doc.record.id)
      .sort((x, y) => x.target.start - y.target.start)
    for (const a of own) rows.push(researcherRow(doc, a))
  }
  return includeRejected ? rows : rows.filter((r) => r.status !== 'rejected')
}

function machineRow(doc: ProjectDocument, f: Figure, review: Annotation | undefined): FigureRow {
  const row: FigureRow = {
    doc,
    figureId: f.id,
    origin: 'machine',
    status: review?.status ?? 'pending',
    start: f.start,
    end: f.end,
    text: f.text,
    kind: f.kind,
    value: f.value,
    low: f.low,
    high: f.high,
    qualifier: f.qualifier,
    qualifierText: f.qualifierText,
    unit: f.unit,
    measure: f.measure?.normalized ?? null,
    subject: f.subject?.text ?? null,
    timeScope: f.timeScope?.text ?? null,
    timeFrom: f.timeScope?.from ?? null,
    timeTo: f.timeScope?.to ?? null,
    location: f.location?.text ?? null,
    source: f.source?.text ?? null,
    sourceVia: f.source?.via?.text ?? null,
    segmentRole: f.segmentRole,
    confidence: f.confidence,
    evidence: f.evidence.join('; '),
    note: review?.note ?? null,
  }
  const edit = review?.status === 'edited' ? review.figure : undefined
  if (!edit) return row
  // As the comparison reads it (applyReviews): without an interval, the qualifier's own.
  const implied = intervalFor(edit.value, edit.qualifier)
  return {
    ...row,
    value: edit.value,
    qualifier: edit.qualifier,
    kind: edit.kind ?? row.kind,
    low: edit.low !== undefined ? edit.low : implied.low,
    high: edit.high !== undefined ? edit.high : implied.high,
    unit: edit.unit !== undefined ? edit.unit : row.unit,
    measure: edit.measure !== undefined ? edit.measure : row.measure,
    subject: edit.subject !== undefined ? edit.subject : row.subject,
    timeScope: edit.scope !== undefined ? edit.scope : row.timeScope,
    location: edit.location !== undefined ? edit.location : row.location,
    source: edit.source !== undefined ? edit.source : row.source,
    evidence: `${row.evidence}; corrected by ${review?.author || 'the researcher'}`,
  }
}

function researcherRow(doc: ProjectDocument, a: Annotation): FigureRow {
  const f = a.figure!
  const segment = doc.segments.find((s) => s.start <= a.target.start && a.target.start < s.end)
  return {
    doc,
    figureId: a.id,
    origin: 'researcher',
    status: a.status,
    start: a.target.start,
    end: a.target.end,
    text: a.target.exact,
    kind: f.kind ?? null,
    value: f.value,
    low: f.low ?? null,
    high: f.high ?? null,
    qualifier: f.qualifier,
    qualifierText: null,
    unit: f.unit ?? null,
    measure: f.measure ?? null,
    subject: f.subject ?? null,
    timeScope: f.scope ?? null,
    timeFrom: null,
    timeTo: null,
    location: f.location ?? null,
    source: f.source ?? null,
    sourceVia: null,
    segmentRole: segment?.role ?? null,
    confidence: null,
    evidence: `added by ${a.author || 'the researcher'}`,
    note: a.note ?? null,
  }
}

const FIGURE_COLUMNS = [
  'document_id',
  'document_title',
  'outlet',
  'published',
  'figure_id',
  'origin',
  'status',
  'text',
  'start',
  'end',
  'kind',
  'value',
  'low',
  'high',
  'qualifier',
  'qualifier_text',
  'unit',
  'measure',
  'subject',
  'time_scope',
  'time_from',
  'time_to',
  'location',
  'source',
  'source_via',
  'segment_role',
  'confidence',
  'evidence',
  'note',
] as const

/** Figures CSV: one row per figure with every field and the document's outlet. */
export function figuresCsv(
  project: Project,
  analyses: readonly DocumentAnalysis[],
  options: { includeRejected?: boolean; bom?: boolean } = {},
): string {
  const rows = collectFigures(project, analyses, options).map((r): CsvValue[] => [
    r.doc.record.id,
    r.doc.record.title,
    r.doc.record.outlet,
    r.doc.record.published,
    r.figureId,
    r.origin,
    r.status,
    r.text,
    r.start,
    r.end,
    r.kind,
    r.value,
    r.low,
    r.high,
    r.qualifier,
    r.qualifierText,
    r.unit,
    r.measure,
    r.subject,
    r.timeScope,
    r.timeFrom,
    r.timeTo,
    r.location,
    r.source,
    r.sourceVia,
    r.segmentRole,
    r.confidence,
    r.evidence,
    r.note,
  ])
  return toCsv(FIGURE_COLUMNS, rows, options.bom === undefined ? {} : { bom: options.bom })
}
