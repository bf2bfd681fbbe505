import type { DroppedFile } from '../../../shared/api'

/**
 * The parts of the File and Directory Entries API a drop uses. Declared here (rather than using
 * the DOM's FileSystemEntry) so the walk can be tested with plain objects.
 */
export interface DropEntry {
  isFile: boolean
  isDirectory: boolean
  name: string
  file?: (ok: (f: File) => void, fail: (e: unknown) => void) => void
  createReader?: () => {
    readEntries: (ok: (entries: DropEntry[]) => void, fail: (e: unknown) => void) => void
  }
}

/** What a drop handler must grab synchronously: the DataTransfer is emptied once it returns. */
export interface DropSnapshot {
  entries: DropEntry[]
  /** Files that came without an entry (synthetic drops, some platforms). */
  looseFiles: File[]
}

/** Takes what a drop carries before the event handler returns. */
export function snapshotDrop(dt: DataTransfer): DropSnapshot {
  const entries: DropEntry[] = []
  const looseFiles: File[] = []
  const items = dt.items ? [...dt.items] : []
  for (const item of items) {
    if (item.kind !== 'file') continue
    const entry = item.webkitGetAsEntry?.() as DropEntry | null | undefined
    if (entry) entries.push(entry)
    else {
      const f = item.getAsFile()
      if (f) looseFiles.push(f)
    }
  }
  if (items.length === 0) looseFiles.push(...Array.from(dt.files))
  return { entries, looseFiles }
}

function readAllEntries(entry: DropEntry): Promise<DropEntry[]> {
  const reader = entry.createReader?.()
  if (!reader) return Promise.resolve([])
  const all: DropEntry[] = []
  // readEntries hands back at most ~100 entries per call; keep calling until it returns none.
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all)
        else {
          all.push(...batch)
          next()
        }
      }, reject)
    next()
  })
}

function entryFile(entry: DropEntry): Promise<File> {
  return new Promise((resolve, reject) => {
    if (!entry.file) reject(new Error(`${entry.name} is not a file`))
    else entry.file(resolve, reject)
  })
}

/** A file found in a drop with its name relative to the drop (folder/sub/file.pdf). */
export interface FoundFile {
  name: string
  file: File
}

/** Walks dropped folders recursively; names are paths relative to the dropped item. */
export async function walkDrop(snapshot: DropSnapshot): Promise<FoundFile[]> {
  const found: FoundFile[] = snapshot.looseFiles.map((file) => ({ name: file.name, file }))
  const visit = async (entry: DropEntry, prefix: string): Promise<void> => {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isFile) {
      found.push({ name, file: await entryFile(entry) })
    } else if (entry.isDirectory) {
      const children = await readAllEntries(entry)
      children.sort((a, b) => a.name.localeCompare(b.name))
      for (const child of children) await visit(child, name)
    }
  }
  for (const entry of snapshot.entries) await visit(entry, '')
  return found
}

/** Reads the found files as bytes for `api.library.importFiles`. */
export async function readDropped(found: readonly FoundFile[]): Promise<DroppedFile[]> {
  return Promise.all(
    found.map(async ({ name, file }) => ({
      name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    })),
  )
}
