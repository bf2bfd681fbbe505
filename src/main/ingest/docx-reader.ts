import mammoth from 'mammoth'
import type { ExtractedDocument } from '../../shared/document'
import { ParallaxError } from '../../shared/errors'
import { normaliseText } from './decode'
import { blocksOf, parseDocument, sanitize, type DomElement, type DomNode } from './dom'
import { isoDate } from './html-metadata'
import { layoutBlocks, type Block } from './layout'
import { checkZipLimits, readZipEntry, type ZipEntry } from './zip'

/** Word styles whose role is not body text, mapped to classes the walker below recognises. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1.docx-title:fresh",
  "p[style-name='Subtitle'] => p.docx-subtitle:fresh",
  "p[style-name='Caption'] => p.docx-caption:fresh",
  "p[style-name='caption'] => p.docx-caption:fresh",
]

function xmlText(xml: string, tag: string): string | null {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml)
  if (!m) return null
  const t = m[1]!
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()
  return t.length > 0 ? t : null
}

/** Title, author and date from docProps/core.xml (Dublin Core), if the file has them. */
function coreProperties(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
): { title: string | null; author: string | null; published: string | null } {
  const core = entries.find((e) => e.name === 'docProps/core.xml')
  if (!core) return { title: null, author: null, published: null }
  const xml = new TextDecoder().decode(readZipEntry(bytes, core))
  return {
    title: xmlText(xml, 'dc:title'),
    author: xmlText(xml, 'dc:creator'),
    published: isoDate(xmlText(xml, 'dcterms:created') ?? xmlText(xml, 'dcterms:modified')),
  }
}

function insideNote(node: DomNode | null): 'footnote' | 'endnote' | null {
  for (let n = node; n; n = n.parentNode) {
    if (n.nodeType !== 1) continue
    const id = (n as DomElement).getAttribute('id') ?? ''
    if (id.startsWith('footnote-') && !id.startsWith('footnote-ref')) return 'footnote'
    if (id.startsWith('endnote-') && !id.startsWith('endnote-ref')) return 'endnote'
  }
  return null
}

function classOf(node: DomNode | null): string {
  return node && node.nodeType === 1 ? ((node as DomElement).getAttribute('class') ?? '') : ''
}

/**
 * Reads a Word document: the archive is checked against zip-bomb limits first, then mammoth turns
 * it into simple HTML (paragraphs, headings, lists, foot/endnotes) that is walked into blocks.
 */
export async function readDocx(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument> {
  const entries = checkZipLimits(bytes, fileName)
  const props = coreProperties(bytes, entries)
  let html: string
  let messages: string[]
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        // Images become empty tags: their bytes are not text and would bloat the HTML.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    )
    html = result.value
    messages = result.messages.filter((m) => m.type === 'error').map((m) => m.message)
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    throw new ParallaxError(
      'corrupt-file',
      `the Word file is damaged and cannot be read (${why})`,
      fileName,
    )
  }
  const doc = parseDocument(`<!doctype html><html><body>${html}</body></html>`)
  sanitize(doc)
  const blocks: Block[] = []
  let title = props.title
  for (const b of doc.body ? blocksOf(doc.body) : []) {
    const text = normaliseText(b.text.replace(/\s*↑\s*$/u, ''))
    const note = insideNote(b.element)
    const cls = classOf(b.element)
    if (note)
      blocks.push({ role: 'notes', text, reason: note === 'footnote' ? 'footnote' : 'endnote' })
    else if (cls.includes('docx-title') && blocks.every((x) => x.role !== 'title')) {
      title ??= text
      blocks.push({ role: 'title', text, reason: "Word 'Title' style" })
    } else if (cls.includes('docx-caption'))
      blocks.push({ role: 'caption', text, reason: "Word 'Caption' style" })
    else blocks.push({ role: 'body', text, reason: 'Word paragraph' })
  }
  if (!blocks.some((b) => b.role === 'title')) {
    const firstBody = blocks.find((b) => b.role === 'body')
    const heading = doc.querySelector('h1')
    if (title && firstBody && firstBody.text === title) {
      firstBody.role = 'title'
      firstBody.reason = 'document properties'
    } else if (
      !title &&
      heading &&
      firstBody &&
      firstBody.text === (heading.textContent ?? '').trim()
    ) {
      title = firstBody.text
      firstBody.role = 'title'
      firstBody.reason = 'first heading'
    } else if (title) blocks.unshift({ role: 'title', text: title, reason: 'document properties' })
  }
  if (!blocks.some((b) => b.role === 'body' && /[\p{L}\p{N}]/u.test(b.text))) {
    throw new ParallaxError('no-text', 'the Word document contains no text', fileName)
  }
  const { text, segments } = layoutBlocks(blocks, true)
  return {
    format: 'docx',
    encoding: null,
    title: title ?? fileName.replace(/\.[^.]+$/, ''),
    outlet: null,
    author: props.author,
    published: props.published,
    text,
    segments,
    warnings:
      messages.length > 0 ? [`Word conversion problems: ${messages.slice(0, 3).join('; ')}`] : [],
  }
}
