import { describeCorrection, type Annotation } from '../../../shared/annotation'
import type { Comparison } from '../../../shared/compare'
import type { Project } from '../../../shared/project'
import { codePaths } from '../codebook'
import { escapeHtml as h } from './escape'
import { collectFigures } from './figure-rows'
import { intervalChartSvg } from './interval-chart'
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

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;max-width:60rem;margin:2rem auto;padding:0 1.25rem}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{border-bottom:2px solid #dde3ea;padding-bottom:.2rem;margin-top:2.2rem}
h3{margin-bottom:.3rem}.meta{color:#5b6675}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #dde3ea;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f5f8}
.verdict{display:inline-block;border-radius:.8rem;padding:0 .6rem;font-size:.85rem;background:#e8edf3}
.v-conflict{background:#fde2e1;color:#8a1c17}.v-agree,.v-compatible{background:#e3f4e4;color:#1e5b22}
.v-different_scope,.v-update{background:#fff2cc;color:#6b5000}
blockquote{margin:.4rem 0;padding:.3rem .8rem;border-left:4px solid var(--c,#9aa5b1);background:#f7f9fb}
.code{display:inline-block;border-radius:.25rem;padding:0 .4rem;font-size:.85rem;color:#fff}
.note{white-space:pre-wrap}.chart .lbl,.chart .tick{font-size:11px;fill:#1d2430}.chart .bar{fill:#4e79a7}
.chart .pt{fill:#e15759}.chart .axis{stroke:#9aa5b1}.links{font-size:.9rem;color:#5b6675}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}}
`

/**
 * A self-contained HTML report: opens offline in any browser, runs no script (a CSP forbids
 * them), styles inline, charts as inline SVG. Every piece of text from a document, the
 * researcher or the analysis is HTML-escaped.
 */
export function htmlReport(input: ReportInput): string {
  const { project } = input
  const title = input.title ?? project.name
  const generatedAt = input.generatedAt ?? new Date().toISOString()
  const comparison = input.comparison ?? null
  const body: string[] = []
  body.push(`<h1>${h(title)}</h1>`)
  body.push(
    `<p class="meta">Parallax report · generated ${h(generatedAt.slice(0, 16).replace('T', ' '))} UTC · ${project.documents.length} documents · ${project.annotations.length} annotations</p>`,
  )
  body.push(documentsSection(project))
  if (comparison) {
    body.push(summarySection(comparison))
    body.push(figureGroupsSection(comparison))
    body.push(citedSourcesSection(comparison))
    body.push(labelsSection(comparison))
  }
  if (input.analyses && input.analyses.length > 0) body.push(figureTableSection(input))
  body.push(excerptsSection(project))
  body.push(notesSection(project))
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body.filter((s) => s !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

function documentsSection(project: Project): string {
  if (project.documents.length === 0) return ''
  const rows = project.documents.map(
    (d, i) =>
      `<tr><td>${i + 1}</td><td>${h(d.record.title)}</td><td>${h(d.record.outlet ?? '—')}</td><td>${h(d.record.author ?? '—')}</td><td>${h(d.record.published ?? '—')}</td><td>${h(d.record.fileName)}</td></tr>`,
  )
  return `<h2>Documents</h2>\n<table><thead><tr><th>#</th><th>Title</th><th>Outlet</th><th>Author</th><th>Published</th><th>File</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
}

function summarySection(c: Comparison): string {
  const count = (rel: string) => c.claims.filter((x) => x.relation === rel).length
  const framed = c.labels.filter((l) => l.isFramedDifferently).length
  const derived = c.derivation.filter((d) => d.isDerived)
  const items = [
    `${c.quantities.length} quantities compared; ${c.conflicts.length} figure conflicts; ${c.inconsistencies.length} inconsistencies within a document.`,
    `Claims: ${count('same')} shared, ${count('elaboration')} elaborated, ${count('contradiction')} contradicting, ${count('unique')} found in one document only.`,
    `${c.sources.sources.length} sources cited, ${c.sources.sharedByAll.length} cited by every document.`,
    `${framed} actors framed differently across documents.`,
    ...derived.map(
      (d) =>
        `${docName(c, d.a)} and ${docName(c, d.b)}: ${d.reason} (${Math.round(d.shareAInB * 100)}% / ${Math.round(d.shareBInA * 100)}% shared).`,
    ),
  ]
  return `<h2>Comparison summary</h2>\n<ul>${items.map((t) => `<li>${h(t)}</li>`).join('')}</ul>`
}

function figureGroupsSection(c: Comparison): string {
  if (c.quantities.length === 0) return ''
  const labels = c.documents.map((d) => d.outlet ?? d.title)
  const groups = c.quantities.map((g) => {
    const rows = g.intervals.map(
      (r) =>
        `<tr><td>${h(labels[r.doc] ?? '')}</td><td>${h(r.text)}</td><td>${h(formatInterval(r))}</td><td>${h(r.qualifier)}</td><td>${h(r.scope)}</td><td>${h(r.claimant ?? '—')}</td></tr>`,
    )
    return [
      `<h3>${h(g.label)}${g.unit ? ` <span class="meta">(${h(g.unit)})</span>` : ''} <span class="verdict v-${h(g.verdict)}">${h(VERDICT_LABELS[g.verdict] ?? g.verdict)}</span></h3>`,
      `<p>${h(g.reason)}</p>`,
      intervalChartSvg(g, labels),
      `<table><thead><tr><th>Document</th><th>As written</th><th>Interval</th><th>Qualifier</th><th>Scope</th><th>Claimant</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    ].join('\n')
  })
  return `<h2>Figures compared</h2>\n${groups.join('\n')}`
}

function citedSourcesSection(c: Comparison): string {
  if (c.sources.sources.length === 0) return ''
  const rows = c.sources.sources.map((s) => {
    const by = s.docs.map((d) => `${docName(c, d.doc)} (${d.count}×)`).join('; ')
    return `<tr><td>${h(s.name)}</td><td>${h(by)}</td><td>${s.isShared ? 'yes' : 'no'}</td></tr>`
  })
  const chains = c.sources.chains.map((ch) => `<li>${h(docName(c, ch.doc))}: ${h(ch.text)}</li>`)
  return [
    '<h2>Sources</h2>',
    `<table><thead><tr><th>Source</th><th>Cited by</th><th>Shared</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    chains.length > 0 ? `<h3>Relayed sources</h3><ul>${chains.join('')}</ul>` : '',
  ].join('\n')
}

function labelsSection(c: Comparison): string {
  if (c.labels.length === 0) return ''
  const head = c.documents.map((d) => `<th>${h(d.outlet ?? d.title)}</th>`).join('')
  const rows = c.labels.map((row) => {
    const cells = c.documents.map((_, i) => {
      const cell = row.cells.find((x) => x.doc === i)
      const text =
        cell && cell.labels.length > 0
          ? cell.labels.map((l) => `${l.text} (${l.connotation})`).join('; ')
          : '—'
      return `<td>${h(text)}</td>`
    })
    return `<tr><td>${h(row.actor)}${row.isFramedDifferently ? ' <span class="verdict v-conflict">framed differently</span>' : ''}</td>${cells.join('')}</tr>`
  })
  return `<h2>Labels for actors</h2>\n<table><thead><tr><th>Actor</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function figureTableSection(input: ReportInput): string {
  const rows = collectFigures(input.project, input.analyses ?? [], { includeRejected: false })
  if (rows.length === 0) return ''
  const trs = rows.map(
    (r) =>
      `<tr><td>${h(r.doc.record.outlet ?? r.doc.record.title)}</td><td>${h(r.text)}</td><td>${r.value === null ? 'vague' : h(formatNumber(r.value))}</td><td>${h(r.qualifier)}</td><td>${h(r.measure ?? '—')}</td><td>${h(r.timeScope ?? '—')}</td><td>${h(r.source ?? '—')}</td><td>${h(r.status)}${r.origin === 'researcher' ? ' (added)' : ''}</td></tr>`,
  )
  return `<h2>All figures</h2>\n<table><thead><tr><th>Document</th><th>As written</th><th>Value</th><th>Qualifier</th><th>Measure</th><th>Scope</th><th>Source</th><th>Status</th></tr></thead><tbody>${trs.join('')}</tbody></table>`
}

function excerptsSection(project: Project): string {
  const groups = reportedAnnotations(project)
  if (groups.length === 0) return ''
  const refs = annotationRefs(project)
  const colours = new Map(project.codebook.map((c) => [c.id, c.colour]))
  const paths = codePaths(project.codebook)
  const out = ['<h2>Annotated excerpts</h2>']
  for (const { doc, annotations } of groups) {
    out.push(`<h3>${h(documentLabel(doc.record))}</h3>`)
    for (const a of annotations) out.push(excerptHtml(a, paths, colours, refs))
  }
  return out.join('\n')
}

function excerptHtml(
  a: Annotation,
  paths: Map<string, string>,
  colours: Map<string, string>,
  refs: Map<string, string>,
): string {
  const colour = a.code ? (colours.get(a.code) ?? '#9aa5b1') : '#9aa5b1'
  const parts = [`<blockquote style="--c:${h(colour)}">${h(a.target.exact)}</blockquote>`]
  const tags: string[] = []
  if (a.code)
    tags.push(
      `<span class="code" style="background:${h(colour)}">${h(paths.get(a.code) ?? a.code)}</span>`,
    )
  if (a.stance)
    tags.push(`<span class="verdict">${h(`${a.stance.value} ${a.stance.toward}`)}</span>`)
  if (a.figure) {
    const f = a.figure
    tags.push(
      `<span class="verdict">${h(`figure: ${f.value ?? 'vague'} (${f.qualifier})${f.measure ? ` ${f.measure}` : ''}${f.scope ? `, ${f.scope}` : ''}${f.source ? `, per ${f.source}` : ''}`)}</span>`,
    )
  }
  if (a.machineRef)
    tags.push(`<span class="verdict">${h(`${a.status} machine ${a.machineRef.layer}`)}</span>`)
  if (a.correction)
    tags.push(`<span class="verdict">${h(`corrected: ${describeCorrection(a.correction)}`)}</span>`)
  if (a.target.isOrphaned)
    tags.push('<span class="verdict v-conflict">could not be re-attached</span>')
  if (tags.length > 0) parts.push(`<p>${tags.join(' ')}</p>`)
  if (a.note) parts.push(`<p class="note">${h(a.note)}</p>`)
  if (a.links.length > 0) {
    const links = a.links.map(
      (l) =>
        `${RELATION_LABELS[l.relation] ?? l.relation} ${refs.get(l.to) ?? 'a deleted annotation'}`,
    )
    parts.push(`<p class="links">${links.map(h).join('<br>')}</p>`)
  }
  const by = a.author ? `${a.author}, ` : ''
  parts.push(`<p class="meta">${h(`${by}${a.modified.slice(0, 10)}`)}</p>`)
  return parts.join('\n')
}

function notesSection(project: Project): string {
  if (project.notes.length === 0) return ''
  const notes = project.notes.map(
    (n) => `<h3>${h(n.title || 'Note')}</h3>\n<p class="note">${h(n.body)}</p>`,
  )
  return `<h2>Notes</h2>\n${notes.join('\n')}`
}

function docName(c: Comparison, i: number): string {
  const d = c.documents[i]
  return d ? (d.outlet ?? d.title) : `Document ${i + 1}`
}
