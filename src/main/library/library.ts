import { randomUUID } from 'node:crypto'
import { mkdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type {
  DroppedFile,
  ImportReport,
  ImportResult,
  LibraryInfo,
  RemovalReceipt,
  SearchHit,
} from '../../shared/api'
import {
  bodyText,
  countWords,
  type DocumentPatch,
  type DocumentRecord,
  type DocumentView,
  type ExtractedDocument,
} from '../../shared/document'
import { ParallaxError, toErrorValue } from '../../shared/errors'
import { extractDocument, MAX_INPUT_BYTES } from '../ingest/index'
import { BlobStore, sha256Hex, writeFileAtomic } from './blob-store'
import { BodyCache } from './body-cache'
import { MutationQueue } from './mutation-queue'
import { applyPatch, isIsoDate } from './patch'
import { loadRecords, type LibraryData } from './records-file'
import { readSampleList } from './samples'
import { SearchIndex, toIndexedDocument } from './search-index'
import { lockDataFolder, type FolderLock } from './folder-lock'
import { findFiles } from './walk'
import type { Low } from 'lowdb'

/** The saved search index, beside library.json; rebuilt from the texts when missing. */
const SEARCH_INDEX_FILE = 'search-index.json'

export interface LibraryOptions {
  /** The user-data folder (or the --data-dir override); created if missing. */
  dataDir: string
  /** `resources/samples`: the first-run sample articles listed in its samples.json. */
  samplesDir?: string
  /** Reported by `info()`; the analysis cache itself is keyed by the version each call names. */
  analyserVersion?: string
  /**
   * Turns bytes into a document; defaults to ingest's `extractDocument`. The shell can pass one
   * that runs in a worker so big PDFs do not block the main process.
   */
  extract?: (bytes: Uint8Array, fileName: string) => Promise<ExtractedDocument>
  /**
   * Who opens the folder ("the Parallax app"), named to another process that finds it taken.
   * The folder is locked from open to close: two processes never write one library.
   */
  holder?: string
}

/** `LibraryInfo` plus what the researcher should know about the state of the library. */
export interface LibraryStatus extends LibraryInfo {
  /** Where a damaged library.json was moved to on this start, if it was. */
  recoveredFrom: string | null
  /** Human sentences: recovery, missing texts, samples that could not be added. */
  notices: string[]
}

export type ImportProgress = { done: number; total: number; result: ImportResult }
export type ImportProgressListener = (progress: ImportProgress) => void

/** About 16 MB of UTF-16: enough to keep every body of a 1,000-article library warm. */
const BODY_CACHE_CHARS = 8_000_000

/** Where the bytes of one file to import come from. */
interface ImportSource {
  /** The name shown in results: relative path inside a dropped folder, or the base name. */
  file: string
  bytes: () => Promise<Uint8Array>
  sample?: DocumentPatch
}

/**
 * The document library: records in lowdb (`library.json`), originals and extracted texts
 * content-addressed beside it, a full-text index in memory, an analysis cache on disk.
 * Every mutation goes through one queue; reads answer from memory.
 */
export class Library {
  private readonly byId = new Map<string, DocumentRecord>()
  private readonly bodies = new BodyCache(BODY_CACHE_CHARS)
  private readonly index: SearchIndex
  private readonly queue = new MutationQueue()
  /** Deletions of this session that can still be undone, by token. */
  private readonly undoable = new Map<string, DocumentRecord[]>()
  private isClosed = false

  private constructor(
    private readonly options: LibraryOptions,
    private readonly blobs: BlobStore,
    private readonly db: Low<LibraryData>,
    private readonly recoveredFrom: string | null,
    private readonly notices: string[],
    private readonly lock: FolderLock,
  ) {
    for (const r of db.data.records) this.byId.set(r.id, r)
    this.index = new SearchIndex((id) => this.bodyOf(id))
  }

  /**
   * Opens (or creates) the library in `options.dataDir`: purges documents deleted in an earlier
   * session, builds the search index from the stored texts and, on the very first run, imports
   * the sample articles.
   */
  static async open(options: LibraryOptions): Promise<Library> {
    const dataDir = path.resolve(options.dataDir)
    const blobs = new BlobStore(dataDir)
    try {
      await mkdir(dataDir, { recursive: true })
      await blobs.ensureFolders()
    } catch (err) {
      throw new ParallaxError(
        'unreadable',
        `the library folder cannot be created or written (${(err as Error).message})`,
        dataDir,
      )
    }
    const lock = await lockDataFolder(dataDir, options.holder ?? 'another Parallax process')
    try {
      const loaded = await loadRecords(dataDir, blobs)
      const library = new Library(
        { ...options, dataDir },
        blobs,
        loaded.db,
        loaded.movedAsideTo,
        loaded.notices,
        lock,
      )
      await library.purgeRemoved()
      await library.buildIndex()
      if (!loaded.db.data.samplesSeeded && options.samplesDir !== undefined) {
        await library.seedSamples(options.samplesDir)
      } else if (loaded.isFirstRun) {
        await loaded.db.write()
      }
      return library
    } catch (err) {
      await lock.release()
      throw err
    }
  }

  /** Where the library lives and how many documents it holds. */
  info(): LibraryStatus {
    return {
      dataDir: this.options.dataDir,
      documentCount: this.db.data.records.length,
      analyserVersion: this.options.analyserVersion ?? 'none',
      recoveredFrom: this.recoveredFrom,
      notices: [...this.notices],
    }
  }

  /** All records, newest import first (ties: the later import first). */
  list(): DocumentRecord[] {
    return [...this.db.data.records]
      .reverse()
      .sort((a, b) => (a.importedAt < b.importedAt ? 1 : a.importedAt > b.importedAt ? -1 : 0))
  }

  /** A document with its text and segments. Unknown id -> `not-found`. */
  async get(id: string): Promise<DocumentView> {
    const record = this.requireRecord(id)
    let stored
    try {
      stored = await this.blobs.readText(id)
    } catch (err) {
      if (err instanceof ParallaxError)
        throw new ParallaxError(err.code, err.message, record.fileName)
      throw new ParallaxError(
        'not-found',
        `the extracted text of “${record.title}” is missing from the library folder`,
        record.fileName,
      )
    }
    return { record, text: stored.text, segments: stored.segments }
  }

  /**
   * Imports dropped files one after another. Each file gets its own result; a bad file never
   * stops the others and the batch never throws. `onProgress` runs after every file. Hidden
   * entries inside a dropped folder (`dossier/.DS_Store`, `dossier/.git/…`) are skipped, as
   * `importPaths` skips them; a hidden file dropped on its own is tried like any other.
   */
  async importFiles(
    files: readonly DroppedFile[],
    onProgress?: ImportProgressListener,
  ): Promise<ImportReport> {
    const sources = files
      .filter((f) => !isHiddenInsideFolder(f.name))
      .map((f): ImportSource => ({ file: f.name, bytes: () => Promise.resolve(f.bytes) }))
    return this.importSources(sources, [], onProgress)
  }

  /**
   * Imports files and folders from disk; folders recursively, skipping hidden entries. Result
   * names are relative to the folder given (base names for files given directly).
   */
  async importPaths(
    paths: readonly string[],
    onProgress?: ImportProgressListener,
  ): Promise<ImportReport> {
    let found
    try {
      found = await findFiles(paths)
    } catch (err) {
      const results = paths.map((p) => failure(p, err))
      return { batchId: randomUUID(), results }
    }
    const sources: ImportSource[] = []
    const early: { position: number; result: ImportResult }[] = []
    for (const f of found) {
      if (f.kind === 'unreadable') {
        early.push({
          position: sources.length + early.length,
          result: { file: f.name, status: 'failed', error: f.error },
        })
      } else {
        sources.push({ file: f.name, bytes: () => readWithLimit(f.absolutePath, f.name) })
      }
    }
    return this.importSources(sources, early, onProgress)
  }

  /**
   * Adds documents that were extracted elsewhere (a project file from another machine carries
   * record, text and segments but not the original bytes). Ids already in the library are left
   * alone. Returns the records added.
   */
  async addExtracted(documents: readonly DocumentView[]): Promise<DocumentRecord[]> {
    if (this.isClosed) throw new ParallaxError('internal', 'the library has been closed')
    const added = await this.queue.run(async () => {
      const fresh: DocumentRecord[] = []
      for (const doc of documents) {
        if (this.byId.has(doc.record.id) || fresh.some((r) => r.id === doc.record.id)) continue
        // The id names files in the library folder: never let a project file choose a path.
        if (!/^[A-Za-z0-9_-]{1,128}$/.test(doc.record.id)) {
          throw new ParallaxError(
            'invalid-project',
            `the document id “${doc.record.id.slice(0, 40)}” is not valid`,
          )
        }
        const record: DocumentRecord = { ...doc.record }
        await this.blobs.writeText({ text: doc.text, segments: doc.segments, record })
        fresh.push(record)
      }
      if (fresh.length === 0) return fresh
      this.db.data.records.push(...fresh)
      for (const r of fresh) this.byId.set(r.id, r)
      try {
        await this.db.write()
      } catch (err) {
        const ids = new Set(fresh.map((r) => r.id))
        this.db.data.records = this.db.data.records.filter((r) => !ids.has(r.id))
        for (const id of ids) this.byId.delete(id)
        throw err
      }
      for (const doc of documents) {
        if (!fresh.some((r) => r.id === doc.record.id)) continue
        const body = bodyText(doc.text, doc.segments)
        this.bodies.set(doc.record.id, body)
        this.index.put(toIndexedDocument(this.byId.get(doc.record.id)!, body))
      }
      return fresh
    })
    if (added.length > 0)
      await this.queue.run(() => this.index.save(this.indexFile)).catch(() => undefined)
    return added
  }

  /** Fuzzy, prefix full-text search with snippets. An empty query finds nothing. */
  search(query: string, limit = 50): SearchHit[] {
    return this.index.search(query, limit)
  }

  /** Changes title/outlet/author/published/tags. Empty title or a non-date -> `invalid-argument`. */
  update(id: string, patch: DocumentPatch): Promise<DocumentRecord> {
    return this.mutate(async () => {
      const record = this.requireRecord(id)
      const next = applyPatch(record, patch)
      const stored = await this.blobs.readText(id).catch(() => null)
      if (stored) await this.blobs.writeText({ ...stored, record: next })
      this.replaceRecord(next)
      await this.db.write()
      this.index.put(toIndexedDocument(next, this.bodyOf(id) ?? ''))
      return next
    })
  }

  /**
   * Takes documents out of the list and the index at once. Their files stay until
   * `undoRemove(token)` brings them back or the next `open()` purges them. Unknown id ->
   * `not-found`, and nothing is removed.
   */
  remove(ids: readonly string[]): Promise<RemovalReceipt> {
    return this.mutate(async () => {
      const unique = [...new Set(ids)]
      const missing = unique.filter((id) => !this.byId.has(id))
      if (missing.length > 0) {
        throw new ParallaxError(
          'not-found',
          missing.length === 1
            ? 'that document is no longer in the library'
            : `${missing.length} of those documents are no longer in the library`,
        )
      }
      const removed = unique.map((id) => this.byId.get(id)!)
      const gone = new Set(unique)
      this.db.data.records = this.db.data.records.filter((r) => !gone.has(r.id))
      for (const id of unique) {
        this.byId.delete(id)
        this.index.remove(id)
      }
      const token = randomUUID()
      this.db.data.pendingRemovals.push({ token, ids: unique, removedAt: new Date().toISOString() })
      this.undoable.set(token, removed)
      await this.db.write()
      return { token, removed }
    })
  }

  /** Brings back the documents of a `remove()` in this session. Spent or unknown token -> `not-found`. */
  undoRemove(token: string): Promise<DocumentRecord[]> {
    return this.mutate(async () => {
      const removed = this.undoable.get(token)
      if (!removed) {
        throw new ParallaxError('not-found', 'there is nothing to undo: that deletion is final')
      }
      const restored: DocumentRecord[] = []
      for (const record of removed) {
        // Imported again since the deletion: already back, keep the newer record.
        if (this.byId.has(record.id)) continue
        this.db.data.records.push(record)
        this.byId.set(record.id, record)
        restored.push(record)
      }
      this.undoable.delete(token)
      this.db.data.pendingRemovals = this.db.data.pendingRemovals.filter((p) => p.token !== token)
      await this.db.write()
      for (const record of restored) {
        const body = await this.loadBody(record.id)
        this.index.put(toIndexedDocument(record, body ?? ''))
      }
      return restored
    })
  }

  /** The cached analysis of a document for one analyser version, or null (absent, stale, damaged). */
  async readAnalysis<T>(docId: string, analyserVersion: string): Promise<T | null> {
    const file = this.blobs.analysisPath(docId, analyserVersion)
    if (!this.byId.has(docId)) return null
    try {
      return JSON.parse(await readFile(file, 'utf8')) as T
    } catch {
      return null
    }
  }

  /** Caches an analysis (plain data) for a document and analyser version, atomically. */
  async writeAnalysis(docId: string, analyserVersion: string, value: unknown): Promise<void> {
    const file = this.blobs.analysisPath(docId, analyserVersion)
    this.requireRecord(docId)
    await writeFileAtomic(file, JSON.stringify(value))
  }

  /**
   * Waits for queued changes, saves the search index (so the next start need not rebuild it);
   * later mutations are refused. Call it before the app quits.
   */
  async close(): Promise<void> {
    this.isClosed = true
    await this.queue.idle()
    // A failed save only costs time: the next start re-indexes from the texts.
    await this.index.save(this.indexFile).catch(() => undefined)
    await this.lock.release()
  }

  // ---- internals -------------------------------------------------------------------------

  private mutate<T>(task: () => Promise<T>): Promise<T> {
    if (this.isClosed) {
      return Promise.reject(new ParallaxError('internal', 'the library has been closed'))
    }
    return this.queue.run(task)
  }

  private requireRecord(id: string): DocumentRecord {
    const record = this.byId.get(id)
    if (!record) throw new ParallaxError('not-found', 'that document is not in the library')
    return record
  }

  private replaceRecord(next: DocumentRecord): void {
    const i = this.db.data.records.findIndex((r) => r.id === next.id)
    if (i >= 0) this.db.data.records[i] = next
    this.byId.set(next.id, next)
  }

  /** Body text for snippets, synchronously: from memory, else from the text file. */
  private bodyOf(id: string): string | null {
    const cached = this.bodies.get(id)
    if (cached !== undefined) return cached
    try {
      const stored = this.blobs.readTextSync(id)
      const body = bodyText(stored.text, stored.segments)
      this.bodies.set(id, body)
      return body
    } catch {
      return null
    }
  }

  private async loadBody(id: string): Promise<string | null> {
    const cached = this.bodies.get(id)
    if (cached !== undefined) return cached
    try {
      const stored = await this.blobs.readText(id)
      const body = bodyText(stored.text, stored.segments)
      this.bodies.set(id, body)
      return body
    } catch {
      return null
    }
  }

  private async buildIndex(): Promise<void> {
    const { missingBodies } = await this.index.restore(this.indexFile, this.db.data.records, (id) =>
      this.loadBody(id),
    )
    if (missingBodies > 0) {
      this.notices.push(
        `${missingBodies} document${missingBodies === 1 ? ' has' : 's have'} no readable text in ` +
          'the library folder; they are listed but cannot be opened or searched.',
      )
    }
  }

  private get indexFile(): string {
    return path.join(this.options.dataDir, SEARCH_INDEX_FILE)
  }

  /** Deletes the files of documents removed in an earlier session and not brought back. */
  private async purgeRemoved(): Promise<void> {
    const pending = this.db.data.pendingRemovals
    if (pending.length === 0) return
    for (const removal of pending) {
      for (const id of removal.ids) {
        if (!this.byId.has(id)) await this.blobs.purge(id)
      }
    }
    this.db.data.pendingRemovals = []
    await this.db.write()
  }

  private async seedSamples(samplesDir: string): Promise<void> {
    const { samples, notice } = await readSampleList(samplesDir)
    if (notice) this.notices.push(notice)
    const sources = samples.map((s): ImportSource => ({
      file: s.file,
      bytes: () => readWithLimit(path.join(samplesDir, s.file), s.file),
      sample: s.metadata,
    }))
    const report = await this.importSources(sources, [])
    for (const r of report.results) {
      if (r.status === 'failed' && r.error) {
        this.notices.push(`The sample ${r.file} could not be added: ${r.error.message}`)
      }
    }
    await this.mutate(async () => {
      this.db.data.samplesSeeded = true
      await this.db.write()
    })
  }

  private async importSources(
    sources: readonly ImportSource[],
    early: readonly { position: number; result: ImportResult }[],
    onProgress?: ImportProgressListener,
  ): Promise<ImportReport> {
    const batchId = randomUUID()
    const total = sources.length + early.length
    const results: ImportResult[] = []
    const report = (result: ImportResult): void => {
      results.push(result)
      try {
        onProgress?.({ done: results.length, total, result })
      } catch {
        // A broken progress listener must not cost the researcher the rest of the batch.
      }
    }
    let nextEarly = 0
    const flushEarly = (): void => {
      while (nextEarly < early.length && early[nextEarly]!.position <= results.length) {
        report(early[nextEarly++]!.result)
      }
    }
    for (const source of sources) {
      flushEarly()
      let result: ImportResult
      try {
        result = await this.importOne(source)
      } catch (err) {
        result = failure(source.file, err)
      }
      report(result)
    }
    while (nextEarly < early.length) report(early[nextEarly++]!.result)
    if (results.some((r) => r.status === 'imported') && !this.isClosed) {
      // Saved after each batch so a crash costs at most one batch's re-indexing on the next
      // start (re-indexing everything takes ~10 s per 1,000 articles).
      await this.queue.run(() => this.index.save(this.indexFile)).catch(() => undefined)
    }
    return { batchId, results }
  }

  private async importOne(source: ImportSource): Promise<ImportResult> {
    if (this.isClosed) throw new ParallaxError('internal', 'the library has been closed')
    const { file } = source
    const bytes = await source.bytes()
    const id = sha256Hex(bytes)
    const known = this.byId.get(id)
    if (known) return { file, status: 'duplicate', record: known }

    // Extraction is the slow part and touches nothing shared, so it runs outside the queue.
    const extracted = await (this.options.extract ?? extractDocument)(bytes, file)
    return this.queue.run(async () => {
      const already = this.byId.get(id)
      if (already) return { file, status: 'duplicate', record: already }
      let record = buildRecord(id, file, bytes.byteLength, extracted)
      if (source.sample) {
        record = applySampleMetadata(record, source.sample)
      }
      // Blobs before the record: a crash can leave an orphan text, never a record without text.
      await this.blobs.writeOriginal(id, bytes)
      await this.blobs.writeText({ text: extracted.text, segments: extracted.segments, record })
      this.db.data.records.push(record)
      this.byId.set(id, record)
      try {
        await this.db.write()
      } catch (err) {
        this.db.data.records = this.db.data.records.filter((r) => r.id !== id)
        this.byId.delete(id)
        throw err
      }
      const body = bodyText(extracted.text, extracted.segments)
      this.bodies.set(id, body)
      this.index.put(toIndexedDocument(record, body))
      return { file, status: 'imported', record }
    })
  }
}

function isHiddenInsideFolder(name: string): boolean {
  const parts = name.split(/[\\/]/)
  return parts.length > 1 && parts.some((p) => p.startsWith('.') && p !== '.' && p !== '..')
}

function failure(file: string, err: unknown): ImportResult {
  return { file, status: 'failed', error: toErrorValue(err, file) }
}

function baseName(name: string): string {
  const parts = name.split(/[\\/]/)
  return (parts[parts.length - 1] ?? name).normalize('NFC')
}

function buildRecord(
  id: string,
  file: string,
  size: number,
  doc: ExtractedDocument,
): DocumentRecord {
  const fileName = baseName(file)
  const title = doc.title.trim() || fileName.replace(/\.[^.]+$/, '') || fileName
  return {
    id,
    title,
    outlet: doc.outlet,
    author: doc.author,
    published: doc.published !== null && isIsoDate(doc.published) ? doc.published : null,
    fileName,
    format: doc.format,
    encoding: doc.encoding,
    size,
    importedAt: new Date().toISOString(),
    tags: [],
    wordCount: countWords(bodyText(doc.text, doc.segments)),
    warnings: doc.warnings,
  }
}

/** samples.json fills in what the text does not say; fields it leaves null keep the extracted value. */
function applySampleMetadata(record: DocumentRecord, metadata: DocumentPatch): DocumentRecord {
  let next = record
  for (const [key, value] of Object.entries(metadata) as [keyof DocumentPatch, unknown][]) {
    if (value === null || value === undefined) continue
    try {
      next = applyPatch(next, { [key]: value })
    } catch {
      // A bad field in samples.json should not cost the sample; keep the extracted value.
    }
  }
  return { ...next, isSample: true }
}

async function readWithLimit(absolutePath: string, name: string): Promise<Uint8Array> {
  let size: number
  try {
    size = (await stat(absolutePath)).size
  } catch (err) {
    throw new ParallaxError('unreadable', `it cannot be read (${(err as Error).message})`, name)
  }
  // Refused before reading, so a huge file on disk never has to fit in memory.
  if (size > MAX_INPUT_BYTES) {
    const limit = Math.round(MAX_INPUT_BYTES / 1024 / 1024)
    throw new ParallaxError(
      'too-large',
      `the file is ${Math.round(size / 1024 / 1024)} MB; Parallax imports files up to ${limit} MB`,
      name,
    )
  }
  try {
    return await readFile(absolutePath)
  } catch (err) {
    throw new ParallaxError('unreadable', `it cannot be read (${(err as Error).message})`, name)
  }
}
