import type { Segment, SegmentRole } from '../../shared/document'

/** One paragraph-level block a reader produced, before it is laid out into the document text. */
export interface Block {
  role: SegmentRole
  text: string
  reason: string
}

/** Roles that are laid out after the article, in this order (DESIGN: title, byline, body, then the rest). */
const ROLE_ORDER: Record<SegmentRole, number> = {
  title: 0,
  byline: 1,
  body: 2,
  caption: 3,
  widget: 4,
  comments: 5,
  boilerplate: 6,
  furniture: 7,
  notes: 8,
}

/** Collapses whitespace inside a paragraph while keeping single line breaks (verse, addresses, comment lines). */
export function tidyParagraph(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[\t\f\v \u200b]+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n')
}

/**
 * Lays blocks out as one text: paragraphs separated by blank lines, neighbouring blocks of the same
 * role and reason merged into one segment. With `reorder`, title/byline/body come first and the
 * non-body material after them (HTML, where page order mixes them); without, page order is kept
 * (plain text, where the order is the author's).
 */
export function layoutBlocks(
  blocks: readonly Block[],
  reorder: boolean,
): { text: string; segments: Segment[] } {
  const cleaned = blocks
    .map((b) => ({ ...b, text: tidyParagraph(b.text) }))
    .filter((b) => b.text.length > 0)
  const ordered = reorder
    ? cleaned
        .map((b, i) => ({ b, i }))
        .sort((x, y) => ROLE_ORDER[x.b.role] - ROLE_ORDER[y.b.role] || x.i - y.i)
        .map((x) => x.b)
    : cleaned
  let text = ''
  const segments: Segment[] = []
  for (const b of ordered) {
    const start = text.length === 0 ? 0 : text.length + 2
    text = text.length === 0 ? b.text : `${text}\n\n${b.text}`
    const last = segments[segments.length - 1]
    if (last && last.role === b.role && last.reason === b.reason && b.role !== 'title') {
      last.end = text.length
    } else {
      segments.push({ start, end: text.length, role: b.role, reason: b.reason })
    }
  }
  return { text, segments }
}
