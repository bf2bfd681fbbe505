import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { ParallaxError } from '../../shared/errors'
import { SchemaError } from '../../shared/validate'
import {
  PROJECT_FORMAT,
  PROJECT_SCHEMA_VERSION,
  projectSchema,
  type Project,
  type ProjectDocument,
} from '../../shared/project'
import { writeFileAtomic, type AtomicWriteOptions } from './atomic-write'
import { migrate, OLDEST_SCHEMA_VERSION } from './migrations/index'
import { parseProjectPart } from './project-errors'
import { parseJsonSafely } from './safe-json'

/** Project files larger than this are refused before they are read (512 MiB). */
export const MAX_PROJECT_BYTES = 512 * 1024 * 1024

/** A project read from disk, with what had to be done to it. */
export interface OpenedProject {
  project: Project
  /** The schema version the file had when it was older than the app's, else null. */
  migratedFrom: number | null
  /** The migration steps applied, in words. */
  migrations: string[]
  /** Problems that did not stop the open ("2 annotations point at a missing document"). */
  warnings: string[]
}

/**
 * Writes to one path run one after another, in call order, so an autosave that started first can
 * never land after a later one, and a recovery file discarded after a save is not re-created by an
 * autosave still in flight (steno's habit of queueing writes per file).
 */
const queues = new Map<string, Promise<unknown>>()
async function serialized<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(path) ?? Promise.resolve()
  const run = previous.catch(() => undefined).then(fn)
  queues.set(path, run)
  try {
    return await run
  } finally {
    if (queues.get(path) === run) queues.delete(path)
  }
}

/** A new, empty project. */
export function createProject(name: string, now = new Date().toISOString()): Project {
  return {
    format: PROJECT_FORMAT,
    schemaVersion: PROJECT_SCHEMA_VERSION,
    id: randomUUID(),
    name,
    created: now,
    modified: now,
    documents: [],
    annotations: [],
    codebook: [],
    comparisons: [],
    lexicon: [],
    notes: [],
  }
}

/** The text written to disk. Indented like lowdb's JSONFile, so a file can be read and diffed. */
export function serializeProject(project: Project): string {
  return `${JSON.stringify(project, null, 1)}\n`
}

/**
 * Turns a file's text into a current-version project: safe JSON parse (prototype keys dropped),
 * format id, schema version (an integer, not newer than the app's), migration of older versions
 * in memory, then a full schema check that names the first bad field. Throws ParallaxError with
 * `fileName`.
 */
export function parseProject(text: string, fileName: string): OpenedProject {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (body.trim().length === 0) {
    throw new ParallaxError('invalid-project', 'This project file is empty.', fileName)
  }
  let data: unknown
  try {
    data = parseJsonSafely(body)
  } catch {
    throw new ParallaxError(
      'invalid-project',
      'This project file is damaged or incomplete (it is not valid JSON; it may have been cut off while copying).',
      fileName,
    )
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw notAProject(fileName)
  }
  const record = data as Record<string, unknown>
  if (record.format !== PROJECT_FORMAT) throw notAProject(fileName)
  const version = record.schemaVersion
  if (version === undefined) {
    throw new ParallaxError(
      'invalid-project',
      'This project file is damaged: the field “schemaVersion” is missing.',
      fileName,
    )
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ParallaxError(
      'invalid-project',
      `This project file is damaged: the field “schemaVersion” should be a whole number, not ${JSON.stringify(version).slice(0, 40)}.`,
      fileName,
    )
  }
  if (version > PROJECT_SCHEMA_VERSION) {
    throw new ParallaxError(
      'newer-version',
      `This project was saved by a newer version of Parallax (project format ${version}; this version reads up to ${PROJECT_SCHEMA_VERSION}). Update Parallax to open it.`,
      fileName,
    )
  }
  if (version < OLDEST_SCHEMA_VERSION) {
    throw new ParallaxError(
      'invalid-project',
      `This project uses schema version ${version}, which this version of Parallax cannot read.`,
      fileName,
    )
  }
  const { data: current, applied } = migrate(record, version, fileName)
  const project = parseProjectPart(projectSchema, current, fileName)
  return {
    project,
    migratedFrom: applied.length > 0 ? version : null,
    migrations: applied.map((m) => `version ${m.from} → ${m.to}: ${m.description}`),
    warnings: checkReferences(project),
  }
}

/**
 * Opens a project file. Read-only: a failed open (or a migration) never changes the file; the
 * migrated project reaches disk only when the researcher saves it (the old file then stays as
 * the `.bak`). Documents are returned inside the project; `documentsMissingFrom` tells the caller
 * which ones to add to the library.
 */
