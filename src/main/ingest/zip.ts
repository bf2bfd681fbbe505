import { inflateRawSync } from 'node:zlib'
import { ParallaxError } from '../../shared/errors'

/** One file inside a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

/** Limits for archives (DOCX): beyond them the file is refused as a zip bomb. */
export const ZIP_LIMITS = {
  maxEntries: 5000,
  maxTotalUncompressed: 200 * 1024 * 1024,
  /** Deflate cannot exceed ~1032:1; real DOCX XML stays under ~100:1. Only judged on big entries. */
  maxRatio: 500,
  ratioMinSize: 10 * 1024 * 1024,
} as const

function corrupt(fileName: string, why: string): ParallaxError {
  return new ParallaxError('corrupt-file', `the file is damaged or truncated: ${why}`, fileName)
}

/** Reads the central directory (not the local headers, which a bomb can lie in). */
export function listZipEntries(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const minEocd = 22
  let eocd = -1
  for (let i = bytes.length - minEocd; i >= Math.max(0, bytes.length - minEocd - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw corrupt(fileName, 'its zip directory is missing')
  let count = view.getUint16(eocd + 10, true)
  let cdSize = view.getUint32(eocd + 12, true)
  let cdOffset = view.getUint32(eocd + 16, true)
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    const locator = eocd - 20
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50)
      throw corrupt(fileName, 'its zip64 directory is missing')
    const rec = Number(view.getBigUint64(locator + 8, true))
    if (rec + 56 > bytes.length || view.getUint32(rec, true) !== 0x06064b50)
      throw corrupt(fileName, 'its zip64 directory is damaged')
    count = Number(view.getBigUint64(rec + 32, true))
    cdSize = Number(view.getBigUint64(rec + 40, true))
    cdOffset = Number(view.getBigUint64(rec + 48, true))
  }
  if (count > ZIP_LIMITS.maxEntries) {
    throw new ParallaxError(
      'zip-bomb',
      `refused: the archive claims ${count} entries (limit ${ZIP_LIMITS.maxEntries}) — it looks like a zip bomb`,
      fileName,
    )
  }
  if (cdOffset + cdSize > eocd)
    throw corrupt(fileName, 'its zip directory points past the end of the file')
  const entries: ZipEntry[] = []
  let p = cdOffset
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50)
      throw corrupt(fileName, 'its zip directory is damaged')
    const method = view.getUint16(p + 10, true)
    let compressedSize = view.getUint32(p + 20, true)
    let uncompressedSize = view.getUint32(p + 24, true)
    const nameLen = view.getUint16(p + 28, true)
    const extraLen = view.getUint16(p + 30, true)
    const commentLen = view.getUint16(p + 32, true)
    let localHeaderOffset = view.getUint32(p + 42, true)
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen))
    // Zip64 sizes live in extra field 0x0001, in this order, only for the fields that overflowed.
    let e = p + 46 + nameLen
    const extraEnd = e + extraLen
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true)
      const size = view.getUint16(e + 2, true)
      if (id === 0x0001) {
        let q = e + 4
        const next = (): number => {
          const v = Number(view.getBigUint64(q, true))
          q += 8
          return v
        }
        if (uncompressedSize === 0xffffffff) uncompressedSize = next()
        if (compressedSize === 0xffffffff) compressedSize = next()
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next()
      }
      e += 4 + size
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset })
    p = extraEnd + commentLen
  }
  return entries
}

/**
 * Refuses archives whose unpacked size would exhaust memory, judged from the directory and then
 * checked for real: every entry is inflated with an output cap equal to its declared size, so a
 * directory that lies about sizes cannot get past either.
 */
export function checkZipLimits(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const entries = listZipEntries(bytes, fileName)
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0)
  if (total > ZIP_LIMITS.maxTotalUncompressed) {
    const mb = Math.round(total / 1024 / 1024)
    throw new ParallaxError(
      'zip-bomb',
      `refused: the archive would unpack to ${mb} MB (limit 200 MB) — it looks like a zip bomb`,
      fileName,
    )
  }
  for (const e of entries) {
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize)
    if (e.uncompressedSize >= ZIP_LIMITS.ratioMinSize && ratio > ZIP_LIMITS.maxRatio) {
      throw new ParallaxError(
        'zip-bomb',
        `refused: '${e.name}' would unpack ${Math.round(ratio)}× its size — it looks like a zip bomb`,
        fileName,
      )
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (const e of entries) {
    const h = e.localHeaderOffset
    if (h + 30 > bytes.length || view.getUint32(h, true) !== 0x04034b50)
      throw corrupt(fileName, `entry '${e.name}' is missing`)
    const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true)
    if (start + e.compressedSize > bytes.length)
      throw corrupt(fileName, `entry '${e.name}' is cut short`)
    if (e.method !== 8) continue
    try {
      // maxOutputLength makes zlib stop (and throw) instead of allocating what a lying entry expands to.
      const out = inflateRawSync(bytes.subarray(start, start + e.compressedSize), {
        maxOutputLength: Math.max(1, e.uncompressedSize),
      })
      if (out.length !== e.uncompressedSize)
        throw corrupt(fileName, `entry '${e.name}' has the wrong size`)
    } catch (err) {
      if (err instanceof ParallaxError) throw err
      if (
        err instanceof RangeError ||
        (err instanceof Error && /maxOutputLength|Cannot create a Buffer larger/i.test(err.message))
      ) {
        throw new ParallaxError(
          'zip-bomb',
          `refused: '${e.name}' unpacks to more than it declares — it looks like a zip bomb`,
          fileName,
        )
      }
      throw corrupt(fileName, `entry '${e.name}' cannot be unpacked`)
    }
  }
  return entries
}

/** Unpacks one entry (stored or deflated), capped at its declared size. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const h = entry.localHeaderOffset
  const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true)
  const data = bytes.subarray(start, start + entry.compressedSize)
  if (entry.method === 0) return data
  return new Uint8Array(
    inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) }),
  )
}
