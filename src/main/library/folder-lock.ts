import { readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ParallaxError } from '../../shared/errors'
import { isProcessRunning } from '../process-alive'

/** The lock file's name inside the data folder. */
export const LOCK_FILE = 'parallax.lock'

/** Who holds the data folder: written into the lock file, shown to whoever is refused. */
interface Holder {
  pid: number
  /** "the Parallax app", "the Parallax command line"… */
  who: string
  since: string
}

/** A held lock on one data folder. */
export interface FolderLock {
  readonly path: string
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>
}

/**
 * Takes the data folder for this process, so the app and the command line never write the same
 * library at once (each keeps its records in memory; the later write would drop the other's).
 * A lock left by a process that no longer runs (a crash) is taken over. The same process may
 * open the folder again (the app reopening its library).
 */
export async function lockDataFolder(dataDir: string, who: string): Promise<FolderLock> {
  const path = join(dataDir, LOCK_FILE)
  const mine: Holder = { pid: process.pid, who, since: new Date().toISOString() }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(path, JSON.stringify(mine) + '\n', { flag: 'wx' })
      return lockAt(path)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ParallaxError(
          'unreadable',
          `the library folder cannot be written (${(err as Error).message})`,
          dataDir,
        )
      }
    }
    const holder = await readHolder(path)
    if (holder && holder.pid === process.pid) return lockAt(path)
    if (holder && isProcessRunning(holder.pid)) {
      throw new ParallaxError(
        'in-use',
        `${holder.who} (process ${holder.pid}${since(holder)}) is using this library folder. ` +
          `Close it first, or use another folder with --data-dir. If no Parallax is running, delete ${path}.`,
        dataDir,
      )
    }
    // Left behind by a process that is gone (or unreadable half-written): take it over. Two
    // processes racing here both unlink, and only one of them wins the exclusive create above.
    await unlink(path).catch(() => undefined)
  }
  throw new ParallaxError('in-use', 'another process keeps taking this library folder', dataDir)
}

function since(holder: Holder): string {
  const at = holder.since.slice(0, 16).replace('T', ' ')
  return /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(at) ? `, since ${at} UTC` : ''
}

function lockAt(path: string): FolderLock {
  let released = false
  return {
    path,
    async release() {
      if (released) return
      released = true
      const holder = await readHolder(path)
      if (holder?.pid === process.pid) await unlink(path).catch(() => undefined)
    },
  }
}

async function readHolder(path: string): Promise<Holder | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return null
    return {
      pid: value.pid,
      who: typeof value.who === 'string' ? value.who : 'another Parallax process',
      since: typeof value.since === 'string' ? value.since : '',
    }
  } catch {
    return null
  }
}
