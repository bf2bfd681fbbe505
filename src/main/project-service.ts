/**
 * The open project inside the workbench: New / Open / Save / Save As / Close with the
 * unsaved-changes question, recent projects, crash recovery, undo/redo of annotation and
 * codebook actions, the comparisons and lexicon the project holds, and exports. Plain Node: the
 * questions and file choices go through the `ProjectDialogs` port.
 */

import { randomUUID } from 'node:crypto'
import { userInfo } from 'node:os'
import { basename, extname } from 'node:path'
import type {
  ActionOutcome,
  ApiCalls,
  ApiChannel,
  ApiEvent,
  ComparisonDraft,
  ExportKind,
  ProjectStatus,
} from '../shared/api'
import type { DocumentAnalysis } from '../shared/analysis'
import type { Annotation } from '../shared/annotation'
import type { Comparison } from '../shared/compare'
import { ParallaxError } from '../shared/errors'
import type { LexiconEntry, LexiconKind } from '../shared/lexicon'
import {
  PROJECT_EXTENSION,
  type ComparisonSetup,
  type Project,
  type ProjectDocument,
} from '../shared/project'
import type { Library } from './library/index'
import {
  addAnnotation,
  annotationsCsv,
  createCode,
  createSampleProject,
  deleteCode,
  discardRecovery,
  documentsMissingFrom,
  figuresCsv,
  filterAnnotations,
  findRecoverable,
  htmlReport,
  linkAnnotations,
  makeTarget,
  markdownReport,
  mergeCodes,
  moveCode,
  openProject,
  ProjectSession,
  readRecentProjects,
  refiQdaCodebook,
  removeAnnotations,
  renameCode,
  reviewMachineAnnotation,
  unlinkAnnotations,
  updateAnnotation,
  webAnnotationJson,
  type ActionEffect,
  type ActionResult,
  type AnnotationState,
  type OpenedProject,
  type SessionOptions,
} from './project/index'
import { writeFileAtomic } from './project/atomic-write'

/** The answer to "Save changes to …?". */
export type UnsavedAnswer = 'save' | 'discard' | 'cancel'

/** What the project service asks the shell (native dialogs) or a test (stubs). */
export interface ProjectDialogs {
  /** A `.parallax` file to open; null when cancelled. */
  chooseProjectToOpen(): Promise<string | null>
  /** Where to save the project or an export; null when cancelled. */
  chooseSavePath(purpose: 'project' | ExportKind, suggestedName: string): Promise<string | null>
  /** Asked before the open project with unsaved changes is replaced or closed. */
  confirmUnsaved(projectName: string): Promise<UnsavedAnswer>
}

export interface ProjectServiceOptions {
  dataDir: string
  library: Library
  dialogs?: ProjectDialogs | undefined
  emit: (event: ApiEvent) => void
  /** The documents' analyses as the researcher sees them (entity edits applied). */
  analysis: (docId: string) => Promise<DocumentAnalysis>
  /** A comparison of library documents, reviews applied. */
  compare: (ids: string[]) => Promise<Comparison>
  /** How long after a change the recovery file is written (the session's default when unset). */
  autosaveDelayMs?: number
  /** Who annotations are by; defaults to the system user name. */
  author?: string
  /**
   * Test seam: runs after a project save has written its temp file, before the rename (see
   * AtomicWriteOptions.beforeRename). The crash e2e story stops the process here; the app never
   * sets it.
   */
  beforeRename?: SessionOptions['beforeRename']
}

/** The channels this service answers. */
export const PROJECT_CHANNELS = [
  'project.status',
  'project.new',
  'project.open',
  'project.openRecent',
  'project.save',
  'project.saveAs',
  'project.close',
  'project.recent',
  'project.recoverable',
  'project.recover',
  'project.discardRecovery',
  'history.undo',
  'history.redo',
  'annotations.list',
  'annotations.add',
  'annotations.update',
  'annotations.remove',
  'annotations.review',
  'annotations.link',
  'annotations.unlink',
  'codebook.list',
  'codebook.create',
  'codebook.rename',
  'codebook.move',
  'codebook.merge',
  'codebook.delete',
  'codebook.preview',
  'export.run',
  'lexicon.list',
  'lexicon.add',
  'lexicon.remove',
  'comparisons.list',
  'comparisons.save',
  'comparisons.remove',
] as const satisfies readonly ApiChannel[]

