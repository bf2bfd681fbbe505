/**
 * The API contract: every call the renderer can make, with its argument schema and result type,
 * and every event main sends back. Both transports (Electron IPC in the product, an exposed
 * function in the Playwright harness) loop over `API_SCHEMAS`; neither has a line per call.
 */

import { ENTITY_TYPES, type DocumentAnalysis, type EntityEdit } from './analysis'
import type { Comparison } from './compare'
import type { DocumentPatch, DocumentRecord, DocumentView } from './document'
import type { ApiErrorValue } from './errors'
import { LEXICON_KINDS, lexiconEntrySchema, type LexiconEntry, type LexiconKind } from './lexicon'
import {
  ANNOTATION_KINDS,
  ANNOTATION_STATUSES,
  LINK_RELATIONS,
  MACHINE_LAYERS,
  STANCE_VALUES,
  annotationFigureSchema,
  reviewCorrectionSchema,
  type Annotation,
  type AnnotationFigure,
  type AnnotationKind,
  type AnnotationStatus,
  type Code,
  type LinkRelation,
  type MachineLayer,
  type ReviewCorrection,
  type StanceValue,
} from './annotation'
import type { ComparisonSetup } from './project'
import { v, type Schema } from './validate'

/** One file handed over by a drop: its name (with folder path inside the drop) and bytes. */
export interface DroppedFile {
  name: string
  bytes: Uint8Array
}

export type ImportStatus = 'imported' | 'duplicate' | 'failed'

/** What happened to one file of an import. */
export interface ImportResult {
  /** The file name as the researcher knows it (relative path inside a dropped folder). */
  file: string
  status: ImportStatus
  record?: DocumentRecord
  error?: ApiErrorValue
}

export interface ImportReport {
  batchId: string
  results: ImportResult[]
}

export type SortKey = 'title' | 'outlet' | 'published' | 'importedAt'

/** A full-text search hit with a snippet around the best match. */
export interface SearchHit {
  id: string
  score: number
  /** A short excerpt with the matched terms, as text with match ranges into it. */
  snippet: string
  matches: { start: number; end: number }[]
}

/** A token that brings deleted documents back. */
export interface RemovalReceipt {
  token: string
  removed: DocumentRecord[]
}

/** Where the library keeps its data, for the about box and the README. */
export interface LibraryInfo {
  dataDir: string
  documentCount: number
  analyserVersion: string
}

