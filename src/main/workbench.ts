/**
 * The workbench: composes the library, ingest and analysis services into the one object that
 * implements the API contract (src/shared/api.ts). Both transports call `dispatch` and nothing
 * else, so validation and error mapping happen in exactly one place.
 */

import {
  API_SCHEMAS,
  type ApiCalls,
  type ApiChannel,
  type ApiEvent,
  type Envelope,
} from '../shared/api'
import type { DocumentAnalysis } from '../shared/analysis'
import { ParallaxError, toErrorValue } from '../shared/errors'
import { SchemaError } from '../shared/validate'
import { createHash } from 'node:crypto'
import { WorkerPool } from './worker-pool'
import { ANALYSER_VERSION, applyEntityEdits } from './analysis/index'
import { compareDocuments } from './compare/index'
import { Library } from './library/index'
import { applyReviews, reviewEntityEdits } from './project/index'
import {
  ProjectService,
  type ProjectChannel,
  type ProjectDialogs,
  type ProjectServiceOptions,
} from './project-service'
import { Workspace } from './workspace'

/** Native dialogs, provided by the shell (Electron) or stubbed by tests. */
export interface Dialogs extends ProjectDialogs {
  /** Asks for files or a folder to import; null when the researcher cancels. */
  chooseImportPaths(kind: 'files' | 'folder'): Promise<string[] | null>
}

export interface WorkbenchOptions {
  dataDir: string
  /** Folder of the first-run sample articles (resources/samples). */
  samplesDir?: string
  dialogs?: Dialogs
  /**
   * The built worker script (src/main/worker.ts): extraction and analysis then run on worker
   * threads. Without it they run inline (the CLI, unit tests).
   */
  worker?: URL
  /** Delay of the project's recovery autosave (tests use 0). */
  autosaveDelayMs?: number
  /** Author name stamped on annotations (defaults to the system user). */
  author?: string
  /**
   * Test seam: runs between writing a project save's temp file and the rename, so the crash e2e
   * story can kill the process at the worst moment. The Electron shell never sets it.
   */
  beforeProjectRename?: ProjectServiceOptions['beforeRename']
}

type Handlers = {
  [K in ApiChannel]: (...args: ApiCalls[K]['args']) => Promise<ApiCalls[K]['result']>
}
/** The calls the workbench answers itself; the project service answers the rest. */
type OwnHandlers = Omit<Handlers, ProjectChannel>

export class Workbench {
  private readonly listeners = new Set<(event: ApiEvent) => void>()
  private readonly analysisInFlight = new Map<string, Promise<DocumentAnalysis>>()
  private readonly handlers: Handlers
  /** The open project: comparisons, lexicon, annotations and codebook live in it. */
  readonly projects: ProjectService

  private constructor(
    readonly library: Library,
    readonly workspace: Workspace,
    private readonly pool: WorkerPool,
    private readonly dialogs: Dialogs | undefined,
    options: WorkbenchOptions,
  ) {
    this.projects = new ProjectService({
      dataDir: options.dataDir,
      library,
      dialogs,
      emit: (event) => this.emit(event),
      analysis: (docId) => this.analysis(docId),
      compare: (ids) => this.compare(ids),
      ...(options.autosaveDelayMs !== undefined
        ? { autosaveDelayMs: options.autosaveDelayMs }
        : {}),
      ...(options.author !== undefined ? { author: options.author } : {}),
      ...(options.beforeProjectRename ? { beforeRename: options.beforeProjectRename } : {}),
    })
    this.handlers = { ...this.createHandlers(), ...this.projects.handlers() }
  }

