import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { DocumentRecord, Segment } from '../../shared/document'
import { ParallaxError } from '../../shared/errors'

/**
 * What `texts/<sha256>.json` holds. The record rides along so the list can be rebuilt from
 * the texts alone when `library.json` is damaged.
 */
export interface StoredText {
  text: string
  segments: Segment[]
  record: DocumentRecord
}

const SHA256_HEX = /^[0-9a-f]{64}$/
/** Analyser versions become part of a file name, so only harmless characters are allowed. */
const SAFE_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/

/** The sha-256 (hex) of a file's bytes: its id in the library. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** True when `id` can be a document id (and so is safe inside a file name). */
export function isDocumentId(id: string): boolean {
  return SHA256_HEX.test(id)
}

/**
 * Writes `data` to `file` via a temp file and a rename, so a crash leaves either the old file or
 * the new one, never half of one.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )
  try {
    await writeFile(temp, data)
    await rename(temp, file)
  } catch (err) {
    await rm(temp, { force: true })
    throw err
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch {
    return false
  }
}

/**
 * The content-addressed files beside `library.json`: originals, extracted texts and the analysis
 * cache, each named by the sha-256 of the original bytes.
 */
export class BlobStore {
  readonly originalsDir: string
  readonly textsDir: string
  readonly analysisDir: string

  constructor(readonly dataDir: string) {
    this.originalsDir = path.join(dataDir, 'originals')
    this.textsDir = path.join(dataDir, 'texts')
    this.analysisDir = path.join(dataDir, 'analysis')
  }

  async ensureFolders(): Promise<void> {
    for (const dir of [this.originalsDir, this.textsDir, this.analysisDir]) {
      await mkdir(dir, { recursive: true })
    }
  }

  textPath(id: string): string {
    return path.join(this.textsDir, `${id}.json`)
  }

  analysisPath(id: string, analyserVersion: string): string {
    if (!isDocumentId(id)) {
      throw new ParallaxError('invalid-argument', `“${id}” is not a document id`)
    }
    if (!SAFE_VERSION.test(analyserVersion) || analyserVersion.includes('..')) {
      throw new ParallaxError(
        'invalid-argument',
        `“${analyserVersion}” is not a valid analyser version (letters, digits, . _ + - only)`,
      )
    }
    return path.join(this.analysisDir, `${id}.${analyserVersion}.json`)
  }

  /** Stores the original bytes once; identical bytes are already there under the same name. */
  async writeOriginal(id: string, bytes: Uint8Array): Promise<void> {
    const file = path.join(this.originalsDir, id)
    if ((await exists(file)) && (await stat(file)).size === bytes.byteLength) return
    await writeFileAtomic(file, bytes)
  }

  async writeText(stored: StoredText): Promise<void> {
    await writeFileAtomic(this.textPath(stored.record.id), JSON.stringify(stored))
  }

  async readText(id: string): Promise<StoredText> {
    const raw = await readFile(this.textPath(id), 'utf8')
    return parseStoredText(raw, id)
  }

  /** Synchronous read for search snippets, which must answer without awaiting. */
  readTextSync(id: string): StoredText {
    return parseStoredText(readFileSync(this.textPath(id), 'utf8'), id)
  }

  /** Ids of every text file present, for rebuilding the list. */
  async listTextIds(): Promise<string[]> {
    const names = await readdir(this.textsDir).catch(() => [] as string[])
    return names
      .filter((n) => n.endsWith('.json') && isDocumentId(n.slice(0, -5)))
      .map((n) => n.slice(0, -5))
  }

  /** Deletes a document's original, text and cached analyses. */
  async purge(id: string): Promise<void> {
    if (!isDocumentId(id)) return
    await rm(path.join(this.originalsDir, id), { force: true })
    await rm(this.textPath(id), { force: true })
    const cached = await readdir(this.analysisDir).catch(() => [] as string[])
    for (const name of cached) {
      if (name.startsWith(`${id}.`)) await rm(path.join(this.analysisDir, name), { force: true })
    }
  }
}

function parseStoredText(raw: string, id: string): StoredText {
  const parsed: unknown = JSON.parse(raw)
  if (!isStoredText(parsed) || parsed.record.id !== id) {
    throw new ParallaxError('corrupt-file', `the stored text of document ${id} is damaged`)
  }
  return parsed
}

function isStoredText(x: unknown): x is StoredText {
  if (typeof x !== 'object' || x === null) return false
  const o = x as Record<string, unknown>
  return typeof o.text === 'string' && Array.isArray(o.segments) && isDocumentRecord(o.record)
}

/** Structural check of a record read back from disk (library.json or a text file). */
export function isDocumentRecord(x: unknown): x is DocumentRecord {
  if (typeof x !== 'object' || x === null) return false
  const o = x as Record<string, unknown>
  const nullableString = (v: unknown) => v === null || typeof v === 'string'
  return (
    typeof o.id === 'string' &&
    isDocumentId(o.id) &&
    typeof o.title === 'string' &&
    nullableString(o.outlet) &&
    nullableString(o.author) &&
    nullableString(o.published) &&
    typeof o.fileName === 'string' &&
    typeof o.format === 'string' &&
    nullableString(o.encoding) &&
    typeof o.size === 'number' &&
    typeof o.importedAt === 'string' &&
    Array.isArray(o.tags) &&
    o.tags.every((t) => typeof t === 'string') &&
    typeof o.wordCount === 'number' &&
    Array.isArray(o.warnings)
  )
}