export type ProjectChannel = (typeof PROJECT_CHANNELS)[number]
export type ProjectHandlers = {
  [K in ProjectChannel]: (...args: ApiCalls[K]['args']) => Promise<ApiCalls[K]['result']>
}

const EXPORTS: Record<ExportKind, { extension: string; suffix: string }> = {
  'report-html': { extension: 'html', suffix: 'report' },
  'report-md': { extension: 'md', suffix: 'report' },
  'figures-csv': { extension: 'csv', suffix: 'figures' },
  'annotations-csv': { extension: 'csv', suffix: 'annotations' },
  'web-annotation': { extension: 'jsonld', suffix: 'annotations' },
  'refi-qdc': { extension: 'qdc', suffix: 'codebook' },
}

const SAMPLE_COMPARISON_NAME = 'Sample: two reports of Iran’s losses in Syria'

export class ProjectService {
  readonly session: ProjectSession
  private notices: string[] = []
  private readonly author: string
  /**
   * The first-run sample as it came: the session counts a given project as unsaved, but closing
   * an untouched sample must not ask. Any change of the session ends this.
   */
  private isPristineSample = false

  constructor(private readonly options: ProjectServiceOptions) {
    this.author = options.author ?? safeUserName()
    this.session = new ProjectSession({
      dataDir: options.dataDir,
      ...(options.autosaveDelayMs !== undefined
        ? { autosaveDelayMs: options.autosaveDelayMs }
        : {}),
      onChange: () => {
        this.isPristineSample = false
        options.emit({ type: 'project.changed', status: this.status() })
      },
      ...(options.beforeRename ? { beforeRename: options.beforeRename } : {}),
    })
  }

  /**
   * What the app opens at start: the last project; the sample project on a first run (or when
   * the last project's file is gone, with a notice). When a crash left recovery files, a project
   * they belong to is not opened (its next autosave would overwrite what can be recovered): the
   * renderer offers Recover / Discard instead.
   */
  async start(): Promise<void> {
    const [recent, recoverable] = await Promise.all([
      readRecentProjects(this.options.dataDir),
      findRecoverable(this.options.dataDir),
    ])
    const last = recent[0]
    if (last && last.exists) {
      try {
        const opened = await openProject(last.path)
        if (recoverable.some((r) => r.projectId === opened.project.id)) {
          await this.session.newProject('Untitled project')
          return
        }
        await this.loadOpened(() => this.session.open(last.path))
        return
      } catch (err) {
        this.notices.push(
          `The last project, “${last.name}”, could not be opened: ${messageOf(err)}`,
        )
      }
    } else if (last) {
      this.notices.push(
        `The last project, “${last.name}”, is no longer at ${last.path}. The sample project is open instead.`,
      )
    }
    if (recoverable.length > 0 && !last) {
      await this.session.newProject('Untitled project')
      return
    }
    await this.openSample()
  }

  /** The first-run project: the sample articles of the library, compared. */
  private async openSample(): Promise<void> {
    // Oldest sample first in the library list order reversed, as the comparison always showed them.
    const samples = this.options.library
      .list()
      .filter((r) => r.isSample)
      .reverse()
    const documents: ProjectDocument[] = []
    for (const r of samples) {
      try {
        documents.push(await this.options.library.get(r.id))
      } catch {
        // A sample whose text is unreadable is left out; the project still opens.
      }
    }
    if (documents.length === 0) {
      await this.session.newProject('Untitled project')
      return
    }
    const sample = createSampleProject(documents)
    await this.session.newProject({
      ...sample,
      // The name the sample comparison has always had in the comparison list.
      comparisons: sample.comparisons.map((c) => ({ ...c, name: SAMPLE_COMPARISON_NAME })),
    })
    this.isPristineSample = true
  }

  status(): ProjectStatus {
    const s = this.session.status
    const p = this.session.project
    const isDirty = s.isDirty && !this.isPristineSample
    return {
      projectId: s.projectId,
      name: s.name,
      path: s.path,
      isDirty,
      windowTitle: isDirty ? s.windowTitle : s.windowTitle.replace(/^• /, ''),
      canUndo: s.canUndo,
      canRedo: s.canRedo,
      undoLabel: s.undoLabel,
      redoLabel: s.redoLabel,
      documentCount: s.documentCount,
      annotationCount: s.annotationCount,
      codeCount: p.codebook.length,
      comparisonCount: p.comparisons.length,
      notices: [...this.notices],
    }
  }