  /** Opens the library in `dataDir` (seeding the samples on first run) and starts the services. */
  static async create(options: WorkbenchOptions): Promise<Workbench> {
    const pool = new WorkerPool(options.worker ? { workerUrl: options.worker } : {})
    const library = await Library.open({
      dataDir: options.dataDir,
      analyserVersion: ANALYSER_VERSION,
      holder: 'the Parallax app',
      extract: (bytes, fileName) => pool.extract(bytes, fileName),
      ...(options.samplesDir ? { samplesDir: options.samplesDir } : {}),
    })
    // Entity corrections stay with the library; comparisons and the lexicon live in the project.
    const workspace = await Workspace.open(options.dataDir)
    const workbench = new Workbench(library, workspace, pool, options.dialogs, options)
    await workbench.projects.start()
    return workbench
  }

  /** Subscribes to events for the renderer; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * The single entry point of both transports: validates the arguments against the contract,
   * runs the call, and returns an envelope. Never throws.
   */
  async dispatch(channel: string, rawArgs: unknown): Promise<Envelope<unknown>> {
    if (!Object.hasOwn(API_SCHEMAS, channel)) {
      return {
        ok: false,
        error: { code: 'invalid-argument', message: `Unknown call "${channel}".` },
      }
    }
    const key = channel as ApiChannel
    let args: unknown[]
    try {
      args = API_SCHEMAS[key].parse(rawArgs) as unknown[]
    } catch (err) {
      const message = err instanceof SchemaError ? `${channel}: ${err.message}` : String(err)
      return { ok: false, error: { code: 'invalid-argument', message } }
    }
    try {
      const handler = this.handlers[key] as (...a: unknown[]) => Promise<unknown>
      return { ok: true, value: await handler(...args) }
    } catch (err) {
      return { ok: false, error: toErrorValue(err) }
    }
  }

  /** Typed direct access for the CLI and tests in the same process. */
  call<K extends ApiChannel>(
    channel: K,
    ...args: ApiCalls[K]['args']
  ): Promise<ApiCalls[K]['result']> {
    const handler = this.handlers[channel] as (
      ...a: ApiCalls[K]['args']
    ) => Promise<ApiCalls[K]['result']>
    return handler(...args)
  }

  /**
   * The cache key: the analyser's version, plus a digest of the researcher's lexicon when there
   * is one (their entries change the stance results, so results made without them are stale).
   */
  private cacheKey(): string {
    const lexicon = this.projects.lexicon
    if (lexicon.length === 0) return ANALYSER_VERSION
    const digest = createHash('sha256').update(JSON.stringify(lexicon)).digest('hex').slice(0, 12)
    return `${ANALYSER_VERSION}+lexicon-${digest}`
  }

  /**
   * Analysis of one document as the researcher sees it: the machine result (from the cache, or
   * computed off-thread and cached) with their entity corrections applied on top.
   */
  async analysis(docId: string): Promise<DocumentAnalysis> {
    const raw = await this.machineAnalysis(docId)
    // Entity reviews are entity edits too, after the researcher's own (see reviewEntityEdits).
    const edits = [
      ...this.workspace.entityEdits(docId),
      ...reviewEntityEdits(docId, this.projects.annotations),
    ]
    return edits.length === 0 ? raw : { ...raw, entities: applyEntityEdits(raw.entities, edits) }
  }

  private async machineAnalysis(docId: string): Promise<DocumentAnalysis> {
    const key = this.cacheKey()
    const cached = await this.library.readAnalysis<DocumentAnalysis>(docId, key)
    if (cached) return cached
    // Two views asking for the same document share one computation.
    const flightKey = `${docId}|${key}`
    const pending = this.analysisInFlight.get(flightKey)
    if (pending) return pending
    const job = (async () => {
      const view = await this.library.get(docId)
      const analysis = await this.pool.run({
        docId,
        text: view.text,
        segments: view.segments,
        published: view.record.published,
        userLexicon: this.projects.lexicon,
      })
      await this.library.writeAnalysis(docId, key, analysis)
      this.emit({ type: 'analysis.done', docId })
      return analysis
    })()
    this.analysisInFlight.set(flightKey, job)
    try {
      return await job
    } finally {
      this.analysisInFlight.delete(flightKey)
    }
  }

