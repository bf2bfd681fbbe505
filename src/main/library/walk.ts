import { opendir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { toErrorValue, ParallaxError, type ApiErrorValue } from '../../shared/errors'

/** One file found under the paths given to an import, or a path that could not be read. */
export type FoundFile =
  | { kind: 'file'; absolutePath: string; name: string }
  | { kind: 'unreadable'; name: string; error: ApiErrorValue }

/** Hidden files and folders (.git, .DS_Store, ._resource forks) are never documents. */
function isHidden(name: string): boolean {
  return name.startsWith('.')
}

/**
 * Expands files and folders into the files to import, in a stable (sorted) order. Folders are
 * walked recursively; symbolic links are followed but each real folder is visited once, so a
 * link loop ends. `name` is the path relative to the folder given (with `/`), or the base name
 * for a file given directly.
 */
export async function findFiles(paths: readonly string[]): Promise<FoundFile[]> {
  const found: FoundFile[] = []
  for (const given of paths) {
    let info
    try {
      info = await stat(given)
    } catch (err) {
      found.push(unreadableFile(given, err))
      continue
    }
    if (info.isDirectory()) {
      const visited = new Set<string>()
      await walkFolder(given, '', visited, found)
    } else if (info.isFile()) {
      found.push({ kind: 'file', absolutePath: given, name: path.basename(given) })
    } else {
      found.push(unreadableFile(path.basename(given), new Error('not a regular file')))
    }
  }
  return found
}

async function walkFolder(
  folder: string,
  relative: string,
  visited: Set<string>,
  found: FoundFile[],
): Promise<void> {
  let real: string
  try {
    real = await realpath(folder)
  } catch (err) {
    found.push(unreadableFile(relative || path.basename(folder), err))
    return
  }
  if (visited.has(real)) return
  visited.add(real)

  let names: string[]
  try {
    names = []
    for await (const entry of await opendir(folder)) names.push(entry.name)
  } catch (err) {
    found.push(unreadableFile(relative || path.basename(folder), err))
    return
  }
  names.sort((a, b) => a.localeCompare(b))

  for (const name of names) {
    if (isHidden(name)) continue
    const absolute = path.join(folder, name)
    const rel = relative ? `${relative}/${name}` : name
    let info
    try {
      // stat, not lstat: links to files are imported, links to folders walked (once).
      info = await stat(absolute)
    } catch (err) {
      found.push(unreadableFile(rel, err))
      continue
    }
    if (info.isDirectory()) await walkFolder(absolute, rel, visited, found)
    else if (info.isFile()) found.push({ kind: 'file', absolutePath: absolute, name: rel })
  }
}

/** A path that could not be read, as an import result the researcher understands. */
export function unreadableFile(name: string, err: unknown): FoundFile {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  const reason =
    code === 'ENOENT'
      ? 'the file or folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ELOOP'
          ? 'too many symbolic links'
          : `it cannot be read (${err instanceof Error ? err.message : String(err)})`
  return {
    kind: 'unreadable',
    name,
    error: toErrorValue(new ParallaxError('unreadable', reason, name)),
  }
}
