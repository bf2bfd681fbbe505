import { describeCorrection, type Annotation } from '../../../shared/annotation'
import type { Project } from '../../../shared/project'
import { codePaths } from '../codebook'
import { toCsv, type CsvValue } from './csv'

const ANNOTATION_COLUMNS = [
  'annotation_id',
  'document_id',
  'document_title',
  'outlet',
  'kind',
  'status',
  'code_id',
  'code',
  'start',
  'end',
  'exact',
  'prefix',
  'suffix',
  'is_orphaned',
  'note',
  'stance_toward',
  'stance',
  'figure_value',
  'figure_qualifier',
  'figure_measure',
  'figure_scope',
  'figure_source',
  'figure_subject',
  'figure_location',
  'machine_layer',
  'machine_id',
  'correction',
  'links',
  'author',
  'created',
  'modified',
] as const

/** Annotations CSV: one row per annotation, with the code's full path and the document's outlet. */
export function annotationsCsv(project: Project, options: { bom?: boolean } = {}): string {
  const docs = new Map(project.documents.map((d) => [d.record.id, d.record]))
  const paths = codePaths(project.codebook)
  const rows = sortedAnnotations(project.annotations).map((a): CsvValue[] => {
    const doc = docs.get(a.target.docId)
    return [
      a.id,
      a.target.docId,
      doc?.title ?? null,
      doc?.outlet ?? null,
      a.kind,
      a.status,
      a.code ?? null,
      a.code ? (paths.get(a.code) ?? a.code) : null,
      a.target.start,
      a.target.end,
      a.target.exact,
      a.target.prefix,
      a.target.suffix,
      a.target.isOrphaned === true,
      a.note ?? null,
      a.stance?.toward ?? null,
      a.stance?.value ?? null,
      a.figure?.value ?? null,
      a.figure?.qualifier ?? null,
      a.figure?.measure ?? null,
      a.figure?.scope ?? null,
      a.figure?.source ?? null,
      a.figure?.subject ?? null,
      a.figure?.location ?? null,
      a.machineRef?.layer ?? null,
      a.machineRef?.id ?? null,
      a.correction ? describeCorrection(a.correction) : null,
      a.links.map((l) => `${l.relation}:${l.to}`).join(' '),
      a.author,
      a.created,
      a.modified,
    ]
  })
  return toCsv(ANNOTATION_COLUMNS, rows, options.bom === undefined ? {} : { bom: options.bom })
}

/** Document order, then position: how a reader meets them. */
export function sortedAnnotations(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort((x, y) =>
    x.target.docId === y.target.docId
      ? x.target.start - y.target.start || x.target.end - y.target.end
      : x.target.docId < y.target.docId
        ? -1
        : 1,
  )
}
