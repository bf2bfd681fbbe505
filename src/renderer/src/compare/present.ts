import type {
  ClaimRelation,
  DiffRun,
  PairVerdict,
  QuantityGroup,
  QuantityVerdict,
} from '../../../shared/compare'

/** One colour per column, used for its header, chips and chart bars. */
export const DOC_COLORS = ['indigo', 'teal', 'orange', 'grape', 'cyan', 'pink'] as const

export function docColor(doc: number): string {
  return DOC_COLORS[doc % DOC_COLORS.length] ?? 'gray'
}

export const VERDICT_LABEL: Record<QuantityVerdict, string> = {
  agree: 'agree',
  compatible: 'compatible',
  different_scope: 'different scope',
  conflict: 'conflict',
  update: 'update',
  unique: 'unique',
}

export const VERDICT_COLOR: Record<QuantityVerdict, string> = {
  agree: 'green',
  compatible: 'teal',
  different_scope: 'blue',
  conflict: 'red',
  update: 'yellow',
  unique: 'gray',
}

/** Worst first, as the engine ranks a group's verdict. */
const SEVERITY: readonly PairVerdict[] = [
  'conflict',
  'update',
  'different_scope',
  'compatible',
  'agree',
]

/**
 * The verdict between documents alone: a group can be a `conflict` only because one article
 * contradicts itself, and the researcher must not read that as the sources disagreeing.
 * Null when the group has figures from one document only.
 */
export function crossDocumentVerdict(group: QuantityGroup): PairVerdict | null {
  const across = group.pairs.filter((p) => p.a.doc !== p.b.doc)
  if (across.length === 0) return null
  for (const v of SEVERITY) if (across.some((p) => p.verdict === v)) return v
  return null
}

export const RELATION_COLOR: Record<ClaimRelation, string> = {
  same: 'green',
  elaboration: 'blue',
  contradiction: 'red',
  unique: 'gray',
}

export const CONNOTATION_COLOR: Record<string, string> = {
  neutral: 'gray',
  sympathetic: 'green',
  legitimising: 'teal',
  delegitimising: 'orange',
  pejorative: 'red',
}

/** "Document 2 · Reuters": how a column is named in the insights panel. */
export function docName(doc: number, title?: string): string {
  return title ? `${doc + 1}. ${title}` : `Document ${doc + 1}`
}

/** Share as a percentage with one decimal under 10%, none above. */
export function formatShare(share: number): string {
  const p = share * 100
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`
}

/** How many words a diff changed, for the derivation summary. */
export function changedWords(diff: readonly DiffRun[]): number {
  const words = (s: string) => (s.trim() ? s.trim().split(/\s+/).length : 0)
  return diff.reduce((n, r) => n + (r.op === 'equal' ? 0 : Math.max(words(r.from), words(r.to))), 0)
}
