import { describeCorrection } from '../../../shared/annotation'
import type { Comparison } from '../../../shared/compare'
import { codePaths } from '../codebook'
import { escapeMarkdown as md } from './escape'
import { collectFigures } from './figure-rows'
import {
  annotationRefs,
  documentLabel,
  formatInterval,
  formatNumber,
  RELATION_LABELS,
  reportedAnnotations,
  VERDICT_LABELS,
  type ReportInput,
} from './report-input'

/**
 * The report as Markdown: the same sections as the HTML report, intervals written out instead
 * of charted. Every piece of text from a document, the researcher or the analysis is escaped, so
 * a quote cannot turn into a heading, a link or raw HTML.
 */
export function markdownReport(input: ReportInput): string {
  const { project } = input
  const comparison = input.comparison ?? null
  const generatedAt = input.generatedAt ?? new Date().toISOString()
  const out: string[] = []
  out.push(`# ${md(input.title ?? project.name)}`, '')
  out.push(
    `Parallax report · generated ${generatedAt.slice(0, 16).replace('T', ' ')} UTC · ${project.documents.length} documents · ${project.annotations.length} annotations`,
    '',
  )
  if (project.documents.length > 0) {
    out.push('## Documents', '')
    out.push(
      table(
        ['#', 'Title', 'Outlet', 'Author', 'Published', 'File'],
        project.documents.map((d, i) => [
          String(i + 1),
          md(d.record.title),
          md(d.record.outlet ?? '—'),
          md(d.record.author ?? '—'),
          md(d.record.published ?? '—'),
          md(d.record.fileName),
        ]),
      ),
    )
  }
  if (comparison) out.push(...comparisonSections(comparison))
  if (input.analyses && input.analyses.length > 0) {
    const rows = collectFigures(project, input.analyses, { includeRejected: false })
    if (rows.length > 0) {
      out.push('## All figures', '')
      out.push(
        table(
          ['Document', 'As written', 'Value', 'Qualifier', 'Measure', 'Scope', 'Source', 'Status'],
          rows.map((r) => [
            md(r.doc.record.outlet ?? r.doc.record.title),
            md(r.text),
            r.value === null ? 'vague' : md(formatNumber(r.value)),
            md(r.qualifier),
            md(r.measure ?? '—'),
            md(r.timeScope ?? '—'),
            md(r.source ?? '—'),
            md(`${r.status}${r.origin === 'researcher' ? ' (added)' : ''}`),
          ]),
        ),
      )
    }
  }
  const groups = reportedAnnotations(project)
  if (groups.length > 0) {
    const refs = annotationRefs(project)
    const paths = codePaths(project.codebook)
    out.push('## Annotated excerpts', '')
    for (const { doc, annotations } of groups) {
      out.push(`### ${md(documentLabel(doc.record))}`, '')
      for (const a of annotations) {
        out.push(`> ${md(a.target.exact)}`, '')
        const tags: string[] = []
        if (a.code) tags.push(`**Code:** ${md(paths.get(a.code) ?? a.code)}`)
        if (a.stance) tags.push(`**Stance:** ${md(`${a.stance.value} ${a.stance.toward}`)}`)
        if (a.figure) {
          const f = a.figure
          tags.push(
            `**Figure:** ${md(`${f.value ?? 'vague'} (${f.qualifier})${f.measure ? ` ${f.measure}` : ''}${f.scope ? `, ${f.scope}` : ''}${f.source ? `, per ${f.source}` : ''}`)}`,
          )
        }
        if (a.machineRef)
          tags.push(`**Review:** ${md(`${a.status} machine ${a.machineRef.layer}`)}`)
        if (a.correction) tags.push(`**Corrected:** ${md(describeCorrection(a.correction))}`)
        if (a.target.isOrphaned) tags.push('**Could not be re-attached to the edited text.**')
        if (tags.length > 0) out.push(tags.join(' · '), '')
        if (a.note)
          out.push(
            ...a.note
              .split(/\r?\n/)
              .map((line) => md(line))
              .join('  \n')
              .split('\n'),
            '',
          )
        for (const l of a.links) {
          out.push(
            `- ${md(`${RELATION_LABELS[l.relation] ?? l.relation} ${refs.get(l.to) ?? 'a deleted annotation'}`)}`,
          )
        }
        if (a.links.length > 0) out.push('')
        out.push(`*${md(`${a.author ? `${a.author}, ` : ''}${a.modified.slice(0, 10)}`)}*`, '')
      }
    }
  }
  if (project.notes.length > 0) {
    out.push('## Notes', '')
    for (const n of project.notes) {
      out.push(`### ${md(n.title || 'Note')}`, '')
      out.push(
        n.body
          .split(/\r?\n/)
          .map((line) => md(line))
          .join('  \n'),
        '',
      )
    }
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`
}

function comparisonSections(c: Comparison): string[] {
  const name = (i: number) => {
    const d = c.documents[i]
    return d ? (d.outlet ?? d.title) : `Document ${i + 1}`
  }
  const count = (rel: string) => c.claims.filter((x) => x.relation === rel).length
  const out: string[] = ['## Comparison summary', '']
  out.push(
    `- ${c.quantities.length} quantities compared; ${c.conflicts.length} figure conflicts; ${c.inconsistencies.length} inconsistencies within a document.`,
    `- Claims: ${count('same')} shared, ${count('elaboration')} elaborated, ${count('contradiction')} contradicting, ${count('unique')} found in one document only.`,
    `- ${c.sources.sources.length} sources cited, ${c.sources.sharedByAll.length} cited by every document.`,
    `- ${c.labels.filter((l) => l.isFramedDifferently).length} actors framed differently across documents.`,
  )
  for (const d of c.derivation.filter((x) => x.isDerived)) {
    out.push(`- ${md(`${name(d.a)} and ${name(d.b)}: ${d.reason}`)}`)
  }
  out.push('')
  if (c.quantities.length > 0) {
    out.push('## Figures compared', '')
    for (const g of c.quantities) {
      out.push(
        `### ${md(g.label)}${g.unit ? ` (${md(g.unit)})` : ''} — ${md(VERDICT_LABELS[g.verdict] ?? g.verdict)}`,
        '',
      )
      out.push(md(g.reason), '')
      out.push(
        table(
          ['Document', 'As written', 'Interval', 'Qualifier', 'Scope', 'Claimant'],
          g.intervals.map((r) => [
            md(name(r.doc)),
            md(r.text),
            md(formatInterval(r)),
            md(r.qualifier),
            md(r.scope),
            md(r.claimant ?? '—'),
          ]),
        ),
      )
    }
  }
  if (c.sources.sources.length > 0) {
    out.push('## Sources', '')
    out.push(
      table(
        ['Source', 'Cited by', 'Shared'],
        c.sources.sources.map((s) => [
          md(s.name),
          md(s.docs.map((d) => `${name(d.doc)} (${d.count}×)`).join('; ')),
          s.isShared ? 'yes' : 'no',
        ]),
      ),
    )
    for (const ch of c.sources.chains) out.push(`- ${md(`${name(ch.doc)}: ${ch.text}`)}`)
    if (c.sources.chains.length > 0) out.push('')
  }
  if (c.labels.length > 0) {
    out.push('## Labels for actors', '')
    out.push(
      table(
        ['Actor', ...c.documents.map((_, i) => md(name(i)))],
        c.labels.map((row) => [
          md(`${row.actor}${row.isFramedDifferently ? ' (framed differently)' : ''}`),
          ...c.documents.map((_, i) => {
            const cell = row.cells.find((x) => x.doc === i)
            return cell && cell.labels.length > 0
              ? md(cell.labels.map((l) => `${l.text} (${l.connotation})`).join('; '))
              : '—'
          }),
        ]),
      ),
    )
  }
  return out
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line), ''].join('\n')
}
