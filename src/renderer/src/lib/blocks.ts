import { SEGMENT_ROLE_LABELS, type Segment, type SegmentRole } from '../../../shared/document'

/** A paragraph of the document: a range of `text`, trimmed of surrounding white space. */
export interface Paragraph {
  start: number
  end: number
}

/** What the reader lays out, in document order. */
export type Block =
  | { kind: 'title'; key: string; paragraph: Paragraph }
  | { kind: 'body'; key: string; paragraph: Paragraph }
  | { kind: 'aside'; key: string; role: SegmentRole; label: string; paragraphs: Paragraph[] }

/**
 * Longest paragraph rendered as one element. A single 100,000-character line (seen in the wild)
 * would otherwise be one giant text node that the browser must lay out before anything shows.
 */
export const MAX_PARAGRAPH_CHARS = 4000

/** Splits `text[start, end)` into paragraphs at blank lines, dropping empty ones. */
export function splitParagraphs(text: string, start: number, end: number): Paragraph[] {
  const out: Paragraph[] = []
  const breaks = /\n[ \t\f\v\u00a0]*\n\s*/g
  breaks.lastIndex = start
  let from = start
  for (;;) {
    const m = breaks.exec(text)
    const to = m && m.index < end ? m.index : end
    pushTrimmed(text, from, to, out)
    if (!m || m.index >= end) break
    from = Math.min(end, m.index + m[0].length)
    if (from >= end) break
  }
  return out
}

function pushTrimmed(text: string, start: number, end: number, out: Paragraph[]): void {
  let s = start
  let e = end
  while (s < e && /\s/.test(text[s] ?? '')) s++
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--
  if (e <= s) return
  // Cut over-long paragraphs at a space (or anywhere, failing that) so each piece lays out fast.
  while (e - s > MAX_PARAGRAPH_CHARS) {
    let cut = text.lastIndexOf(' ', s + MAX_PARAGRAPH_CHARS)
    if (cut <= s + MAX_PARAGRAPH_CHARS / 2) cut = s + MAX_PARAGRAPH_CHARS
    // Never split a surrogate pair: offsets are UTF-16 code units.
    const code = text.charCodeAt(cut - 1)
    if (code >= 0xd800 && code <= 0xdbff) cut += 1
    out.push({ start: s, end: cut })
    s = cut
  }
  out.push({ start: s, end: e })
}

/**
 * Lays a document out as blocks: the title as a heading, each body paragraph on its own, and runs
 * of consecutive non-body segments of one role grouped into one labelled box. Segments that do not
 * cover the text (or none at all) fall back to treating the uncovered text as body.
 */
export function buildBlocks(text: string, segments: readonly Segment[]): Block[] {
  const sorted = [...segments]
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end)
  const covered: { start: number; end: number; role: SegmentRole }[] = []
  let pos = 0
  for (const seg of sorted) {
    const start = Math.max(seg.start, pos)
    const end = Math.min(seg.end, text.length)
    if (start > pos) covered.push({ start: pos, end: start, role: 'body' })
    if (end > start) covered.push({ start, end, role: seg.role })
    pos = Math.max(pos, end)
  }
  if (pos < text.length) covered.push({ start: pos, end: text.length, role: 'body' })

  const blocks: Block[] = []
  for (const seg of covered) {
    const paragraphs = splitParagraphs(text, seg.start, seg.end)
    if (paragraphs.length === 0) continue
    if (seg.role === 'body') {
      for (const p of paragraphs) blocks.push({ kind: 'body', key: `b${p.start}`, paragraph: p })
      continue
    }
    if (seg.role === 'title') {
      for (const p of paragraphs) blocks.push({ kind: 'title', key: `t${p.start}`, paragraph: p })
      continue
    }
    const last = blocks[blocks.length - 1]
    if (last && last.kind === 'aside' && last.role === seg.role) {
      last.paragraphs.push(...paragraphs)
    } else {
      blocks.push({
        kind: 'aside',
        key: `a${seg.start}`,
        role: seg.role,
        label: SEGMENT_ROLE_LABELS[seg.role],
        paragraphs,
      })
    }
  }
  return blocks
}

/** Roles whose boxes start collapsed: what is least likely to be the researcher's object. */
export const COLLAPSED_ROLES: ReadonlySet<SegmentRole> = new Set<SegmentRole>([
  'comments',
  'widget',
  'boilerplate',
  'furniture',
])
