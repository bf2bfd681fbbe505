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
}

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
        return { kind, ...v.object({ names: v.array(name, { max: 100 }), newName: v.optional(name) }).parse(x, p) }
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
        return v.literal('rename', 'merge', 'split', 'delete', 'retype').parse(kind, `${p}.kind`) as never
    }
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

export type MenuCommand = 'import-files' | 'import-folder' | 'focus-search' | 'about'

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