  get lexicon(): LexiconEntry[] {
    return this.session.project.lexicon
  }

  get annotations(): readonly Annotation[] {
    return this.session.project.annotations
  }

  /**
   * Asks about unsaved changes when there are any. Returns false when the researcher cancels
   * (or picks Save and then cancels the save dialog): the caller must then change nothing.
   */
  async confirmDiscardOrSave(): Promise<boolean> {
    if (!this.status().isDirty) return true
    const dialogs = this.requireDialogs()
    const answer = await dialogs.confirmUnsaved(this.session.status.name)
    if (answer === 'cancel') return false
    if (answer === 'discard') return true
    return (await this.save(false)) !== null
  }

  /** Closes the project without asking: the window already asked and the answer was Don't Save. */
  async discardAndClose(): Promise<void> {
    this.notices = []
    await this.session.close()
    this.projectReplaced()
  }

  /** Writes the recovery file now (before quit). */
  flushAutosave(): Promise<void> {
    return this.session.flushAutosave()
  }

  dispose(): void {
    this.session.dispose()
  }

  handlers(): ProjectHandlers {
    const act = (action: (state: AnnotationState) => ActionResult): ActionOutcome => {
      const effect = this.session.apply(action)
      this.annotationsChanged()
      return outcome(effect)
    }
    const annotation = (id: string): Annotation => {
      const found = this.session.project.annotations.find((a) => a.id === id)
      if (!found) throw new ParallaxError('not-found', 'That annotation no longer exists.')
      return found
    }
    return {
      'project.status': async () => this.status(),
      'project.new': async () => {
        if (!(await this.confirmDiscardOrSave())) return null
        this.notices = []
        await this.session.newProject('Untitled project')
        this.projectReplaced()
        return this.status()
      },
      'project.open': async () => {
        const path = await this.requireDialogs().chooseProjectToOpen()
        if (path === null) return null
        return this.openPath(path)
      },
      'project.openRecent': async (path) => {
        const recent = await readRecentProjects(this.options.dataDir)
        // Only what the app itself put on the list: the renderer never names arbitrary files.
        if (!recent.some((r) => r.path === path)) {
          throw new ParallaxError('not-found', 'That project is not in the recent list.')
        }
        return this.openPath(path)
      },
      'project.save': () => this.save(false),
      'project.saveAs': () => this.save(true),
      'project.close': async () => {
        if (!(await this.confirmDiscardOrSave())) return null
        this.notices = []
        await this.session.close()
        this.projectReplaced()
        return this.status()
      },
      'project.recent': () => readRecentProjects(this.options.dataDir),
      'project.recoverable': async () =>
        (await findRecoverable(this.options.dataDir)).map(
          ({ recoveryPath, name, sourcePath, autosavedAt, documentCount, annotationCount }) => ({
            recoveryPath,
            name,
            sourcePath,
            autosavedAt,
            documentCount,
            annotationCount,
          }),
        ),
      'project.recover': async (recoveryPath) => {
        const found = await this.requireRecoverable(recoveryPath)
        if (!(await this.confirmDiscardOrSave())) return null
        this.notices = []
        await this.loadOpened(() => this.session.openRecovered(found.recoveryPath))
        return this.status()
      },
      'project.discardRecovery': async (recoveryPath) => {
        const found = await this.requireRecoverable(recoveryPath)
        await discardRecovery(this.options.dataDir, found.projectId)
        return await this.handlers()['project.recoverable']()
      },
      'history.undo': async () => {
        const before = this.session.project.annotations
        const label = this.session.undo()
        if (label) this.historyStepped(before)
        return { label, status: this.status() }
      },
      'history.redo': async () => {
        const before = this.session.project.annotations
        const label = this.session.redo()
        if (label) this.historyStepped(before)
        return { label, status: this.status() }
      },
      'annotations.list': async (query) => {
        const list = filterAnnotations(this.session.project.annotations, query)
        if (query.includeRejected || query.statuses?.includes('rejected')) return list
        return list.filter((a) => a.status !== 'rejected')
      },
      'annotations.add': async (draft) => {
        const doc = await this.documentText(draft.docId)
        if (draft.end > doc.length || draft.start >= draft.end) {
          throw new ParallaxError('invalid-argument', 'Select some text of the document first.')
        }
        const now = new Date().toISOString()
        const a: Annotation = {
          id: randomUUID(),
          target: makeTarget(draft.docId, doc, draft.start, draft.end),
          kind: draft.kind,
          status: 'accepted',
          links: [],
          author: this.author,
          created: now,
          modified: now,
          ...(draft.code !== undefined ? { code: draft.code } : {}),
          ...(draft.note !== undefined && draft.note !== '' ? { note: draft.note } : {}),
          ...(draft.stance ? { stance: draft.stance } : {}),
          ...(draft.figure ? { figure: draft.figure } : {}),
        }
        await this.ensureDocumentInProject(draft.docId)
        act((s) => addAnnotation(s, a))
        return annotation(a.id)
      },
      'annotations.update': async (id, patch) => {
        annotation(id)
        act((s) => updateAnnotation(s, id, patch))
        return annotation(id)
      },
      'annotations.remove': async (ids) => act((s) => removeAnnotations(s, ids)),
      'annotations.review': async (review) => {
        const doc = await this.documentText(review.docId)
        let reviewId: string = randomUUID()
        act((s) => {
          const result = reviewMachineAnnotation(s, {
            id: reviewId,
            layer: review.layer,
            machineId: review.machineId,
            target: makeTarget(review.docId, doc, review.start, review.end),
            decision: review.decision,
            ...(review.figure ? { figure: review.figure } : {}),
            ...(review.correction ? { correction: review.correction } : {}),
            ...(review.note !== undefined ? { note: review.note } : {}),
            author: this.author,
          })
          // A second review of the same item updates the first one.
          reviewId = result.effect.changed[0] ?? reviewId
          return result
        })
        await this.ensureDocumentInProject(review.docId)
        // A reviewed figure changes the reconciliation: comparisons must be fetched again.
        this.options.emit({ type: 'analysis.invalidated', docIds: [review.docId] })
        return annotation(reviewId)
      },
      'annotations.link': async (from, to, relation) =>
        act((s) => linkAnnotations(s, from, to, relation)),
      'annotations.unlink': async (from, to) => act((s) => unlinkAnnotations(s, from, to)),
      'codebook.list': async () => this.session.project.codebook,
      'codebook.create': async (draft) =>
        act((s) =>
          createCode(s, {
            id: randomUUID(),
            name: draft.name,
            ...(draft.parentId !== undefined ? { parentId: draft.parentId } : {}),
            ...(draft.colour !== undefined ? { colour: draft.colour } : {}),
            ...(draft.description !== undefined ? { description: draft.description } : {}),
          }),
        ),
      'codebook.rename': async (id, name) => act((s) => renameCode(s, id, name)),
      'codebook.move': async (id, parentId) => act((s) => moveCode(s, id, parentId)),
      'codebook.merge': async (source, target) => act((s) => mergeCodes(s, source, target)),
      'codebook.delete': async (id, policy) => act((s) => deleteCode(s, id, policy)),
      'codebook.preview': async (op) => {
        const state: AnnotationState = {
          annotations: this.session.project.annotations,
          codebook: this.session.project.codebook,
        }
        const result =
          op.op === 'delete'
            ? deleteCode(state, op.id, op.policy)
            : mergeCodes(state, op.sourceId, op.targetId)
        return outcome(result.effect)
      },
      'export.run': async (kind) => this.export(kind),
      'lexicon.list': async () => this.lexicon,
      'lexicon.add': async (entry) => {
        const term = entry.term.trim()
        if (!term)
          throw new ParallaxError('invalid-argument', 'A lexicon entry needs a word or phrase.')
        const same = (e: LexiconEntry) =>
          e.kind === entry.kind && e.term.toLowerCase() === term.toLowerCase()
        this.session.update({
          lexicon: [...this.lexicon.filter((e) => !same(e)), { ...entry, term }],
        })
        this.options.emit({ type: 'analysis.invalidated', docIds: 'all' })
        return this.lexicon
      },
      'lexicon.remove': async (term, kind) => {
        const next = this.lexicon.filter((e) => !sameTerm(e, term, kind))
        if (next.length === this.lexicon.length) {
          throw new ParallaxError(
            'not-found',
            `There is no ${kind} entry “${term}” in your lexicon.`,
          )
        }
        this.session.update({ lexicon: next })
        this.options.emit({ type: 'analysis.invalidated', docIds: 'all' })
        return this.lexicon
      },
      // A comparison whose documents were all deleted is still listed; the view says so.
      'comparisons.list': async () => this.session.project.comparisons,
      'comparisons.save': async (draft) => {
        const setup = this.saveComparison(draft)
        this.options.emit({ type: 'comparisons.changed' })
        return setup
      },
      'comparisons.remove': async (id) => {
        const list = this.session.project.comparisons
        const next = list.filter((c) => c.id !== id)
        if (next.length === list.length) {
          throw new ParallaxError('not-found', 'That comparison no longer exists.')
        }
        this.session.update({ comparisons: next })
        this.options.emit({ type: 'comparisons.changed' })
        return next
      },
    }
  }