  /** Compares documents of the library by id, in the order given. */
  async compare(ids: string[]): Promise<ApiCalls['compare.run']['result']> {
    const docs = await Promise.all(
      ids.map(async (id) => {
        const [view, raw] = await Promise.all([this.library.get(id), this.analysis(id)])
        // The researcher's reviews count: rejected items out, corrected and added figures in.
        const analysis = applyReviews(raw, this.projects.annotations)
        return {
          id,
          title: view.record.title,
          outlet: view.record.outlet,
          published: view.record.published,
          text: view.text,
          segments: view.segments,
          analysis,
        }
      }),
    )
    return compareDocuments(docs)
  }

  async close(): Promise<void> {
    // Unsaved work reaches the recovery file before the process goes.
    await this.projects.flushAutosave().catch(() => undefined)
    this.projects.dispose()
    await this.pool.close()
    await this.library.close()
  }

  private emit(event: ApiEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  /** Analyses newly imported documents in the background, reporting progress. */
  private analyseInBackground(ids: string[]): void {
    if (ids.length === 0) return
    let done = 0
    for (const docId of ids) {
      this.analysis(docId)
        .catch(() => undefined) // a failure is reported when the reader asks for this document
        .finally(() => {
          done += 1
          this.emit({ type: 'analysis.progress', docId, done, total: ids.length })
        })
    }
  }

  private createHandlers(): OwnHandlers {
    const lib = this.library
    const afterImport = (report: ApiCalls['library.importFiles']['result']) => {
      this.emit({ type: 'library.changed' })
      this.analyseInBackground(
        report.results.flatMap((r) => (r.status === 'imported' && r.record ? [r.record.id] : [])),
      )
      return report
    }
    const progress =
      (batchId: string) =>
      (p: {
        done: number
        total: number
        result: ApiCalls['library.importFiles']['result']['results'][number]
      }) =>
        this.emit({ type: 'import.progress', batchId, ...p })

    return {
      'library.info': async () => lib.info(),
      'library.list': async () => lib.list(),
      'library.get': (id) => lib.get(id),
      'library.importFiles': async (files) => {
        const batchId = newBatchId()
        const report = { ...(await lib.importFiles(files, progress(batchId))), batchId }
        return afterImport(report)
      },
      'library.importWithDialog': async (kind) => {
        if (!this.dialogs) {
          throw new ParallaxError('invalid-argument', 'No file dialog is available here.')
        }
        const paths = await this.dialogs.chooseImportPaths(kind)
        if (!paths || paths.length === 0) return null
        const batchId = newBatchId()
        const report = { ...(await lib.importPaths(paths, progress(batchId))), batchId }
        return afterImport(report)
      },
      'library.search': async (query) => lib.search(query),
      'library.update': async (id, patch) => {
        const record = await lib.update(id, patch)
        this.emit({ type: 'library.changed' })
        return record
      },
      'library.remove': async (ids) => {
        const receipt = await lib.remove(ids)
        this.emit({ type: 'library.changed' })
        return receipt
      },
      'library.undoRemove': async (token) => {
        const records = await lib.undoRemove(token)
        this.emit({ type: 'library.changed' })
        return records
      },
      'analysis.get': (id) => this.analysis(id),
      'analysis.editEntities': async (id, edits) => {
        await this.library.get(id) // not-found before anything is stored
        await this.workspace.addEntityEdits(id, edits)
        this.emit({ type: 'analysis.invalidated', docIds: [id] })
        return this.analysis(id)
      },
      'analysis.undoEntityEdit': async (id) => {
        if (!(await this.workspace.popEntityEdit(id))) {
          throw new ParallaxError('not-found', 'There is no entity correction to undo.')
        }
        this.emit({ type: 'analysis.invalidated', docIds: [id] })
        return this.analysis(id)
      },
      'compare.run': (ids) => this.compare(ids),
    }
  }
}

let batchCounter = 0
function newBatchId(): string {
  batchCounter += 1
  return `batch-${Date.now().toString(36)}-${batchCounter}`
}
