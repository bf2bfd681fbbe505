import type { DocumentFormat } from '../../shared/document'
import { ParallaxError } from '../../shared/errors'
import { sniffBomlessUtf16 } from './decode'
import { listZipEntries } from './zip'

/** Byte signatures of common files Parallax does not read, with the words used in the error. */
const FOREIGN_SIGNATURES: ReadonlyArray<{ at: number; bytes: readonly number[]; name: string }> = [
  { at: 0, bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { at: 0, bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { at: 0, bytes: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { at: 8, bytes: [0x57, 0x45, 0x42, 0x50], name: 'a WebP image' },
  { at: 0, bytes: [0x49, 0x49, 0x2a, 0x00], name: 'a TIFF image' },
  { at: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a], name: 'a TIFF image' },
  { at: 4, bytes: [0x66, 0x74, 0x79, 0x70], name: 'a video or image (MP4/HEIC)' },
  { at: 0, bytes: [0x4d, 0x5a], name: 'a Windows program (.exe/.dll)' },
  { at: 0, bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'a Linux program (ELF)' },
  { at: 0, bytes: [0xcf, 0xfa, 0xed, 0xfe], name: 'a macOS program' },
  { at: 0, bytes: [0xca, 0xfe, 0xba, 0xbe], name: 'a macOS program or Java class' },
  { at: 0, bytes: [0x1f, 0x8b], name: 'a gzip archive' },
  { at: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], name: 'a 7-Zip archive' },
  { at: 0, bytes: [0x52, 0x61, 0x72, 0x21], name: 'a RAR archive' },
  { at: 0, bytes: [0x42, 0x5a, 0x68], name: 'a bzip2 archive' },
  { at: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: 'an xz archive' },
  {
    at: 0,
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    name: 'an old Microsoft Office file (.doc/.xls/.ppt) — save it as .docx',
  },
  {
    at: 0,
    bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66],
    name: 'an RTF document — save it as .docx or .txt',
  },
  { at: 0, bytes: [0x25, 0x21, 0x50, 0x53], name: 'a PostScript file' },
  { at: 0, bytes: [0x49, 0x44, 0x33], name: 'an MP3 audio file' },
  { at: 0, bytes: [0x4f, 0x67, 0x67, 0x53], name: 'an Ogg audio/video file' },
  { at: 0, bytes: [0x66, 0x4c, 0x61, 0x43], name: 'a FLAC audio file' },
  { at: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3], name: 'a video file (WebM/MKV)' },
  { at: 0, bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], name: 'an SQLite database' },
  { at: 0, bytes: [0x00, 0x61, 0x73, 0x6d], name: 'a WebAssembly module' },
]

function startsWithAt(bytes: Uint8Array, at: number, sig: readonly number[]): boolean {
  if (bytes.length < at + sig.length) return false
  return sig.every((b, i) => bytes[at + i] === b)
}

function extensionOf(fileName: string): string {
  const m = /\.([^./\\]+)$/.exec(fileName)
  return m ? m[1]!.toLowerCase() : ''
}

/** The first bytes as text, good enough to look for markup: UTF-16 with a BOM is decoded as such. */
function headText(bytes: Uint8Array, n = 4096): string {
  const head = bytes.subarray(0, n)
  const bomless = sniffBomlessUtf16(head)
  if (bomless) return new TextDecoder(bomless).decode(head)
  if (head[0] === 0xff && head[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(head.subarray(2))
  if (head[0] === 0xfe && head[1] === 0xff)
    return new TextDecoder('utf-16be').decode(head.subarray(2))
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1')
}

/** A file is binary when its head has NUL bytes or many control characters (UTF-16 with BOM excepted). */
function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return false
  if (sniffBomlessUtf16(bytes)) return false
  const n = Math.min(bytes.length, 8192)
  let controls = 0
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!
    if (b === 0) return true
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) controls++
  }
  return controls > n / 50
}