  private saveComparison(draft: ComparisonDraft): ComparisonSetup {
    const list = this.session.project.comparisons
    const now = new Date().toISOString()
    const existing = draft.id ? list.find((c) => c.id === draft.id) : undefined
    if (draft.id && !existing)
      throw new ParallaxError('not-found', 'That comparison no longer exists.')
    const setup: ComparisonSetup = {
      id: existing?.id ?? randomUUID(),
      name: draft.name.trim() || 'Untitled comparison',
      docIds: draft.docIds,
      view: draft.view,
      created: existing?.created ?? now,
      modified: now,
    }
    this.session.update({
      comparisons: existing ? list.map((c) => (c.id === setup.id ? setup : c)) : [...list, setup],
    })
    return setup
  }

  /** Opens a project file after the unsaved-changes question; the current work stays on failure. */
  private async openPath(path: string): Promise<ProjectStatus | null> {
    // Read and checked before asking: a bad file is reported without touching the open project.
    await openProject(path)
    if (!(await this.confirmDiscardOrSave())) return null
    this.notices = []
    await this.loadOpened(() => this.session.open(path))
    return this.status()
  }

  /** Runs an open and adds the project's documents the library does not have. */
  private async loadOpened(open: () => Promise<OpenedProject>): Promise<void> {
    const opened = await open()
    const library = this.options.library
    const missing = documentsMissingFrom(opened.project, new Set(library.list().map((r) => r.id)))
    if (missing.length > 0) {
      const added = await library.addExtracted(missing)
      if (added.length > 0) {
        this.notices.push(
          `${added.length} document${added.length === 1 ? '' : 's'} of this project ${added.length === 1 ? 'was' : 'were'} added to your library.`,
        )
        this.options.emit({ type: 'library.changed' })
      }
    }
    if (opened.migratedFrom !== null) {
      this.notices.push(
        `This project was made by an older version of Parallax; it is updated when you save it.`,
      )
    }
    this.notices.push(...opened.warnings)
    this.projectReplaced()
  }

