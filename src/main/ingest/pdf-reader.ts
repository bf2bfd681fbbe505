import { getDocumentProxy } from 'unpdf'
import type { ExtractedDocument } from '../../shared/document'
import { ParallaxError } from '../../shared/errors'
import { normaliseText } from './decode'
import { isoDate } from './html-metadata'
import { layoutBlocks, type Block } from './layout'

/** A text line on a page, rebuilt from pdf.js text items sharing a baseline. */
interface Line {
  text: string
  x: number
  y: number
  size: number
  page: number
}

interface RawItem {
  str: string
  transform: number[]
  height: number
  width?: number
  hasEOL?: boolean
}

function isTextItem(v: unknown): v is RawItem {
  return typeof v === 'object' && v !== null && 'str' in v && 'transform' in v
}

/** Groups a page's text items into lines (pdf.js gives them in content order, mostly reading order). */
function pageLines(items: readonly unknown[], page: number): Line[] {
  const lines: Line[] = []
  let cur: Line | null = null
  let endX = 0
  for (const it of items) {
    if (!isTextItem(it)) continue
    const x = it.transform[4] ?? 0
    const y = it.transform[5] ?? 0
    const size = Math.abs(it.transform[3] ?? 0) || it.height || 10
    if (cur && Math.abs(cur.y - y) <= Math.max(2, size * 0.4)) {
      // Words drawn as separate items carry no space between them; a visible gap is one.
      const gap = x - endX > size * 0.15 && !/\s$/.test(cur.text) && !/^\s/.test(it.str)
      cur.text += (gap ? ' ' : '') + it.str
      cur.size = Math.max(cur.size, size)
    } else {
      if (cur && cur.text.trim()) lines.push(cur)
      cur = { text: it.str, x, y, size, page }
    }
    endX = x + (it.width ?? 0)
  }
  if (cur && cur.text.trim()) lines.push(cur)
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() }))
}

/** Digits and page words blanked, so "Page 3 of 9" on every page reads the same. */
function furnitureKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim()
}

function isPageNumber(text: string): boolean {
  return (
    /^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i.test(text.trim()) ||
    /^[ivxlcdm]{1,6}$/i.test(text.trim())
  )
}

/**
 * Running headers and footers: lines among the first/last two of a page that repeat (digits
 * ignored) on at least half the pages, and bare page numbers.
 */
function findFurniture(pages: readonly Line[][]): Set<Line> {
  const edge = (ls: readonly Line[]): Line[] => {
    const sorted = [...ls].sort((a, b) => b.y - a.y)
    return [...sorted.slice(0, 2), ...sorted.slice(-2)]
  }
  const counts = new Map<string, number>()
  for (const ls of pages)
    for (const k of new Set(edge(ls).map((l) => furnitureKey(l.text))))
      counts.set(k, (counts.get(k) ?? 0) + 1)
  const furniture = new Set<Line>()
  const typicalSize = median(pages.flat().map((l) => l.size)) || 10
  const pagesWithText = pages.filter((p) => p.length > 0).length
  for (const ls of pages) {
    const sorted = [...ls].sort((a, b) => b.y - a.y)
    const candidates = [sorted[0], sorted[1], sorted[sorted.length - 2], sorted[sorted.length - 1]]
    for (const l of candidates) {
      if (!l) continue
      const repeated =
        pagesWithText >= 2 &&
        (counts.get(furnitureKey(l.text)) ?? 0) >= Math.max(2, Math.ceil(pagesWithText / 2))
      const isEdge = l === sorted[0] || l === sorted[sorted.length - 1]
      // Running heads are small; the same words set large on page one are the document's title.
      const isLarge = l.size >= typicalSize * 1.3
      if ((repeated && !isLarge) || (isEdge && isPageNumber(l.text))) furniture.add(l)
    }
  }
  return furniture
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!
}

/** Joins a line to a paragraph: a word split by a hyphen at the line end is made whole again. */
function joinLine(para: string, line: string): string {
  if (/[\p{Ll}]-$/u.test(para) && /^\p{Ll}/u.test(line)) return para.slice(0, -1) + line
  if (para.endsWith('\u00ad')) return para.slice(0, -1) + line
  return `${para} ${line}`
}

