import { access, mkdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { ParallaxError } from '../../shared/errors'
import type { Project } from '../../shared/project'
import { writeFileAtomic } from './atomic-write'
import { History } from './history'
import {
  autosaveProject,
  createProject,
  discardRecovery,
  openProject,
  saveProject,
  type OpenedProject,
  type SaveOptions,
} from './project-file'
import { parseJsonSafely } from './safe-json'
import type { ActionEffect, ActionResult, AnnotationState } from './state'
import type { ProjectStatus } from '../../shared/api'

/** What the window title, the menu and the close dialog need to know (the contract's status). */
export type SessionStatus = Omit<ProjectStatus, 'codeCount' | 'comparisonCount' | 'notices'>

export interface SessionOptions {
  /** The user-data folder (recovery files, the recent-projects list). */
  dataDir: string
  /** How long after the last change the recovery file is written (default 5 s; 0 = at once). */
  autosaveDelayMs?: number
  /** Called after every change of status (dirty mark, undo labels, title). */
  onChange?: (status: SessionStatus) => void
  /** Test seam, passed to `saveProject` (see AtomicWriteOptions.beforeRename); the app never sets it. */
  beforeRename?: SaveOptions['beforeRename']
}

/** The fields of a project changed outside the undo history (documents, comparisons, notes…). */
export type ProjectPatch = Partial<
  Pick<Project, 'name' | 'documents' | 'comparisons' | 'lexicon' | 'notes'>
>

/**
 * The open project: the workbench's one place for New / Open / Save / Save As / Close, undo and
 * redo of annotation and codebook actions, the unsaved-changes mark, autosave to the recovery
 * file and the recent-projects list. It never asks the user anything: the caller checks
 * `status.isDirty` and asks before `newProject`, `open` or `close`.
 */
export class ProjectSession {
  private base: Project
  private path: string | null = null
  private history: History<AnnotationState>
  /** The annotation state and patch count at the last save, to tell whether anything changed. */
  private savedState: AnnotationState
  private patchesSinceSave = 0
  private timer: NodeJS.Timeout | null = null
  private pendingAutosave: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: SessionOptions) {
    this.base = createProject('Untitled project')
    this.history = new History<AnnotationState>(stateOf(this.base))
    this.savedState = this.history.current
  }

  /** The project as it is now (annotations and codebook from the undo history). */
  get project(): Project {
    const { annotations, codebook } = this.history.current
    return { ...this.base, annotations: [...annotations], codebook: [...codebook] }
  }

  get status(): SessionStatus {
    const isDirty = this.isDirty
    const name = this.base.name
    return {
      projectId: this.base.id,
      name,
      path: this.path,
      isDirty,
      windowTitle: `${isDirty ? '• ' : ''}${name}${this.path ? ` — ${basename(this.path)}` : ''}`,
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
      undoLabel: this.history.undoLabel,
      redoLabel: this.history.redoLabel,
      documentCount: this.base.documents.length,
      annotationCount: this.history.current.annotations.length,
    }
  }

  private get isDirty(): boolean {
    return this.patchesSinceSave > 0 || this.history.current !== this.savedState
  }

  /** Starts a new, empty (or given) project. The caller has asked about unsaved changes. */
  async newProject(nameOrProject: string | Project = 'Untitled project'): Promise<void> {
    await this.dropRecovery()
    const project = typeof nameOrProject === 'string' ? createProject(nameOrProject) : nameOrProject
    this.load(project, null)
    // A given project (the first-run sample) has never been saved: it counts as a change.
    if (typeof nameOrProject !== 'string') this.patchesSinceSave = 1
    this.changed(false)
  }

  /** Opens a project file (see `openProject`); adds it to the recent list. */
  async open(path: string): Promise<OpenedProject> {
    const opened = await openProject(path)
    await this.dropRecovery()
    this.load(opened.project, path)
    // A migrated project differs from its file until it is saved in the new format.
    if (opened.migratedFrom !== null) this.patchesSinceSave = 1
    await this.remember(path)
    this.changed(false)
    return opened
  }

  /** Opens what a crash left in a recovery file, as unsaved changes to its original file. */
  async openRecovered(recoveryPath: string): Promise<OpenedProject> {
    const opened = await openProject(recoveryPath)
    const { autosave, ...project } = opened.project
    this.load(project, autosave?.sourcePath ?? null)
    this.patchesSinceSave = 1
    this.changed(false)
    return { ...opened, project }
  }

  /** Runs an annotation or codebook action (from annotations.ts / codebook.ts) as one undo step. */
  apply(action: (state: AnnotationState) => ActionResult): ActionEffect {
    const result = action(this.history.current)
    this.history.record(result)
    this.changed(true)
    return result.effect
  }

  /** Undoes the last action; returns what was undone ("Merged …") or null. */
  undo(): string | null {
    const step = this.history.undo()
    if (step) this.changed(true)
    return step?.label ?? null
  }

  redo(): string | null {
    const step = this.history.redo()
    if (step) this.changed(true)
    return step?.label ?? null
  }

  /** Changes documents, comparisons, lexicon, notes or the name (not part of undo). */
  update(patch: ProjectPatch): void {
    this.base = { ...this.base, ...patch }
    this.patchesSinceSave++
    this.changed(true)
  }

  /**
   * Saves to `path` (Save As) or to the current file (Save). Throws `invalid-argument` when the
   * project has never been saved and no path is given, so the caller shows a save dialog.
   */
  async save(path?: string): Promise<void> {
    const target = path ?? this.path
    if (target === null) {
      throw new ParallaxError('invalid-argument', 'Choose where to save the project first.')
    }
    this.cancelAutosave()
    await this.pendingAutosave.catch(() => undefined)
    const state = this.history.current
    const patches = this.patchesSinceSave
    const saved = await saveProject(target, this.project, {
      dataDir: this.options.dataDir,
      ...(this.options.beforeRename ? { beforeRename: this.options.beforeRename } : {}),
    })
    this.base = { ...this.base, modified: saved.modified }
    this.path = target
    this.savedState = state
    this.patchesSinceSave -= patches
    await this.remember(target)
    this.changed(false)
  }

  /** Closes the project, dropping its recovery file. The caller has asked about unsaved changes. */
  async close(): Promise<void> {
    await this.dropRecovery()
    this.load(createProject('Untitled project'), null)
    this.changed(false)
  }

  /** Writes the recovery file now if a change is waiting for the autosave timer. */
  async flushAutosave(): Promise<void> {
    if (this.timer) {
      this.cancelAutosave()
      this.pendingAutosave = this.autosave()
    }
    await this.pendingAutosave
  }

  /** Stops the autosave timer (at quit, after a final flush). */
  dispose(): void {
    this.cancelAutosave()
  }

  private load(project: Project, path: string | null): void {
    this.cancelAutosave()
    this.base = project
    this.path = path
    this.history.reset(stateOf(project))
    this.savedState = this.history.current
    this.patchesSinceSave = 0
  }

  private changed(isEdit: boolean): void {
    if (isEdit) this.scheduleAutosave()
    this.options.onChange?.(this.status)
  }

  private scheduleAutosave(): void {
    this.cancelAutosave()
    const delay = this.options.autosaveDelayMs ?? 5000
    this.timer = setTimeout(() => {
      this.timer = null
      this.pendingAutosave = this.autosave()
    }, delay)
    // Autosave must never keep a CLI or test process alive.
    this.timer.unref()
  }

  private cancelAutosave(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private async autosave(): Promise<void> {
    if (!this.isDirty) return
    await autosaveProject(this.options.dataDir, this.project, this.path)
  }

  private async dropRecovery(): Promise<void> {
    this.cancelAutosave()
    await this.pendingAutosave.catch(() => undefined)
    await discardRecovery(this.options.dataDir, this.base.id)
  }

  private async remember(path: string): Promise<void> {
    await addRecentProject(this.options.dataDir, { path, name: this.base.name })
  }
}

/** An entry of File › Open Recent. */
export interface RecentProject {
  path: string
  name: string
  openedAt: string
  /** False when the file has moved or its drive is not mounted (shown greyed out). */
  exists: boolean
}

const RECENT_FILE = 'recent-projects.json'
const MAX_RECENT = 10

/** The recent-projects list, newest first. A damaged list reads as empty. */
export async function readRecentProjects(dataDir: string): Promise<RecentProject[]> {
  let entries: { path: string; name: string; openedAt: string }[] = []
  try {
    const data = parseJsonSafely(await readFile(join(dataDir, RECENT_FILE), 'utf8'))
    if (Array.isArray(data)) {
      entries = data.filter(
        (e): e is { path: string; name: string; openedAt: string } =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as Record<string, unknown>).path === 'string' &&
          typeof (e as Record<string, unknown>).name === 'string' &&
          typeof (e as Record<string, unknown>).openedAt === 'string',
      )
    }
  } catch {
    entries = []
  }
  return Promise.all(
    entries.slice(0, MAX_RECENT).map(async (e) => ({
      path: e.path,
      name: e.name,
      openedAt: e.openedAt,
      exists: await access(e.path).then(
        () => true,
        () => false,
      ),
    })),
  )
}

/** Puts a project at the top of the recent list. */
export async function addRecentProject(
  dataDir: string,
  entry: { path: string; name: string },
  now = new Date().toISOString(),
): Promise<void> {
  const current = await readRecentProjects(dataDir)
  const next = [
    { path: entry.path, name: entry.name, openedAt: now },
    ...current
      .filter((e) => e.path !== entry.path)
      .map(({ path, name, openedAt }) => ({ path, name, openedAt })),
  ].slice(0, MAX_RECENT)
  await mkdir(dataDir, { recursive: true })
  await writeFileAtomic(join(dataDir, RECENT_FILE), `${JSON.stringify(next, null, 1)}\n`)
}

function stateOf(project: Project): AnnotationState {
  return { annotations: project.annotations, codebook: project.codebook }
}