/** Every call: argument tuple and result. Keys are `namespace.method`. */
export interface ApiCalls {
  'library.info': { args: []; result: LibraryInfo }
  'library.list': { args: []; result: DocumentRecord[] }
  'library.get': { args: [id: string]; result: DocumentView }
  'library.importFiles': { args: [files: DroppedFile[]]; result: ImportReport }
  /** Shows the system's open dialog in main and imports what the researcher picks. */
  'library.importWithDialog': { args: [kind: 'files' | 'folder']; result: ImportReport | null }
  'library.search': { args: [query: string]; result: SearchHit[] }
  'library.update': { args: [id: string, patch: DocumentPatch]; result: DocumentRecord }
  'library.remove': { args: [ids: string[]]; result: RemovalReceipt }
  'library.undoRemove': { args: [token: string]; result: DocumentRecord[] }
  'analysis.get': { args: [id: string]; result: DocumentAnalysis }
  /** Records entity corrections (merge, split, rename, delete); they survive re-analysis. */
  'analysis.editEntities': { args: [id: string, edits: EntityEdit[]]; result: DocumentAnalysis }
  /** Takes back the document's last entity correction. */
  'analysis.undoEntityEdit': { args: [id: string]; result: DocumentAnalysis }
  /** The researcher's own lexicon entries (the shipped lexicons are in resources/lexicons). */
  'lexicon.list': { args: []; result: LexiconEntry[] }
  /** Adds or replaces (same term and kind) an entry; analyses are redone with it. */
  'lexicon.add': { args: [entry: LexiconEntry]; result: LexiconEntry[] }
  'lexicon.remove': { args: [term: string, kind: LexiconKind]; result: LexiconEntry[] }
  /** Compares one to six documents of the library. */
  'compare.run': { args: [ids: string[]]; result: Comparison }
  /** Named comparisons: which documents and the view settings. */
  'comparisons.list': { args: []; result: ComparisonSetup[] }
  'comparisons.save': { args: [setup: ComparisonDraft]; result: ComparisonSetup }
  'comparisons.remove': { args: [id: string]; result: ComparisonSetup[] }
  // Projects (issue 6). Calls that may replace the open project return null when the researcher
  // cancels (the unsaved-changes question or a file dialog).
  'project.status': { args: []; result: ProjectStatus }
  'project.new': { args: []; result: ProjectStatus | null }
  /** Shows the open dialog in main. */
  'project.open': { args: []; result: ProjectStatus | null }
  /** Opens a project of the recent list (only those paths are accepted). */
  'project.openRecent': { args: [path: string]; result: ProjectStatus | null }
  /** Saves to the project's file; a never-saved project asks for a path (as Save As). */
  'project.save': { args: []; result: ProjectStatus | null }
  'project.saveAs': { args: []; result: ProjectStatus | null }
  /** Closes the project (asking first when it has unsaved changes); an empty project follows. */
  'project.close': { args: []; result: ProjectStatus | null }
  'project.recent': { args: []; result: RecentProjectEntry[] }
  /** What a crash left behind, offered at start. */
  'project.recoverable': { args: []; result: RecoverableEntry[] }
  'project.recover': { args: [recoveryPath: string]; result: ProjectStatus | null }
  'project.discardRecovery': { args: [recoveryPath: string]; result: RecoverableEntry[] }
  'history.undo': { args: []; result: HistoryStep }
  'history.redo': { args: []; result: HistoryStep }
  'annotations.list': { args: [filter: AnnotationQuery]; result: Annotation[] }
  'annotations.add': { args: [draft: AnnotationDraft]; result: Annotation }
  'annotations.update': { args: [id: string, patch: AnnotationEdit]; result: Annotation }
  'annotations.remove': { args: [ids: string[]]; result: ActionOutcome }
  /** Accepts, rejects or corrects a machine annotation (an edited figure feeds the comparison). */
  'annotations.review': { args: [review: ReviewDraft]; result: Annotation }
  'annotations.link': {
    args: [from: string, to: string, relation: LinkRelation]
    result: ActionOutcome
  }
  'annotations.unlink': { args: [from: string, to: string]; result: ActionOutcome }
  'codebook.list': { args: []; result: Code[] }
  'codebook.create': { args: [code: CodeDraft]; result: ActionOutcome }
  'codebook.rename': { args: [id: string, name: string]; result: ActionOutcome }
  'codebook.move': { args: [id: string, parentId: string | null]; result: ActionOutcome }
  'codebook.merge': { args: [sourceId: string, targetId: string]; result: ActionOutcome }
  'codebook.delete': { args: [id: string, policy: CodeDeletePolicy]; result: ActionOutcome }
  /** What deleting or merging would do, without doing it (the confirmation text). */
  'codebook.preview': { args: [op: CodebookPreview]; result: ActionOutcome }
  /** Shows a save dialog in main and writes the export there atomically; null when cancelled. */
  'export.run': { args: [kind: ExportKind]; result: { path: string; bytes: number } | null }
}

/** The open project as the title bar, the project bar and the menu show it. */
export interface ProjectStatus {
  projectId: string
  name: string
  /** The project file; null until the first save. */
  path: string | null
  isDirty: boolean
  /** "• name — file.parallax" (the mark only with unsaved changes). */
  windowTitle: string
  canUndo: boolean
  canRedo: boolean
  undoLabel: string | null
  redoLabel: string | null
  documentCount: number
  annotationCount: number
  codeCount: number
  comparisonCount: number
  /** Something the researcher should know about how the project was opened (once). */
  notices: string[]
}

export interface RecentProjectEntry {
  path: string
  name: string
  openedAt: string
  exists: boolean
}

export interface RecoverableEntry {
  recoveryPath: string
  name: string
  sourcePath: string | null
  autosavedAt: string
  documentCount: number
  annotationCount: number
}

export interface HistoryStep {
  /** What was undone or redone, or null when there was nothing to do. */
  label: string | null
  status: ProjectStatus
}

/** What an annotation or codebook action did, in words and ids. */
export interface ActionOutcome {
  description: string
  added: string[]
  changed: string[]
  recoded: string[]
  uncoded: string[]
  deletedAnnotations: string[]
  createdCodes: string[]
  removedCodes: string[]
  movedCodes: string[]
}