  /**
   * Save (`asNew` false: to the project's file, asking for one the first time) or Save As.
   * The project's documents are refreshed from the library first, so the file is self-contained.
   */
  private async save(asNew: boolean): Promise<ProjectStatus | null> {
    let path = this.session.status.path
    if (asNew || path === null) {
      const suggested = `${fileSafe(this.session.status.name)}.${PROJECT_EXTENSION}`
      path = await this.requireDialogs().chooseSavePath('project', suggested)
      if (path === null) return null
      if (extname(path) === '') path = `${path}.${PROJECT_EXTENSION}`
    }
    await this.refreshDocuments()
    await this.session.save(path)
    return this.status()
  }

  /** The documents the project refers to (comparisons, annotations), with text and segments. */
  private async refreshDocuments(): Promise<void> {
    const project = this.session.project
    const ids = new Set<string>()
    for (const c of project.comparisons) for (const id of c.docIds) ids.add(id)
    for (const a of project.annotations) ids.add(a.target.docId)
    const carried = new Map(project.documents.map((d) => [d.record.id, d]))
    const documents: ProjectDocument[] = []
    for (const id of ids) {
      try {
        documents.push(await this.options.library.get(id))
      } catch {
        // Deleted from the library since: the copy the project carries is still good.
        const copy = carried.get(id)
        if (copy) documents.push(copy)
      }
    }
    const same =
      documents.length === project.documents.length &&
      documents.every(
        (d, i) => project.documents[i]?.record === d.record || sameRecord(project.documents[i], d),
      )
    if (!same) this.session.update({ documents })
  }

  private async ensureDocumentInProject(docId: string): Promise<void> {
    if (this.session.project.documents.some((d) => d.record.id === docId)) return
    const doc = await this.options.library.get(docId)
    this.session.update({ documents: [...this.session.project.documents, doc] })
  }

