import { randomBytes } from 'node:crypto'
import { copyFile, link, open, readdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { isProcessRunning } from '../process-alive'

export interface AtomicWriteOptions {
  /** Keep the file being replaced at this path (the `.bak` of a project). */
  backupPath?: string
  /**
   * Runs after the temp file is written and flushed, before the rename. For crash tests (a child
   * process is killed here) and for tools that want to inspect the temp file.
   */
  beforeRename?: (tempPath: string) => Promise<void> | void
}

/**
 * Replaces `path` with `data` so that a crash at any moment leaves either the old file or the new
 * one, never a mix. Like lowdb's steno: write a temp file beside the target, then rename over it
 * (rename is atomic within a folder). Done here rather than with steno because steno does not
 * fsync (after a power cut the renamed file can be empty), has no hook between write and rename
 * for crash tests, and cannot keep the previous version as a backup.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path)
  // A unique temp name: two windows saving the same file must not write into one temp file.
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const handle = await open(temp, 'wx', 0o644)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } catch (err) {
    await handle.close().catch(() => undefined)
    await rm(temp, { force: true })
    throw err
  }
  await handle.close()
  try {
    if (options.beforeRename) await options.beforeRename(temp)
    if (options.backupPath) await keepBackup(path, options.backupPath)
    await rename(temp, path)
  } catch (err) {
    await rm(temp, { force: true })
    throw err
  }
  await syncDir(dir)
  await removeStaleTemps(path)
}

/**
 * Removes temp files of this target left by processes that died between writing and renaming
 * (a crash mid-save). Temps of live processes are theirs to finish; errors only cost disk space.
 */
async function removeStaleTemps(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`
  let names: string[]
  try {
    names = await readdir(dirname(path))
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue
    const m = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length))
    if (!m) continue
    const pid = Number(m[1])
    if (pid === process.pid || isProcessRunning(pid)) continue
    await rm(join(dirname(path), name), { force: true }).catch(() => undefined)
  }
}

/** Points `backupPath` at the current file before it is replaced (hard link; copy if linking fails). */
async function keepBackup(path: string, backupPath: string): Promise<void> {
  await rm(backupPath, { force: true })
  try {
    // A hard link costs nothing and, after the rename, still names the old content.
    await link(path, backupPath)
  } catch (err) {
    if (isNotFound(err)) return
    // FAT, some network shares: no hard links.
    try {
      await copyFile(path, backupPath)
    } catch (copyErr) {
      if (!isNotFound(copyErr)) throw copyErr
    }
  }
}

/** Makes the rename itself durable where the platform allows it (not on Windows). */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  try {
    const h = await open(dir, 'r')
    try {
      await h.sync()
    } finally {
      await h.close()
    }
  } catch {
    // Some file systems refuse fsync on folders; the data itself is already flushed.
  }
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ENOENT'
}