/** Filters for the annotation list; empty lists and missing fields match everything. */
export interface AnnotationQuery {
  docIds?: string[]
  codes?: string[]
  authors?: string[]
  statuses?: AnnotationStatus[]
  kinds?: AnnotationKind[]
  /** Words that must all occur in the note, the quote or the stance target. */
  text?: string
  /** Rejected machine annotations are hidden unless asked for. */
  includeRejected?: boolean
}

/** A new annotation: main fills in the quote, context, id, author and dates. */
export interface AnnotationDraft {
  docId: string
  start: number
  end: number
  kind: Exclude<AnnotationKind, 'machine-review'>
  code?: string
  note?: string
  stance?: { toward: string; value: StanceValue }
  figure?: AnnotationFigure
}

/** Fields of an annotation to change; null clears. */
export interface AnnotationEdit {
  code?: string | null
  note?: string | null
  stance?: { toward: string; value: StanceValue } | null
  figure?: AnnotationFigure | null
  status?: AnnotationStatus
}

/**
 * A decision about one machine item. An `edited` figure carries `figure` (the corrected reading);
 * an edited entity, attribution or stance cue carries the `correction` part for its layer.
 */
export interface ReviewDraft {
  layer: MachineLayer
  machineId: string
  docId: string
  start: number
  end: number
  decision: 'accepted' | 'rejected' | 'edited'
  figure?: AnnotationFigure
  correction?: ReviewCorrection
  note?: string
}

export interface CodeDraft {
  name: string
  parentId?: string | null
  colour?: string
  description?: string
}

export const CODE_DELETE_POLICIES = ['uncode', 'delete-annotations', 'move-to-parent'] as const
export type CodeDeletePolicy = (typeof CODE_DELETE_POLICIES)[number]

export type CodebookPreview =
  | { op: 'delete'; id: string; policy: CodeDeletePolicy }
  | { op: 'merge'; sourceId: string; targetId: string }

export const EXPORT_KINDS = [
  'report-html',
  'report-md',
  'figures-csv',
  'annotations-csv',
  'web-annotation',
  'refi-qdc',
] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

/** A comparison to save: without an id it is new; with one it replaces that comparison. */
export interface ComparisonDraft {
  id?: string
  name: string
  docIds: string[]
  view: Record<string, unknown>
}

export type ApiChannel = keyof ApiCalls

const id = v.string({ min: 1, max: 200 })
const nullableText = v.nullable(v.string({ max: 2000 }))
const name = v.string({ min: 1, max: 500 })
const mention = v.object({
  start: v.number({ min: 0, integer: true }),
  end: v.number({ min: 0, integer: true }),
  text: v.string({ max: 2000 }),
})

/** Entity corrections, one schema per kind (a union checked by its `kind`). */
const entityEditSchema: Schema<EntityEdit> = {
  description: 'an entity edit',
  parse(x, p = '') {
    const kind = (x as { kind?: unknown } | null)?.kind
    switch (kind) {
      case 'rename':
        return { kind, ...v.object({ name, newName: name }).parse(x, p) }
      case 'merge':
        return {
          kind,
          ...v
            .object({ names: v.array(name, { max: 100 }), newName: v.optional(name) })
            .parse(x, p),
        }
      case 'split':
        return {
          kind,
          ...v
            .object({
              name,
              mentions: v.array(mention, { max: 10_000 }),
              newName: name,
              type: v.optional(v.literal(...ENTITY_TYPES)),
            })
            .parse(x, p),
        }
      case 'delete':
        return { kind, ...v.object({ name }).parse(x, p) }
      case 'retype':
        return { kind, ...v.object({ name, type: v.literal(...ENTITY_TYPES) }).parse(x, p) }
      default:
        return v
          .literal('rename', 'merge', 'split', 'delete', 'retype')
          .parse(kind, `${p}.kind`) as never
    }
  },
}

const offset = v.number({ min: 0, integer: true })
const stanceSchema: Schema<{ toward: string; value: StanceValue }> = v.object({
  toward: v.string({ min: 1, max: 500 }),
  value: v.literal(...STANCE_VALUES),
})

/** A codebook preview: a union checked by its `op`. */
const codebookPreviewSchema: Schema<CodebookPreview> = {
  description: 'a codebook preview',
  parse(x, p = '') {
    const op = (x as { op?: unknown } | null)?.op
    if (op === 'delete') {
      return { op, ...v.object({ id, policy: v.literal(...CODE_DELETE_POLICIES) }).parse(x, p) }
    }
    if (op === 'merge') return { op, ...v.object({ sourceId: id, targetId: id }).parse(x, p) }
    return v.literal('delete', 'merge').parse(op, `${p}.op`) as never
  },
}