export async function openProject(
  path: string,
  options: { maxBytes?: number } = {},
): Promise<OpenedProject> {
  const fileName = basename(path)
  const maxBytes = options.maxBytes ?? MAX_PROJECT_BYTES
  let size: number
  try {
    const s = await stat(path)
    if (!s.isFile())
      throw new ParallaxError('unreadable', 'This is a folder, not a project file.', fileName)
    size = s.size
  } catch (err) {
    throw fileError(err, fileName)
  }
  if (size > maxBytes) {
    throw new ParallaxError(
      'too-large',
      `This project file is ${formatMiB(size)}; Parallax opens project files up to ${formatMiB(maxBytes)}.`,
      fileName,
    )
  }
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw fileError(err, fileName)
  }
  return parseProject(text, fileName)
}

export interface SaveOptions {
  /** The user-data folder; after a clean save the project's recovery file there is removed. */
  dataDir?: string
  /** Stamped as `modified`; defaults to now. */
  now?: string
  /** See AtomicWriteOptions.beforeRename (crash tests). */
  beforeRename?: AtomicWriteOptions['beforeRename']
}

/**
 * Saves a project atomically (temp file + fsync + rename), keeping the file it replaces as
 * `<path>.bak`. Save-as is the same call with another path. Returns the project as saved.
 */
export async function saveProject(
  path: string,
  project: Project,
  options: SaveOptions = {},
): Promise<Project> {
  const { autosave: _autosave, ...rest } = project
  const saved = canonical({ ...rest, modified: options.now ?? new Date().toISOString() }, path)
  try {
    const text = serializeProject(saved)
    await serialized(path, () =>
      writeFileAtomic(path, text, {
        backupPath: backupPathFor(path),
        ...(options.beforeRename ? { beforeRename: options.beforeRename } : {}),
      }),
    )
  } catch (err) {
    throw fileError(err, basename(path))
  }
  if (options.dataDir !== undefined) await discardRecovery(options.dataDir, project.id)
  return saved
}

/**
 * The project checked and rebuilt in schema order: nothing invalid is ever written (it could not
 * be opened again), and the same project always serialises to the same bytes.
 */
function canonical(project: Project, path: string): Project {
  try {
    return projectSchema.parse(project)
  } catch (err) {
    if (err instanceof SchemaError) {
      throw new ParallaxError(
        'invalid-argument',
        `The project was not saved: its field “${err.path}” should be ${err.expected}.`,
        basename(path),
      )
    }
    throw err
  }
}

/** `<name>.parallax` → `<name>.parallax.bak`. */
export function backupPathFor(path: string): string {
  return `${path}.bak`
}

/** Where the recovery copy of a project lives: `<dataDir>/recovery/<project-id>.parallax`. */
export function recoveryPathFor(dataDir: string, projectId: string): string {
  // The id comes from a file someone sent: never let it name a path outside the folder.
  const safe = /^[A-Za-z0-9_-]{1,100}$/.test(projectId)
    ? projectId
    : createHash('sha256').update(projectId).digest('hex').slice(0, 32)
  return join(dataDir, 'recovery', `${safe}.parallax`)
}

/**
 * Writes the unsaved state of a project to its recovery file (atomically, so a crash during
 * autosave cannot destroy the previous autosave). `sourcePath` is the project's own file, or null
 * for a project never saved. Returns the recovery file's path.
 */
export async function autosaveProject(
  dataDir: string,
  project: Project,
  sourcePath: string | null,
  now = new Date().toISOString(),
): Promise<string> {
  const path = recoveryPathFor(dataDir, project.id)
  const copy = canonical({ ...project, autosave: { sourcePath, autosavedAt: now } }, path)
  const text = serializeProject(copy)
  // Queued before the first await, so the queue order is the call order.
  await serialized(path, async () => {
    await mkdir(join(dataDir, 'recovery'), { recursive: true })
    await writeFileAtomic(path, text)
  })
  return path
}

/** Removes a project's recovery file (after a clean save, or when closing without saving). */
export async function discardRecovery(dataDir: string, projectId: string): Promise<void> {
  const path = recoveryPathFor(dataDir, projectId)
  await serialized(path, () => rm(path, { force: true }))
}

/** A project the next start can offer to recover. */
export interface RecoverableProject {
  recoveryPath: string
  projectId: string
  name: string
  /** The file the work belongs to, or null for a never-saved project. */
  sourcePath: string | null
  autosavedAt: string
  documentCount: number
  annotationCount: number
}

