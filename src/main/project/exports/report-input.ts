import type { DocumentAnalysis } from '../../../shared/analysis'
import type { Annotation } from '../../../shared/annotation'
import type { Comparison, GroupFigure } from '../../../shared/compare'
import type { Project, ProjectDocument } from '../../../shared/project'
import { sortedAnnotations } from './annotations-csv'

/** What a report is made from: the project, and optionally a comparison and analyses. */
export interface ReportInput {
  project: Project
  /** The comparison to summarise (figure groups, sources, labels), when there is one. */
  comparison?: Comparison | null
  /** Analyses of the project's documents, for the figure table. */
  analyses?: readonly DocumentAnalysis[]
  /** Defaults to the project's name. */
  title?: string
  /** ISO date-time printed on the report; defaults to now. */
  generatedAt?: string
}

/** How a document is named in a report: "Outlet — Title" or the title alone. */
export function documentLabel(doc: { title: string; outlet: string | null }): string {
  return doc.outlet ? `${doc.outlet} — ${doc.title}` : doc.title
}

/** "[40, ∞)", "(630, 700)", "13": an interval in the notation researchers read. */
export function formatInterval(
  f: Pick<GroupFigure, 'low' | 'high' | 'isLowOpen' | 'isHighOpen'>,
): string {
  if (f.low !== null && f.high !== null && f.low === f.high) return formatNumber(f.low)
  const lo = f.low === null ? '(−∞' : `${f.isLowOpen ? '(' : '['}${formatNumber(f.low)}`
  const hi = f.high === null ? '∞)' : `${formatNumber(f.high)}${f.isHighOpen ? ')' : ']'}`
  return `${lo}, ${hi}`
}

export function formatNumber(n: number): string {
  return Number.isInteger(n)
    ? n.toLocaleString('en-GB')
    : n.toLocaleString('en-GB', { maximumFractionDigits: 2 })
}

/**
 * The annotations a report shows, grouped by document in project order: everything except
 * rejected machine suggestions and machine items merely pending review.
 */
export function reportedAnnotations(
  project: Project,
): { doc: ProjectDocument; annotations: Annotation[] }[] {
  const shown = sortedAnnotations(project.annotations).filter(
    (a) => a.status !== 'rejected' && !(a.kind === 'machine-review' && a.status === 'pending'),
  )
  return project.documents
    .map((doc) => ({ doc, annotations: shown.filter((a) => a.target.docId === doc.record.id) }))
    .filter((g) => g.annotations.length > 0)
}

/** Annotation id → a short human reference ("Outlet, “first words…”"), for links. */
export function annotationRefs(project: Project): Map<string, string> {
  const docs = new Map(project.documents.map((d) => [d.record.id, d.record]))
  return new Map(
    project.annotations.map((a) => {
      const doc = docs.get(a.target.docId)
      const who = doc ? (doc.outlet ?? doc.title) : 'missing document'
      return [a.id, `${who}, “${excerpt(a.target.exact, 60)}”`]
    }),
  )
}

export function excerpt(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim()
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`
}

export const RELATION_LABELS: Record<string, string> = {
  same_claim: 'same claim as',
  contradicts: 'contradicts',
  supports: 'supports',
  derived_from: 'derived from',
}

export const VERDICT_LABELS: Record<string, string> = {
  agree: 'agree',
  compatible: 'compatible',
  different_scope: 'different scope',
  conflict: 'conflict',
  update: 'update',
  unique: 'single report',
}