/** Argument schemas, one per call. Main validates every call against these. */
export const API_SCHEMAS: { [K in ApiChannel]: Schema<ApiCalls[K]['args']> } = {
  'library.info': v.tuple(),
  'library.list': v.tuple(),
  'library.get': v.tuple(id),
  'library.importFiles': v.tuple(
    v.array(v.object({ name: v.string({ min: 1, max: 4096 }), bytes: v.bytes() }), { max: 10_000 }),
  ),
  'library.importWithDialog': v.tuple(v.literal('files', 'folder')),
  'library.search': v.tuple(v.string({ max: 1000 })),
  'library.update': v.tuple(
    id,
    v.object({
      title: v.optional(v.string({ min: 1, max: 2000 })),
      outlet: v.optional(nullableText),
      author: v.optional(nullableText),
      published: v.optional(nullableText),
      tags: v.optional(v.array(v.string({ min: 1, max: 100 }), { max: 200 })),
    }),
  ),
  'library.remove': v.tuple(v.array(id, { max: 100_000 })),
  'library.undoRemove': v.tuple(v.string({ min: 1, max: 200 })),
  'analysis.get': v.tuple(id),
  'analysis.editEntities': v.tuple(id, v.array(entityEditSchema, { max: 1000 })),
  'analysis.undoEntityEdit': v.tuple(id),
  'lexicon.list': v.tuple(),
  'lexicon.add': v.tuple(lexiconEntrySchema),
  'lexicon.remove': v.tuple(v.string({ min: 1, max: 200 }), v.literal(...LEXICON_KINDS)),
  'compare.run': v.tuple(v.array(id, { max: 6 })),
  'comparisons.list': v.tuple(),
  'comparisons.save': v.tuple(
    v.object({
      id: v.optional(id),
      name,
      docIds: v.array(id, { max: 6 }),
      view: v.plainObject(),
    }),
  ),
  'comparisons.remove': v.tuple(id),
  'project.status': v.tuple(),
  'project.new': v.tuple(),
  'project.open': v.tuple(),
  'project.openRecent': v.tuple(v.string({ min: 1, max: 10_000 })),
  'project.save': v.tuple(),
  'project.saveAs': v.tuple(),
  'project.close': v.tuple(),
  'project.recent': v.tuple(),
  'project.recoverable': v.tuple(),
  'project.recover': v.tuple(v.string({ min: 1, max: 10_000 })),
  'project.discardRecovery': v.tuple(v.string({ min: 1, max: 10_000 })),
  'history.undo': v.tuple(),
  'history.redo': v.tuple(),
  'annotations.list': v.tuple(
    v.object({
      docIds: v.optional(v.array(id, { max: 10_000 })),
      codes: v.optional(v.array(id, { max: 10_000 })),
      authors: v.optional(v.array(v.string({ max: 500 }), { max: 1000 })),
      statuses: v.optional(v.array(v.literal(...ANNOTATION_STATUSES), { max: 10 })),
      kinds: v.optional(v.array(v.literal(...ANNOTATION_KINDS), { max: 10 })),
      text: v.optional(v.string({ max: 1000 })),
      includeRejected: v.optional(v.boolean()),
    }),
  ),
  'annotations.add': v.tuple(
    v.object({
      docId: id,
      start: offset,
      end: offset,
      kind: v.literal('code', 'note', 'stance', 'figure'),
      code: v.optional(id),
      note: v.optional(v.string({ max: 1_000_000 })),
      stance: v.optional(stanceSchema),
      figure: v.optional(annotationFigureSchema),
    }),
  ),
  'annotations.update': v.tuple(
    id,
    v.object({
      code: v.optional(v.nullable(id)),
      note: v.optional(v.nullable(v.string({ max: 1_000_000 }))),
      stance: v.optional(v.nullable(stanceSchema)),
      figure: v.optional(v.nullable(annotationFigureSchema)),
      status: v.optional(v.literal(...ANNOTATION_STATUSES)),
    }),
  ),
  'annotations.remove': v.tuple(v.array(id, { max: 100_000 })),
  'annotations.review': v.tuple(
    v.object({
      layer: v.literal(...MACHINE_LAYERS),
      machineId: id,
      docId: id,
      start: offset,
      end: offset,
      decision: v.literal('accepted', 'rejected', 'edited'),
      figure: v.optional(annotationFigureSchema),
      correction: v.optional(reviewCorrectionSchema),
      note: v.optional(v.string({ max: 1_000_000 })),
    }),
  ),
  'annotations.link': v.tuple(id, id, v.literal(...LINK_RELATIONS)),
  'annotations.unlink': v.tuple(id, id),
  'codebook.list': v.tuple(),
  'codebook.create': v.tuple(
    v.object({
      name: v.string({ min: 1, max: 500 }),
      parentId: v.optional(v.nullable(id)),
      colour: v.optional(v.string({ min: 7, max: 7 })),
      description: v.optional(v.string({ max: 100_000 })),
    }),
  ),
  'codebook.rename': v.tuple(id, v.string({ min: 1, max: 500 })),
  'codebook.move': v.tuple(id, v.nullable(id)),
  'codebook.merge': v.tuple(id, id),
  'codebook.delete': v.tuple(id, v.literal(...CODE_DELETE_POLICIES)),
  'codebook.preview': v.tuple(codebookPreviewSchema),
  'export.run': v.tuple(v.literal(...EXPORT_KINDS)),
}