/**
 * Recovery files left by a crash (a clean save or close removes them), newest first. Files that
 * cannot be read are skipped: recovery must never stop the app from starting.
 */
export async function findRecoverable(dataDir: string): Promise<RecoverableProject[]> {
  const dir = join(dataDir, 'recovery')
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const found: RecoverableProject[] = []
  for (const name of names) {
    if (!name.endsWith('.parallax') || name.startsWith('.')) continue
    const recoveryPath = join(dir, name)
    try {
      const { project } = await openProject(recoveryPath)
      found.push({
        recoveryPath,
        projectId: project.id,
        name: project.name,
        sourcePath: project.autosave?.sourcePath ?? null,
        autosavedAt: project.autosave?.autosavedAt ?? project.modified,
        documentCount: project.documents.length,
        annotationCount: project.annotations.length,
      })
    } catch {
      continue
    }
  }
  return found.sort((a, b) => (a.autosavedAt < b.autosavedAt ? 1 : -1))
}

/** Opens a recovery file as the project it autosaved (the autosave stamp removed). */
export async function openRecovery(recoveryPath: string): Promise<OpenedProject> {
  const opened = await openProject(recoveryPath)
  const { autosave: _autosave, ...project } = opened.project
  return { ...opened, project }
}

/** The project's documents that the library does not have yet (to be added by the caller). */
export function documentsMissingFrom(
  project: Project,
  libraryIds: ReadonlySet<string>,
): ProjectDocument[] {
  return project.documents.filter((d) => !libraryIds.has(d.record.id))
}

/** Cross-references the schema cannot see; reported, not fatal (the work is still there). */
function checkReferences(project: Project): string[] {
  const warnings: string[] = []
  const docs = new Map(project.documents.map((d) => [d.record.id, d.text.length]))
  const codes = new Set(project.codebook.map((c) => c.id))
  const annotationIds = new Set(project.annotations.map((a) => a.id))
  let missingDoc = 0
  let outOfRange = 0
  let unknownCode = 0
  let brokenLinks = 0
  for (const a of project.annotations) {
    const length = docs.get(a.target.docId)
    if (length === undefined) missingDoc++
    else if (a.target.end > length) outOfRange++
    if (a.code !== undefined && !codes.has(a.code)) unknownCode++
    brokenLinks += a.links.filter((l) => !annotationIds.has(l.to)).length
  }
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`
  if (missingDoc)
    warnings.push(`${n(missingDoc, 'annotation')} point at a document not in the project.`)
  if (outOfRange)
    warnings.push(`${n(outOfRange, 'annotation')} reach past the end of their document.`)
  if (unknownCode) warnings.push(`${n(unknownCode, 'annotation')} use a code not in the codebook.`)
  if (brokenLinks) warnings.push(`${n(brokenLinks, 'link')} point at a missing annotation.`)
  if (new Set(project.documents.map((d) => d.record.id)).size !== project.documents.length) {
    warnings.push('The project lists a document twice.')
  }
  return warnings
}

function notAProject(fileName: string): ParallaxError {
  return new ParallaxError(
    'invalid-project',
    'This is not a Parallax project file (its format id is not “parallax-project”).',
    fileName,
  )
}

function fileError(err: unknown, fileName: string): ParallaxError {
  if (err instanceof ParallaxError) return err
  const code = (err as { code?: unknown } | null)?.code
  if (code === 'ENOENT')
    return new ParallaxError('not-found', 'The project file does not exist.', fileName)
  if (code === 'EACCES' || code === 'EPERM') {
    return new ParallaxError('unreadable', 'Parallax has no permission to use this file.', fileName)
  }
  if (code === 'ENOSPC') return new ParallaxError('unreadable', 'The disk is full.', fileName)
  const message = err instanceof Error ? err.message : String(err)
  return new ParallaxError('unreadable', `The project file could not be used: ${message}`, fileName)
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`
}

/**
 * The first-run project: the given documents (the two sample articles) with one comparison of
 * all of them, so a new user opens straight onto a side-by-side view.
 */
export function createSampleProject(
  documents: readonly ProjectDocument[],
  name = 'Sample: Iran’s casualties in Syria',
  now = new Date().toISOString(),
): Project {
  const project = createProject(name, now)
  return {
    ...project,
    documents: [...documents],
    comparisons: [
      {
        id: 'sample-comparison',
        name: 'The two reports side by side',
        docIds: documents.map((d) => d.record.id),
        view: {},
        created: now,
        modified: now,
      },
    ],
  }
}
