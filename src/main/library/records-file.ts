import { readFile, rename } from 'node:fs/promises'
import path from 'node:path'
import { Low } from 'lowdb'
import { DataFile } from 'lowdb/node'
import type { DocumentRecord } from '../../shared/document'
import { ParallaxError } from '../../shared/errors'
import { isDocumentRecord, type BlobStore } from './blob-store'

export const LIBRARY_FILE = 'library.json'
const FORMAT = 'parallax-library'
const VERSION = 1

/** Deleted documents whose files are kept until undo or the next start. */
export interface PendingRemoval {
  token: string
  ids: string[]
  removedAt: string
}

/** The content of `library.json`: records only, the texts live beside it. */
export interface LibraryData {
  format: typeof FORMAT
  version: typeof VERSION
  /** Set once the first-run samples were offered, so deleting them never brings them back. */
  samplesSeeded: boolean
  records: DocumentRecord[]
  pendingRemovals: PendingRemoval[]
}

export interface LoadedRecords {
  db: Low<LibraryData>
  /** True when there was no library.json yet: the first run. */
  isFirstRun: boolean
  /** Where a damaged library.json was moved to, when it was. */
  movedAsideTo: string | null
  /** Things the researcher should be told (shown through `info()`). */
  notices: string[]
}

/**
 * Opens `library.json` with lowdb. A damaged file is never overwritten: it is moved aside to
 * `library.json.corrupt-<timestamp>` and the records are rebuilt from the text files, each of
 * which carries its record.
 */
export async function loadRecords(dataDir: string, blobs: BlobStore): Promise<LoadedRecords> {
  const file = path.join(dataDir, LIBRARY_FILE)
  // Compact JSON: the file is rewritten after every import, so its size is what matters.
  const adapter = new DataFile<LibraryData>(file, {
    parse: (s) => JSON.parse(s) as LibraryData,
    stringify: (d) => JSON.stringify(d),
  })

  let raw: string | null
  try {
    raw = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ParallaxError('unreadable', `the library file cannot be read: ${String(err)}`, file)
    }
    raw = null
  }

  if (raw === null) {
    const db = new Low(adapter, emptyData(false))
    return { db, isFirstRun: true, movedAsideTo: null, notices: [] }
  }

  const parsed = parseLibraryData(raw)
  if (parsed.ok) {
    return { db: new Low(adapter, parsed.data), isFirstRun: false, movedAsideTo: null, notices: [] }
  }
  if (parsed.newer) {
    throw new ParallaxError(
      'newer-version',
      'this library was written by a newer version of Parallax; update Parallax to open it',
      file,
    )
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const aside = `${file}.corrupt-${stamp}`
  await rename(file, aside)
  const { records, skipped } = await rebuildFromTexts(blobs)
  const data = emptyData(true)
  data.records = records
  const db = new Low(adapter, data)
  await db.write()
  const notices = [
    `The library file was damaged (${parsed.reason}). It was moved aside to ` +
      `${path.basename(aside)} and ${records.length} document${records.length === 1 ? '' : 's'} ` +
      `were rebuilt from their stored texts.` +
      (skipped > 0
        ? ` ${skipped} damaged text file${skipped === 1 ? ' was' : 's were'} skipped.`
        : ''),
  ]
  return { db, isFirstRun: false, movedAsideTo: aside, notices }
}

function emptyData(samplesSeeded: boolean): LibraryData {
  return { format: FORMAT, version: VERSION, samplesSeeded, records: [], pendingRemovals: [] }
}

type ParseOutcome = { ok: true; data: LibraryData } | { ok: false; newer: boolean; reason: string }

function parseLibraryData(raw: string): ParseOutcome {
  let x: unknown
  try {
    x = JSON.parse(raw)
  } catch {
    return {
      ok: false,
      newer: false,
      reason: raw.trim() === '' ? 'it is empty' : 'it is not valid JSON',
    }
  }
  if (typeof x !== 'object' || x === null || Array.isArray(x)) {
    return { ok: false, newer: false, reason: 'it is not a library' }
  }
  const o = x as Record<string, unknown>
  if (o.format !== FORMAT)
    return { ok: false, newer: false, reason: 'it is not a Parallax library' }
  if (typeof o.version === 'number' && o.version > VERSION) {
    return { ok: false, newer: true, reason: `version ${o.version}` }
  }
  if (o.version !== VERSION) return { ok: false, newer: false, reason: 'its version is unknown' }
  if (!Array.isArray(o.records) || !o.records.every(isDocumentRecord)) {
    return { ok: false, newer: false, reason: 'its list of documents is damaged' }
  }
  const pending = Array.isArray(o.pendingRemovals) ? o.pendingRemovals.filter(isPendingRemoval) : []
  return {
    ok: true,
    data: {
      format: FORMAT,
      version: VERSION,
      samplesSeeded: o.samplesSeeded === true,
      records: o.records,
      pendingRemovals: pending,
    },
  }
}

function isPendingRemoval(x: unknown): x is PendingRemoval {
  if (typeof x !== 'object' || x === null) return false
  const o = x as Record<string, unknown>
  return (
    typeof o.token === 'string' &&
    typeof o.removedAt === 'string' &&
    Array.isArray(o.ids) &&
    o.ids.every((id) => typeof id === 'string')
  )
}

async function rebuildFromTexts(
  blobs: BlobStore,
): Promise<{ records: DocumentRecord[]; skipped: number }> {
  const records: DocumentRecord[] = []
  let skipped = 0
  for (const id of await blobs.listTextIds()) {
    try {
      records.push((await blobs.readText(id)).record)
    } catch {
      skipped++
    }
  }
  // Oldest first, like records appended by imports.
  records.sort((a, b) => a.importedAt.localeCompare(b.importedAt))
  return { records, skipped }
}