export const API_CHANNELS = Object.keys(API_SCHEMAS) as ApiChannel[]

/** Events main sends to the renderer. */
export type ApiEvent =
  | {
      type: 'import.progress'
      batchId: string
      done: number
      total: number
      /** The result of the file just finished. */
      result: ImportResult
    }
  | { type: 'library.changed' }
  | { type: 'analysis.progress'; docId: string; done: number; total: number }
  | { type: 'analysis.done'; docId: string }
  | { type: 'menu'; command: MenuCommand }
  /** The user lexicon or entity edits changed: analyses shown should be fetched again. */
  | { type: 'analysis.invalidated'; docIds: string[] | 'all' }
  | { type: 'comparisons.changed' }
  /** The open project changed: another project, a save, an edit, undo or redo. */
  | { type: 'project.changed'; status: ProjectStatus }
  /** Annotations or the codebook changed (lists shown should be fetched again). */
  | { type: 'annotations.changed' }

export type MenuCommand =
  | 'import-files'
  | 'import-folder'
  | 'focus-search'
  | 'about'
  /** Edit › Undo / Redo: the renderer routes them to the text field or to `history.*`. */
  | 'undo'
  | 'redo'

/** Calls return this across the boundary: errors are values, never stack traces. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorValue }

/** The typed object the renderer calls: `api.library.list()`. */
type Namespace = ApiChannel extends `${infer N}.${string}` ? N : never
export type ParallaxApi = {
  [N in Namespace]: {
    [K in ApiChannel as K extends `${N}.${infer M}` ? M : never]: (
      ...args: ApiCalls[K]['args']
    ) => Promise<ApiCalls[K]['result']>
  }
} & {
  /** Subscribes to events from main; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void
}

/** The two primitives a transport provides. */
export interface Transport {
  invoke(channel: string, args: unknown[]): Promise<Envelope<unknown>>
  subscribe(listener: (event: ApiEvent) => void): () => void
}

/**
 * Builds the typed API object over a transport. Self-contained on purpose (no imports used in
 * its body): the test harness injects its source text into the page as an init script.
 */
export function createApiClient(channels: readonly string[], transport: Transport): ParallaxApi {
  class ApiCallError extends Error {
    code: string
    file: string | undefined
    constructor(e: { code: string; message: string; file?: string }) {
      super(e.message)
      this.name = 'ParallaxError'
      this.code = e.code
      this.file = e.file
    }
  }
  const api: Record<string, Record<string, unknown>> = {}
  for (const channel of channels) {
    const dot = channel.indexOf('.')
    const ns = channel.slice(0, dot)
    const method = channel.slice(dot + 1)
    api[ns] ??= {}
    api[ns][method] = async (...args: unknown[]) => {
      const envelope = await transport.invoke(channel, args)
      if (envelope.ok) return envelope.value
      throw new ApiCallError(envelope.error)
    }
  }
  return Object.assign(api, {
    onEvent: (listener: (event: ApiEvent) => void) => transport.subscribe(listener),
  }) as unknown as ParallaxApi
}

/** The IPC channel events travel on. */
export const EVENT_CHANNEL = 'parallax:event'
/** Prefix for call channels on IPC, so no other ipcMain handler can be reached. */
export const CALL_PREFIX = 'parallax:'