/** What a zip archive holds, by its tell-tale entries. */
function zipKind(bytes: Uint8Array, fileName: string): DocumentFormat {
  const names = listZipEntries(bytes, fileName).map((e) => e.name)
  if (names.includes('word/document.xml')) return 'docx'
  const has = (prefix: string): boolean => names.some((n) => n.startsWith(prefix))
  const what = has('xl/')
    ? 'an Excel workbook (.xlsx)'
    : has('ppt/')
      ? 'a PowerPoint presentation (.pptx)'
      : names.includes('content.xml')
        ? 'an OpenDocument file — save it as .docx'
        : names.includes('META-INF/container.xml')
          ? 'an EPUB e-book'
          : 'a zip archive'
  throw new ParallaxError(
    'unsupported-type',
    `this is ${what}, not a document Parallax can read (HTML, MHTML, PDF, DOCX, TXT, Markdown)`,
    fileName,
  )
}

/** MHTML ("web archive"): MIME headers first, with a multipart/related content type. */
function looksLikeMhtml(head: string): boolean {
  const headerEnd = head.search(/\r?\n\r?\n/)
  const headers = headerEnd < 0 ? head : head.slice(0, headerEnd)
  return /^content-type:\s*multipart\/related/im.test(headers) && /^[\w-]+:/.test(head.trimStart())
}

function looksLikeHtml(head: string, ext: string): boolean {
  const h = head
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 2048)
    .toLowerCase()
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/.test(h)) return true
  if (h.startsWith('<?xml') && h.includes('<html')) return true
  if (h.startsWith('<') && /<(html|head|body|meta|title|div|p|article)[\s>]/.test(h)) return true
  return (
    (ext === 'html' || ext === 'htm' || ext === 'xhtml') && /<(html|body|p|div|br)[\s>/]/.test(h)
  )
}

/**
 * Decides the format from the bytes; the extension only breaks ties (Markdown vs text, a page saved
 * without its doctype). Throws `unsupported-type` naming what the file looks like.
 */
export function sniffFormat(bytes: Uint8Array, fileName: string): DocumentFormat {
  const ext = extensionOf(fileName)
  const head = headText(bytes)
  if (head.slice(0, 1024).includes('%PDF-')) return 'pdf'
  if (
    startsWithAt(bytes, 0, [0x50, 0x4b, 0x03, 0x04]) ||
    startsWithAt(bytes, 0, [0x50, 0x4b, 0x05, 0x06])
  ) {
    return zipKind(bytes, fileName)
  }
  for (const sig of FOREIGN_SIGNATURES) {
    if (startsWithAt(bytes, sig.at, sig.bytes)) {
      throw new ParallaxError(
        'unsupported-type',
        `this is ${sig.name}, not a document Parallax can read`,
        fileName,
      )
    }
  }
  if (looksBinary(bytes)) {
    const hint = ext === 'pdf' || ext === 'docx' ? 'corrupt-file' : 'unsupported-type'
    throw new ParallaxError(
      hint,
      hint === 'corrupt-file'
        ? `this is not a valid ${ext.toUpperCase()} file: its contents are unreadable binary data (damaged or mislabelled)`
        : 'this is binary data of an unknown kind, not a document Parallax can read (HTML, MHTML, PDF, DOCX, TXT, Markdown)',
      fileName,
    )
  }
  if (looksLikeMhtml(head)) return 'mhtml'
  const trimmed = head.trimStart()
  if (/^<\?xml/.test(trimmed) && /<svg[\s>]/i.test(head)) {
    throw new ParallaxError(
      'unsupported-type',
      'this is an SVG image, not a document Parallax can read',
      fileName,
    )
  }
  if (looksLikeHtml(head, ext)) return 'html'
  if (ext === 'pdf' || ext === 'docx') {
    throw new ParallaxError(
      'corrupt-file',
      `this is not a valid ${ext.toUpperCase()} file: it contains plain text, not ${ext.toUpperCase()} data`,
      fileName,
    )
  }
  if (ext === 'md' || ext === 'markdown' || ext === 'mdown' || ext === 'mkd') return 'md'
  return 'txt'
}
