import type { Segment, SegmentRole } from '../../shared/document'
import { BYLINE_PREFIXES, describeCue, matchFurniture } from './furniture'
import { layoutBlocks, type Block } from './layout'

/** A paragraph of a plain-text page: a run of non-blank lines. */
interface Paragraph {
  /** The paragraph's own text, indentation included (it tells comments from body). */
  raw: string
  start: number
  end: number
  /** Blank lines before it: an extra blank line is how copied pages set captions apart. */
  gapBefore: number
  isHeading?: boolean
}

interface Verdict {
  role: SegmentRole
  reason: string
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu

function wordCount(s: string): number {
  let n = 0
  WORD.lastIndex = 0
  while (WORD.exec(s)) n++
  return n
}

/** Splits text into paragraphs at blank lines, keeping their offsets. */
function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = []
  const sep = /\n(?:[ \t\u00a0]*\n)+/g
  let pos = 0
  let gap = 0
  const push = (end: number): void => {
    const raw = text.slice(pos, end)
    if (raw.trim().length > 0) {
      // Leading blank lines of the first paragraph are not a caption gap.
      const lead = raw.length - raw.replace(/^\s*\n/, '').length
      out.push({
        raw: raw.slice(lead),
        start: pos + lead,
        end,
        gapBefore: out.length === 0 ? 0 : gap,
      })
    }
  }
  for (let m = sep.exec(text); m; m = sep.exec(text)) {
    push(m.index)
    gap = (m[0].match(/\n/g)?.length ?? 1) - 1
    pos = m.index + m[0].length
  }
  push(text.length)
  return out
}

function isSingleLine(p: Paragraph): boolean {
  return !p.raw.trimEnd().includes('\n')
}

/** A first line that reads as a headline: one short line, not a finished sentence with a period. */
function looksLikeTitle(p: Paragraph): boolean {
  const t = p.raw.trim()
  return isSingleLine(p) && t.length <= 200 && wordCount(t) <= 25 && !/[.,;:]$/.test(t)
}

function looksLikeByline(p: Paragraph): boolean {
  const t = p.raw.trim()
  const lower = t.toLowerCase()
  return (
    isSingleLine(p) &&
    t.length <= 120 &&
    BYLINE_PREFIXES.some((b) => lower.startsWith(b)) &&
    /\p{Lu}/u.test(t)
  )
}

/**
 * A photo caption copied with the page: one short line standing apart (an extra blank line before
 * it), a single sentence without quotes; or a descriptive line without closing punctuation.
 */