  private async documentText(docId: string): Promise<string> {
    try {
      return (await this.options.library.get(docId)).text
    } catch (err) {
      const carried = this.session.project.documents.find((d) => d.record.id === docId)
      if (carried) return carried.text
      throw err
    }
  }

  private async export(kind: ExportKind): Promise<{ path: string; bytes: number } | null> {
    const spec = EXPORTS[kind]
    const suggested = `${fileSafe(this.session.status.name)}-${spec.suffix}.${spec.extension}`
    const path = await this.requireDialogs().chooseSavePath(kind, suggested)
    if (path === null) return null
    await this.refreshDocuments()
    const text = await this.exportText(kind, this.session.project)
    try {
      await writeFileAtomic(path, text)
    } catch (err) {
      throw new ParallaxError(
        'unreadable',
        `The export could not be written: ${messageOf(err)}`,
        basename(path),
      )
    }
    return { path, bytes: Buffer.byteLength(text) }
  }

  private async exportText(kind: ExportKind, project: Project): Promise<string> {
    switch (kind) {
      case 'annotations-csv':
        return annotationsCsv(project)
      case 'web-annotation':
        return webAnnotationJson(project)
      case 'refi-qdc':
        return refiQdaCodebook(project)
      case 'figures-csv':
        return figuresCsv(project, await this.analyses(project))
      case 'report-html':
      case 'report-md': {
        const analyses = await this.analyses(project)
        const first = project.comparisons.find((c) => c.docIds.length > 0)
        const comparison = first ? await this.options.compare(first.docIds).catch(() => null) : null
        const input = { project, comparison, analyses }
        return kind === 'report-html' ? htmlReport(input) : markdownReport(input)
      }
    }
  }

  private async analyses(project: Project): Promise<DocumentAnalysis[]> {
    const out: DocumentAnalysis[] = []
    for (const d of project.documents) {
      try {
        out.push(await this.options.analysis(d.record.id))
      } catch {
        // A document the library cannot analyse is reported without figures, not fatally.
      }
    }
    return out
  }

  private async requireRecoverable(recoveryPath: string) {
    const found = (await findRecoverable(this.options.dataDir)).find(
      (r) => r.recoveryPath === recoveryPath,
    )
    if (!found) throw new ParallaxError('not-found', 'There is no such recovered project.')
    return found
  }

  private requireDialogs(): ProjectDialogs {
    if (!this.options.dialogs) {
      throw new ParallaxError('invalid-argument', 'No file dialog is available here.')
    }
    return this.options.dialogs
  }

  private projectReplaced(): void {
    this.options.emit({ type: 'analysis.invalidated', docIds: 'all' })
    this.options.emit({ type: 'comparisons.changed' })
    this.annotationsChanged()
    this.options.emit({ type: 'project.changed', status: this.status() })
  }

  /**
   * After undo or redo: the lists change, and a review that came or went changes its document's
   * analysis (entity edits) and comparisons (figures, attributions, cues) as well.
   */
  private historyStepped(before: readonly Annotation[]): void {
    this.annotationsChanged()
    const after = this.session.project.annotations
    const kept = new Set(after)
    const docIds = new Set<string>()
    for (const a of before) if (!kept.has(a) && a.machineRef) docIds.add(a.target.docId)
    const was = new Set(before)
    for (const a of after) if (!was.has(a) && a.machineRef) docIds.add(a.target.docId)
    if (docIds.size > 0) this.options.emit({ type: 'analysis.invalidated', docIds: [...docIds] })
  }

  private annotationsChanged(): void {
    this.options.emit({ type: 'annotations.changed' })
  }
}

function outcome(effect: ActionEffect): ActionOutcome {
  return { ...effect }
}

function sameTerm(e: LexiconEntry, term: string, kind: LexiconKind): boolean {
  return e.kind === kind && e.term.toLowerCase() === term.trim().toLowerCase()
}

function sameRecord(a: ProjectDocument | undefined, b: ProjectDocument): boolean {
  return (
    a !== undefined &&
    a.record.id === b.record.id &&
    a.text.length === b.text.length &&
    JSON.stringify(a.record) === JSON.stringify(b.record)
  )
}

function fileSafe(name: string): string {
  return (
    name
      // Characters no file system accepts in a name, and control characters.
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\p{Cc}+/gu, ' ')
      .trim()
      .slice(0, 100) || 'project'
  )
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function safeUserName(): string {
  try {
    return userInfo().username || 'researcher'
  } catch {
    return 'researcher'
  }
}
