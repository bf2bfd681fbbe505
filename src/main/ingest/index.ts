import type { DocumentFormat, ExtractedDocument, Segment } from '../../shared/document'
import { ParallaxError } from '../../shared/errors'
import { decodeText, normaliseText } from './decode'
import { readDocx } from './docx-reader'
import { readHtml } from './html-reader'
import { extractMhtmlHtml } from './mhtml'
import { readPdf } from './pdf-reader'
import { sniffFormat } from './sniff'
import { readMarkdown, readPlainText } from './text-reader'

export { sniffFormat } from './sniff'

/** Files above this size are refused before any parsing (issue 2). */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024

/** The charset a page declares in its first bytes (`<meta charset>` or http-equiv). */
function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.byteLength, 4096),
  ).toString('latin1')
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head)
  return m ? m[1]! : null
}

function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  return base.replace(/\.[^.]+$/, '').normalize('NFC')
}

/** Text readers share this: no words at all is an error, not an empty document. */
function requireWords(
  text: string,
  segments: readonly Segment[],
  fileName: string,
  what: string,
): void {
  const hasWords = segments.some((s) => /[\p{L}\p{N}]/u.test(text.slice(s.start, s.end)))
  if (!hasWords) throw new ParallaxError('no-text', `${what} contains no readable words`, fileName)
}

function fromHtml(
  html: string,
  format: DocumentFormat,
  encoding: string,
  fileName: string,
): ExtractedDocument {
  const reading = readHtml(normaliseText(html))
  requireWords(reading.text, reading.segments, fileName, 'the page')
  const m = reading.metadata
  return {
    format,
    encoding,
    title: m.title ?? fileStem(fileName),
    outlet: m.outlet,
    author: m.author,
    published: m.published,
    text: reading.text,
    segments: reading.segments,
    warnings: reading.segments.some((s) => s.role === 'body')
      ? reading.warnings
      : [
          ...reading.warnings,
          'no article text was found on this page; only its other parts were kept',
        ],
  }
}

function fromText(bytes: Uint8Array, format: 'txt' | 'md', fileName: string): ExtractedDocument {
  const decoded = decodeText(bytes)
  const source = normaliseText(decoded.text)
  const read = format === 'md' ? readMarkdown(source) : readPlainText(source)
  requireWords(read.text, read.segments, fileName, 'the file')
  return {
    format,
    encoding: decoded.encoding,
    title: read.title ?? fileStem(fileName),
    outlet: null,
    author: null,
    published: null,
    text: read.text,
    segments: read.segments,
    warnings: [],
  }
}

/** Bytes -> article text with segments and metadata. Throws ParallaxError (code, message, file=fileName). */
export async function extractDocument(
  bytes: Uint8Array,
  fileName: string,
): Promise<ExtractedDocument> {
  if (bytes.length === 0)
    throw new ParallaxError('empty-file', 'the file is empty (0 bytes)', fileName)
  if (bytes.length > MAX_INPUT_BYTES) {
    const mb = Math.round(bytes.length / 1024 / 1024)
    throw new ParallaxError(
      'too-large',
      `the file is ${mb} MB; Parallax imports files up to 200 MB`,
      fileName,
    )
  }
  const format = sniffFormat(bytes, fileName)
  try {
    switch (format) {
      case 'pdf':
        return await readPdf(bytes, fileName)
      case 'docx':
        return await readDocx(bytes, fileName)
      case 'mhtml': {
        const part = extractMhtmlHtml(bytes, fileName)
        const decoded = decodeText(part.bytes, part.charset ?? declaredHtmlCharset(part.bytes))
        return fromHtml(decoded.text, 'mhtml', decoded.encoding, fileName)
      }
      case 'html': {
        const decoded = decodeText(bytes, declaredHtmlCharset(bytes))
        return fromHtml(decoded.text, 'html', decoded.encoding, fileName)
      }
      case 'txt':
      case 'md':
        return fromText(bytes, format, fileName)
    }
  } catch (err) {
    if (err instanceof ParallaxError) throw err
    const why = err instanceof Error ? err.message : String(err)
    throw new ParallaxError(
      'corrupt-file',
      `the ${format.toUpperCase()} file could not be read (${why})`,
      fileName,
    )
  }
}
