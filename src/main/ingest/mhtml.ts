import { ParallaxError } from '../../shared/errors'

/** The HTML part of a web archive, still as bytes, with the charset its headers declare. */
export interface MhtmlPart {
  bytes: Uint8Array
  charset: string | null
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>()
  // Folded header lines (RFC 5322) continue with whitespace.
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([\w-]+):\s*(.*)$/.exec(line)
    if (m) headers.set(m[1]!.toLowerCase(), m[2]!.trim())
  }
  return headers
}

function param(value: string | undefined, name: string): string | null {
  if (!value) return null
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value)
  return m ? (m[1] ?? m[2] ?? null) : null
}

function decodeQuotedPrintable(body: string): Uint8Array {
  const soft = body.replace(/=\r?\n/g, '')
  const out = new Uint8Array(soft.length)
  let n = 0
  for (let i = 0; i < soft.length; i++) {
    const c = soft.charCodeAt(i)
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      out[n++] = parseInt(soft.slice(i + 1, i + 3), 16)
      i += 2
    } else out[n++] = c & 0xff
  }
  return out.subarray(0, n)
}

/**
 * Finds the first text/html part of an MHTML file (MIME multipart/related) and undoes its transfer
 * encoding (quoted-printable, base64, 7bit/8bit/binary).
 */
export function extractMhtmlHtml(bytes: Uint8Array, fileName: string): MhtmlPart {
  // latin1 keeps every byte as one char, so 8bit parts survive until their charset is known.
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const headerEnd = raw.search(/\r?\n\r?\n/)
  if (headerEnd < 0)
    throw new ParallaxError(
      'corrupt-file',
      'this web archive (MHTML) has no content after its headers',
      fileName,
    )
  const top = parseHeaders(raw.slice(0, headerEnd))
  const boundary = param(top.get('content-type'), 'boundary')
  if (!boundary)
    throw new ParallaxError(
      'corrupt-file',
      'this web archive (MHTML) has no part boundary in its headers',
      fileName,
    )
  const parts = raw.split(`--${boundary}`).slice(1)
  for (const part of parts) {
    if (part.startsWith('--')) break
    const body = part.replace(/^\r?\n/, '')
    const end = body.search(/\r?\n\r?\n/)
    if (end < 0) continue
    const headers = parseHeaders(body.slice(0, end))
    const type = headers.get('content-type') ?? 'text/plain'
    if (!/^text\/html/i.test(type)) continue
    const content = body
      .slice(end)
      .replace(/^\r?\n\r?\n/, '')
      .replace(/\r?\n$/, '')
    const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase()
    const decoded =
      encoding === 'base64'
        ? new Uint8Array(Buffer.from(content.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'))
        : encoding === 'quoted-printable'
          ? decodeQuotedPrintable(content)
          : new Uint8Array(Buffer.from(content, 'latin1'))
    return { bytes: decoded, charset: param(type, 'charset') }
  }
  throw new ParallaxError(
    'corrupt-file',
    'this web archive (MHTML) contains no HTML page',
    fileName,
  )
}