/** Rebuilds paragraphs from line geometry: a wider gap, a size change or an indent starts one. */
function paragraphs(
  lines: readonly Line[],
  bodySize: number,
): Array<{ text: string; size: number; page: number }> {
  const out: Array<{ text: string; size: number; page: number }> = []
  const gaps: number[] = []
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!
    const b = lines[i]!
    if (a.page === b.page && a.y > b.y) gaps.push(a.y - b.y)
  }
  // Most gaps are plain line spacing, paragraph gaps the minority: a low percentile finds the former.
  const sortedGaps = [...gaps].sort((a, b) => a - b)
  const lineGap = sortedGaps[Math.floor(sortedGaps.length * 0.3)] ?? bodySize * 1.2
  const leftEdge = median(lines.map((l) => l.x))
  let prev: Line | null = null
  for (const l of lines) {
    const last = out[out.length - 1]
    let starts = prev === null || !last
    if (!starts && prev) {
      if (prev.page !== l.page) starts = /[.!?:"”]$/.test(prev.text)
      else {
        const gap = prev.y - l.y
        starts =
          gap > lineGap * 1.4 ||
          gap < 0 ||
          Math.abs(l.size - prev.size) > Math.max(1, bodySize * 0.15) ||
          (l.x > leftEdge + bodySize * 0.8 && l.x > prev.x + 1 && /[.!?:"”]$/.test(prev.text))
      }
    }
    if (starts || !last) out.push({ text: l.text, size: l.size, page: l.page })
    else last.text = joinLine(last.text, l.text)
    prev = l
  }
  return out
}

function usableTitle(t: unknown): string | null {
  if (typeof t !== 'string') return null
  const s = t.replace(/\s+/g, ' ').trim()
  if (
    s.length < 3 ||
    /^(untitled|microsoft word - |document\d*$)/i.test(s) ||
    /\.(docx?|pdf|indd|tex)$/i.test(s)
  )
    return null
  return s
}

/** PDF dates look like D:20240131120000+01'00'. */
function pdfDate(v: unknown): string | null {
  if (typeof v !== 'string') return null
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(v.trim())
  if (!m) return null
  return isoDate(`${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`)
}

/** Reads a PDF's text layer with pdf.js (via unpdf), off the network and without rendering. */
export async function readPdf(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>
  try {
    // pdf.js takes ownership of the buffer it is given; the caller's bytes stay intact with a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), {
      isEvalSupported: false,
      stopAtErrors: false,
      verbosity: 0,
    })
  } catch (err) {
    const name = err instanceof Error ? err.name : ''
    if (name === 'PasswordException')
      throw new ParallaxError(
        'encrypted',
        'the PDF is password-protected; open it, remove the password and save a copy',
        fileName,
      )
    throw new ParallaxError(
      'corrupt-file',
      'the PDF is damaged or truncated and cannot be read',
      fileName,
    )
  }
  try {
    const pages: Line[][] = []
    let emptyPages = 0
    for (let n = 1; n <= pdf.numPages; n++) {
      try {
        const page = await pdf.getPage(n)
        const content = await page.getTextContent()
        const lines = pageLines(content.items, n)
        if (lines.length === 0) emptyPages++
        pages.push(lines)
        page.cleanup()
      } catch {
        emptyPages++
        pages.push([])
      }
    }
    if (pages.every((p) => p.length === 0)) {
      if (emptyPages === pdf.numPages && pdf.numPages > 0)
        throw new ParallaxError('no-text-layer', 'no text layer — run OCR first', fileName)
      throw new ParallaxError('corrupt-file', 'the PDF has no readable pages', fileName)
    }
    let info: Record<string, unknown> = {}
    try {
      const meta = await pdf.getMetadata()
      if (typeof meta.info === 'object' && meta.info !== null) info = { ...meta.info }
    } catch {
      // Metadata is optional; the text is what matters.
    }

    const furniture = findFurniture(pages)
    const bodyLines = pages.flat().filter((l) => !furniture.has(l))
    const bodySize = median(bodyLines.map((l) => l.size)) || 10
    const paras = paragraphs(bodyLines, bodySize)
    const metaTitle = usableTitle(info['Title'])
    const firstPage = paras.filter((p) => p.page === paras[0]?.page)
    const large = firstPage.find((p) => p.size >= bodySize * 1.25 && p.text.length <= 200)
    const title = metaTitle ?? large?.text ?? null

    const blocks: Block[] = []
    if (title && !(paras[0] && paras[0].text === title))
      blocks.push({
        role: 'title',
        text: title,
        reason: metaTitle ? 'PDF metadata' : 'first large line',
      })
    for (const p of paras) {
      const isTitle = blocks.length === 0 && p.text === title
      blocks.push(
        isTitle
          ? { role: 'title', text: p.text, reason: metaTitle ? 'PDF metadata' : 'first large line' }
          : { role: 'body', text: p.text, reason: 'PDF text' },
      )
    }
    const furnitureLines = pages.flat().filter((l) => furniture.has(l))
    for (const l of furnitureLines)
      blocks.push({
        role: 'furniture',
        text: l.text,
        reason: isPageNumber(l.text) ? 'page number' : 'running header/footer',
      })
    const normalised = blocks.map((b) => ({ ...b, text: normaliseText(b.text) }))
    const { text, segments } = layoutBlocks(normalised, true)
    const warnings =
      emptyPages > 0
        ? [`${emptyPages} of ${pdf.numPages} pages had no text (scanned images need OCR)`]
        : []
    const author =
      typeof info['Author'] === 'string' && info['Author'].trim() ? info['Author'].trim() : null
    return {
      format: 'pdf',
      encoding: null,
      title: title ?? fileName.replace(/\.[^.]+$/, ''),
      outlet: null,
      author,
      published: pdfDate(info['CreationDate']),
      text,
      segments,
      warnings,
    }
  } finally {
    await pdf.destroy()
  }
}
