import type { Comparison, FigureRef } from '../../shared/compare'
import type { CompareInput } from './index'

const VERDICT_WORDS: Record<string, string> = {
  agree: 'agree',
  compatible: 'compatible',
  different_scope: 'different scope',
  conflict: 'CONFLICT',
  update: 'update',
  unique: 'unique',
}

/**
 * A comparison as lines of text for a terminal (the CLI's `compare` without `--json`): figure
 * groups with verdicts, conflicts, inconsistencies, shared sources, labels and derivation.
 */
export function describeComparison(c: Comparison, docs: readonly CompareInput[]): string[] {
  const fig = (r: FigureRef) =>
    `[${r.doc + 1}] '${docs[r.doc]?.analysis.figures[r.figure]?.text ?? '?'}'`
  const lines: string[] = []
  c.documents.forEach((d, i) =>
    lines.push(
      `[${i + 1}] ${d.title}${d.outlet ? ` — ${d.outlet}` : ''}${d.published ? ` (${d.published})` : ''}`,
    ),
  )
  lines.push('', 'Figures by quantity:')
  for (const q of c.quantities) {
    lines.push(`  ${VERDICT_WORDS[q.verdict]}: ${q.label}`)
    lines.push(`    ${q.figures.map(fig).join(', ')}`)
    lines.push(`    ${q.reason}`)
  }
  lines.push('', `Conflicts (${c.conflicts.length}):`)
  for (const x of c.conflicts) lines.push(`  ${fig(x.a)} vs ${fig(x.b)}: ${x.reason}`)
  lines.push('', `Within-document inconsistencies (${c.inconsistencies.length}):`)
  for (const x of c.inconsistencies)
    lines.push(
      `  ${fig({ doc: x.doc, figure: x.a })} vs ${fig({ doc: x.doc, figure: x.b })} (${x.type})`,
    )
  const claims = c.claims.filter((x) => x.relation !== 'unique')
  lines.push(
    '',
    `Aligned claims (${claims.length}; ${c.claims.length - claims.length} sentences unique to one document):`,
  )
  for (const x of claims.slice(0, 20)) {
    const texts = x.sentences.map(
      (s) => `[${s.doc + 1}] ${docs[s.doc]?.text.slice(s.start, s.end).slice(0, 100) ?? ''}`,
    )
    lines.push(`  ${x.relation} (${x.score}): ${texts.join('  ~  ')}`)
  }
  lines.push('', 'Sources:')
  for (const s of c.sources.sources)
    lines.push(
      `  ${s.name} — cited by ${s.docs.map((d) => `[${d.doc + 1}]×${d.count}`).join(', ')}${s.isShared ? ' (shared)' : ''}`,
    )
  for (const ch of c.sources.chains) lines.push(`  chain in [${ch.doc + 1}]: ${ch.text}`)
  lines.push('', 'Labels:')
  for (const row of c.labels) {
    const cells = row.cells.map(
      (cell) =>
        `[${cell.doc + 1}] ${[...new Set(cell.labels.map((l) => `${l.text} (${l.connotation})`))].join(', ') || '—'}`,
    )
    lines.push(
      `  ${row.actor}${row.isFramedDifferently ? ' (framed differently)' : ''}: ${cells.join(' | ')}`,
    )
  }
  lines.push('', 'Derivation:')
  for (const d of c.derivation) {
    lines.push(`  [${d.a + 1}] / [${d.b + 1}]: ${d.reason}`)
    for (const p of d.passages)
      for (const r of p.diff)
        if (r.op !== 'equal') lines.push(`    ${r.op}: '${r.from}' -> '${r.to}'`)
  }
  return lines
}
