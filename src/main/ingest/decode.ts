import chardet from 'chardet'
import iconv from 'iconv-lite'

/** Text decoded from bytes, with the name of the encoding it was read as. */
export interface DecodedText {
  text: string
  encoding: string
}

/** Canonical names for what labels and chardet call the same thing. */
function canonicalEncoding(label: string): string {
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '')
  if (l === 'utf8' || l === 'unicode-1-1-utf-8') return 'utf-8'
  // WHATWG: browsers read every "latin1"/"ascii" label as windows-1252, so saved pages expect that.
  if (l === 'iso-8859-1' || l === 'latin1' || l === 'us-ascii' || l === 'ascii' || l === 'l1')
    return 'windows-1252'
  if (l === 'utf-16') return 'utf-16le'
  return l
}

function hasBom(bytes: Uint8Array, ...bom: number[]): boolean {
  return bom.every((b, i) => bytes[i] === b)
}

/** True when the bytes are well-formed UTF-8 (checked by the platform decoder, not by guessing). */
function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

function decodeWith(bytes: Uint8Array, encoding: string): string | null {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes)
  if (!iconv.encodingExists(encoding)) return null
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding)
}

/**
 * UTF-16 saved without a byte-order mark: mostly-ASCII text then has a NUL in every other byte
 * (odd positions for little-endian, even for big-endian).
 */
export function sniffBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1
  if (n < 8) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++
    if (bytes[i + 1] === 0) oddZeros++
  }
  const pairs = n / 2
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le'
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be'
  return null
}

/**
 * Decodes text bytes. A byte-order mark wins; then a declared charset (HTML meta, MIME header) if
 * the bytes agree with it; then valid UTF-8; then chardet's guess; windows-1252 as the last resort
 * because it maps every byte.
 */
export function decodeText(bytes: Uint8Array, declared?: string | null): DecodedText {
  if (hasBom(bytes, 0xef, 0xbb, 0xbf))
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' }
  if (hasBom(bytes, 0xff, 0xfe))
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  if (hasBom(bytes, 0xfe, 0xff))
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' }
  const bomless = sniffBomlessUtf16(bytes)
  if (bomless) return { text: new TextDecoder(bomless).decode(bytes), encoding: bomless }
  if (declared) {
    const enc = canonicalEncoding(declared)
    // A page saved as UTF-8 often keeps its original meta charset; valid UTF-8 with non-ASCII bytes
    // is almost never legacy text, so the bytes outvote a single-byte declaration.
    const overruled =
      enc !== 'utf-8' &&
      !enc.startsWith('utf-16') &&
      isValidUtf8(bytes) &&
      /[\x80-\xff]/.test(sample(bytes))
    if (!overruled) {
      const text = enc.startsWith('utf-16') ? null : decodeWith(bytes, enc)
      if (text !== null) return { text, encoding: enc }
    }
  }
  if (isValidUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' }
  // chardet is slow on huge inputs and gains nothing from more than a few hundred KB.
  const guess = chardet.detect(bytes.subarray(0, 256 * 1024))
  if (guess) {
    const enc = canonicalEncoding(guess)
    if (enc !== 'utf-8') {
      const text = decodeWith(bytes, enc)
      if (text !== null) return { text, encoding: enc }
    }
  }
  return { text: decodeWith(bytes, 'windows-1252') ?? '', encoding: 'windows-1252' }
}

/** A latin1 view of the first bytes, for cheap byte-pattern tests. */
function sample(bytes: Uint8Array, n = 64 * 1024): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, n)).toString(
    'latin1',
  )
}

/** CRLF/CR to LF, NFC, and no NULs or other C0 controls (except tab/newline) that break display. */
export function normaliseText(text: string): string {
  const lf = text.replace(/\r\n?/g, '\n')
  // Control characters are exactly what this strips (NULs and the like break display and search).
  // eslint-disable-next-line no-control-regex
  return toNfc(lf.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''))
}

/** NFC only where needed: pure ASCII (most of a big English file) is already normalised. */
export function toNfc(text: string): string {
  return /[^\p{ASCII}]/u.test(text) ? text.normalize('NFC') : text
}