function looksLikeCaption(p: Paragraph): boolean {
  if (p.isHeading || p.raw.length > 300 || !isSingleLine(p)) return false
  const t = p.raw.trim()
  const closed = /[.!?:;"”’)]$/.test(t)
  if (p.gapBefore < 2 && closed) return false
  const words = wordCount(t)
  if (words < 3 || words > 30 || /["“”«»]/.test(t)) return false
  const oneSentence = !/[.!?]\s+\p{Lu}/u.test(t)
  if (p.gapBefore >= 2 && oneSentence && words <= 25) return true
  return words >= 6 && !closed && !/^\p{Lu}[\p{Lu}\s]+$/u.test(t)
}

/** Indented or numbered paragraphs: how copied comment threads look. */
function looksLikeCommentItem(p: Paragraph): boolean {
  return /^[ \t]+\S/.test(p.raw) || /^\s*\d{1,3}[.)]\s+\S/.test(p.raw)
}

/** Short link-like lines that follow a widget heading ("Recommended For You"). */
function looksLikeWidgetLink(p: Paragraph): boolean {
  const t = p.raw.trim()
  return isSingleLine(p) && wordCount(t) <= 18 && !/[.!?]$/.test(t)
}

/** Classifies the paragraphs of a page copied as plain text. */
function classify(paras: readonly Paragraph[], hasTitle: boolean): Verdict[] {
  const verdicts: Verdict[] = paras.map(() => ({ role: 'body', reason: 'paragraph' }))
  let bodyWordsSoFar = 0
  let inWidgetList = false
  let tailFrom = -1
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!
    const t = p.raw.trim()
    if (i === 0 && hasTitle) {
      verdicts[i] = { role: 'title', reason: 'first line reads as a headline' }
      continue
    }
    if (i <= 2 && bodyWordsSoFar === 0 && looksLikeByline(p)) {
      verdicts[i] = { role: 'byline', reason: 'line starts like a byline' }
      continue
    }
    const firstLine = t.length < 200 ? t.split('\n')[0]! : t.slice(0, 100)
    const cue = matchFurniture(firstLine)
    if (cue === 'commentStart' && bodyWordsSoFar >= 40 && isSingleLine(p)) {
      tailFrom = i
      break
    }
    if (cue === 'widgetList' && isSingleLine(p)) {
      verdicts[i] = { role: 'widget', reason: `widget heading '${describeCue(t)}'` }
      inWidgetList = true
      continue
    }
    if (inWidgetList && looksLikeWidgetLink(p)) {
      verdicts[i] = { role: 'widget', reason: 'link under a widget heading' }
      continue
    }
    inWidgetList = false
    if ((cue === 'widgetLine' || cue === 'commentStart') && isSingleLine(p)) {
      verdicts[i] = { role: 'widget', reason: `site widget '${describeCue(t)}'` }
      continue
    }
    if (cue === 'boilerplate' && isSingleLine(p)) {
      verdicts[i] = { role: 'boilerplate', reason: `page boilerplate '${describeCue(t)}'` }
      continue
    }
    if (i > 0 && i < paras.length - 1 && looksLikeCaption(p)) {
      verdicts[i] = {
        role: 'caption',
        reason: 'short standalone line set apart like a photo caption',
      }
      continue
    }
    // Only "is there some article before this?" is asked of the count, so it can stop early.
    if (bodyWordsSoFar < 100) bodyWordsSoFar += wordCount(t)
  }
  if (tailFrom >= 0) {
    // The comment thread often comes before its "Leave a Reply" form: indented/numbered paragraphs
    // right before the cue belong to it.
    let from = tailFrom
    while (
      from - 1 > 0 &&
      verdicts[from - 1]!.role !== 'title' &&
      looksLikeCommentItem(paras[from - 1]!)
    )
      from--
    for (let i = from; i < paras.length; i++) {
      const t = paras[i]!.raw.trim()
      const cue = isSingleLine(paras[i]!) ? matchFurniture(t) : null
      verdicts[i] =
        cue === 'boilerplate'
          ? { role: 'boilerplate', reason: `page boilerplate '${describeCue(t)}'` }
          : i < tailFrom
            ? {
                role: 'comments',
                reason: `numbered/indented reader comments before '${describeCue(paras[tailFrom]!.raw)}'`,
              }
            : {
                role: 'comments',
                reason: `comment section from '${describeCue(paras[tailFrom]!.raw)}'`,
              }
    }
  }
  return verdicts
}

/** Merges paragraph verdicts into contiguous segments over the original text. */
function segmentsOver(
  text: string,
  paras: readonly Paragraph[],
  verdicts: readonly Verdict[],
): Segment[] {
  const segments: Segment[] = []
  for (let i = 0; i < paras.length; i++) {
    const v = verdicts[i]!
    const start = i === 0 ? 0 : paras[i]!.start
    const last = segments[segments.length - 1]
    if (last && last.role === v.role && last.reason === v.reason && v.role !== 'title') continue
    if (last) last.end = start
    segments.push({ start, end: text.length, role: v.role, reason: v.reason })
  }
  return segments
}

/** Plain text: the text is kept as it is (offsets match the file) and paragraphs get roles. */
export function readPlainText(text: string): {
  text: string
  segments: Segment[]
  title: string | null
} {
  const trimmed = text.replace(/\s+$/u, '')
  const paras = splitParagraphs(trimmed)
  const hasTitle = paras.length > 1 && looksLikeTitle(paras[0]!)
  const verdicts = classify(paras, hasTitle)
  return {
    text: trimmed,
    segments: segmentsOver(trimmed, paras, verdicts),
    // Metadata is for lists and citations: no-break and odd spaces become plain ones there.
    title: hasTitle ? paras[0]!.raw.replace(/\s+/g, ' ').trim() : null,
  }
}

/** Inline Markdown to text: links and images keep their words, emphasis and code marks go. */
function stripInlineMarkdown(s: string): string {
  // Every span is bounded ({0,500}): an unclosed "[" or "**" in a 100,000-character line must not
  // make each later position rescan the rest of the line (quadratic time).
  return s
    .replace(/!\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/g, '$1')
    .replace(/\[([^\]\n]{1,500})\]\((?:[^()\n]|\([^)\n]{0,500}\)){0,2000}\)/g, '$1')
    .replace(/\[([^\]\n]{1,500})\]\[[^\]\n]{0,500}\]/g, '$1')
    .replace(/<(https?:[^>\s]{1,2000})>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>\n]{0,500}>/g, '')
    .replace(/(\*\*|__)(?=\S)(.{1,500}?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]{1,500}?)(?<=\S)\*/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_\n]{1,500}?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/~~(.{1,500}?)~~/g, '$1')
    .replace(/`([^`\n]{1,500})`/g, '$1')
}

/**
 * Markdown: markup stripped to text, headings start paragraphs, the first heading is the title;
 * then the same page-furniture rules as plain text.
 */
export function readMarkdown(source: string): {
  text: string
  segments: Segment[]
  title: string | null
} {
  const paras: Paragraph[] = []
  let inFence = false
  for (const p of splitParagraphs(source.replace(/\s+$/u, ''))) {
    let lines: string[] = []
    const flush = (): void => {
      if (lines.length > 0)
        paras.push({ ...p, raw: lines.join('\n'), gapBefore: paras.length === 0 ? 0 : p.gapBefore })
      lines = []
    }
    for (const line of p.raw.split('\n')) {
      if (/^\s*(```|~~~)/.test(line)) {
        inFence = !inFence
        continue
      }
      if (inFence) {
        lines.push(line)
        continue
      }
      if (/^\s*\[[^\]]+\]:\s*\S+/.test(line) || /^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line))
        continue
      const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
      if (heading) {
        flush()
        paras.push({
          ...p,
          raw: stripInlineMarkdown(heading[1] ?? ''),
          isHeading: true,
          gapBefore: paras.length === 0 ? 0 : p.gapBefore,
        })
        continue
      }
      const item = line.replace(/^\s{0,3}>\s?/, '').replace(/^(\s*)[-*+]\s+/, '$1')
      lines.push(stripInlineMarkdown(item))
    }
    flush()
  }
  const kept = paras.filter((p) => p.raw.trim().length > 0)
  const first = kept[0]
  const hasTitle =
    first !== undefined && kept.length > 1 && (first.isHeading === true || looksLikeTitle(first))
  const verdicts = classify(kept, hasTitle)
  const blocks: Block[] = kept.map((p, i) => ({
    role: verdicts[i]!.role,
    // Comment threads keep their line structure; everything else is one paragraph per block.
    text: p.raw,
    reason: p.isHeading && verdicts[i]!.role === 'body' ? 'paragraph' : verdicts[i]!.reason,
  }))
  const { text, segments } = layoutBlocks(blocks, false)
  return { text, segments, title: hasTitle ? first.raw.replace(/\s+/g, ' ').trim() : null }
}
