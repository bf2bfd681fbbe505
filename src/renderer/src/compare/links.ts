import type { DocumentAnalysis } from '../../../shared/analysis'
import type { Comparison } from '../../../shared/compare'

/** What ties a passage to its counterparts in the other columns. */
export type LinkKind = 'figure' | 'actor' | 'claim'

/** Most specific first: hovering a figure inside an aligned sentence means the figure. */
export const LINK_PRIORITY: readonly LinkKind[] = ['figure', 'actor', 'claim']

/** A passage of one document that has counterparts: a figure, an actor label, a claim sentence. */
export interface LinkSpan {
  doc: number
  start: number
  end: number
  /** Shared by every counterpart: `q3` (quantity group), `a1` (actor row), `c7` (claim). */
  key: string
  kind: LinkKind
}

export interface LinkIndex {
  /** Per document, its link spans sorted by start. */
  spansByDoc: LinkSpan[][]
  /** Per key, every span carrying it, in document then text order. */
  byKey: Map<string, LinkSpan[]>
}

/** The kind a key stands for, from its prefix. */
export function linkKindOf(key: string): LinkKind {
  return key.startsWith('q') ? 'figure' : key.startsWith('a') ? 'actor' : 'claim'
}

/**
 * Indexes the passages the comparison ties together: figures of one quantity group (with two
 * or more figures), the labels of one actor used by two or more documents, and sentences aligned
 * as one claim (when `withClaims`). `analyses[doc]` resolves a group's figure indexes to spans;
 * a document whose analysis is missing simply has no spans.
 */
export function buildLinkIndex(
  comparison: Comparison,
  analyses: readonly (DocumentAnalysis | null)[],
  withClaims: boolean,
): LinkIndex {
  const count = comparison.documents.length
  const spansByDoc: LinkSpan[][] = Array.from({ length: count }, () => [])
  const push = (span: LinkSpan) => {
    if (span.end > span.start) spansByDoc[span.doc]?.push(span)
  }

  comparison.quantities.forEach((group, gi) => {
    if (group.figures.length < 2) return
    for (const ref of group.figures) {
      const figure = analyses[ref.doc]?.figures[ref.figure]
      if (!figure) continue
      push({ doc: ref.doc, start: figure.start, end: figure.end, key: `q${gi}`, kind: 'figure' })
    }
  })

  comparison.labels.forEach((row, ri) => {
    const docs = row.cells.filter((c) => c.labels.length > 0)
    if (docs.length < 2) return
    for (const cell of docs) {
      for (const label of cell.labels) {
        push({ doc: cell.doc, start: label.start, end: label.end, key: `a${ri}`, kind: 'actor' })
      }
    }
  })

  if (withClaims) {
    comparison.claims.forEach((claim, ci) => {
      if (claim.relation === 'unique' || claim.sentences.length < 2) return
      for (const s of claim.sentences) {
        push({ doc: s.doc, start: s.start, end: s.end, key: `c${ci}`, kind: 'claim' })
      }
    })
  }

  const byKey = new Map<string, LinkSpan[]>()
  for (const spans of spansByDoc) {
    spans.sort((a, b) => a.start - b.start || b.end - a.end)
    for (const s of spans) {
      const list = byKey.get(s.key)
      if (list) list.push(s)
      else byKey.set(s.key, [s])
    }
  }
  return { spansByDoc, byKey }
}

/** The keys over a run, most specific kind first. */
export function orderLinkKeys(links: readonly LinkSpan[]): string[] {
  const keys = [...new Set(links.map((l) => l.key))]
  return keys.sort(
    (a, b) => LINK_PRIORITY.indexOf(linkKindOf(a)) - LINK_PRIORITY.indexOf(linkKindOf(b)),
  )
}

/**
 * Where Enter or a click on `key` at `from` goes: the first counterpart in the next column to
 * the right that has one (wrapping round), else another passage of the same column.
 */
export function nextCounterpart(
  index: LinkIndex,
  key: string,
  from: { doc: number; start: number },
  columnCount: number,
): LinkSpan | null {
  const spans = index.byKey.get(key) ?? []
  for (let step = 1; step < columnCount; step++) {
    const doc = (from.doc + step) % columnCount
    const hit = spans.find((s) => s.doc === doc)
    if (hit) return hit
  }
  const same = spans.filter((s) => s.doc === from.doc)
  const after = same.find((s) => s.start > from.start)
  const other = after ?? same.find((s) => s.start !== from.start)
  return other ?? null
}
