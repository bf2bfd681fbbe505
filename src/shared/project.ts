/**
 * A project: everything a researcher's study needs in one self-contained file (`.parallax`) —
 * the documents with their texts, annotations, codebook, comparisons, lexicon additions and
 * notes — so a colleague can open it offline on another machine.
 */

import { annotationSchema, codebookSchema, type Annotation, type Code } from './annotation'
import { DOCUMENT_FORMATS, SEGMENT_ROLES, type DocumentView } from './document'
import { lexiconSchema, type LexiconEntry } from './lexicon'
import { SchemaError, v, type Schema } from './validate'

/** The format id every project file starts with. */
export const PROJECT_FORMAT = 'parallax-project'
/** The schema version this app writes. Older files are migrated on open; newer are refused. */
export const PROJECT_SCHEMA_VERSION = 3
/** The file extension, without the dot. */
export const PROJECT_EXTENSION = 'parallax'

/** A document as the project carries it: record, text and segments (no library needed). */
export type ProjectDocument = DocumentView

/** A saved comparison: which documents, in which order, and how the view was set up. */
export interface ComparisonSetup {
  id: string
  name: string
  docIds: string[]
  /** View settings as plain data (columns, filters, scroll anchors), owned by the UI. */
  view: Record<string, unknown>
  created: string
  modified: string
}

/** A free-standing research note, optionally about one document or comparison. */
export interface ProjectNote {
  id: string
  title: string
  /** Markdown-ish plain text, never rendered as HTML. */
  body: string
  docId?: string
  comparisonId?: string
  created: string
  modified: string
}

/** Set only on recovery files: where the work was being saved and when it was autosaved. */
export interface AutosaveInfo {
  /** The project file the work belongs to; null for a project never saved. */
  sourcePath: string | null
  autosavedAt: string
}

/** A project in memory and on disk (schema version 3). */
export interface Project {
  format: typeof PROJECT_FORMAT
  schemaVersion: typeof PROJECT_SCHEMA_VERSION
  /** Stable id (a UUID); names the recovery file. */
  id: string
  name: string
  created: string
  modified: string
  documents: ProjectDocument[]
  annotations: Annotation[]
  codebook: Code[]
  comparisons: ComparisonSetup[]
  /** Lexicon entries the researcher added. */
  lexicon: LexiconEntry[]
  notes: ProjectNote[]
  autosave?: AutosaveInfo
}

const id = v.string({ min: 1, max: 200 })

/** Free-form settings: any plain data object (prototype keys dropped by `v.json`). */
const plainObject: Schema<Record<string, unknown>> = {
  description: 'an object of plain data',
  parse(x: unknown, p = ''): Record<string, unknown> {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) {
      throw new SchemaError(p, 'an object of plain data')
    }
    return v.json().parse(x, p) as Record<string, unknown>
  },
}
const isoDate = v.string({ min: 1, max: 64 })
const nullableText = v.nullable(v.string({ max: 10_000 }))

const recordSchema = v.object({
  id,
  title: v.string({ max: 10_000 }),
  outlet: nullableText,
  author: nullableText,
  published: nullableText,
  fileName: v.string({ max: 10_000 }),
  format: v.literal(...DOCUMENT_FORMATS),
  encoding: nullableText,
  size: v.number({ min: 0, integer: true }),
  importedAt: isoDate,
  tags: v.array(v.string({ max: 500 }), { max: 10_000 }),
  wordCount: v.number({ min: 0, integer: true }),
  warnings: v.array(v.string({ max: 10_000 }), { max: 10_000 }),
  isSample: v.optional(v.boolean()),
})

const segmentSchema = v.object({
  start: v.number({ min: 0, integer: true }),
  end: v.number({ min: 0, integer: true }),
  role: v.literal(...SEGMENT_ROLES),
  reason: v.optional(v.string({ max: 10_000 })),
})

/** Checks one project document. */
export const projectDocumentSchema: Schema<ProjectDocument> = v.object({
  record: recordSchema,
  // Long PDFs run to millions of characters; the file-size limit bounds the total.
  text: v.string({ max: 200_000_000 }),
  segments: v.array(segmentSchema, { max: 1_000_000 }),
})

export const comparisonSetupSchema: Schema<ComparisonSetup> = v.object({
  id,
  name: v.string({ max: 2000 }),
  docIds: v.array(id, { max: 1000 }),
  view: plainObject,
  created: isoDate,
  modified: isoDate,
})

export const projectNoteSchema: Schema<ProjectNote> = v.object({
  id,
  title: v.string({ max: 2000 }),
  body: v.string({ max: 10_000_000 }),
  docId: v.optional(id),
  comparisonId: v.optional(id),
  created: isoDate,
  modified: isoDate,
})

/**
 * Checks a whole (current-version) project. Builds a fresh value: unknown keys are dropped.
 * The format id and version are checked by the project reader before this, with their own errors.
 */
export const projectSchema: Schema<Project> = v.object({
  format: v.literal(PROJECT_FORMAT),
  schemaVersion: {
    description: `the number ${PROJECT_SCHEMA_VERSION}`,
    parse(x: unknown, p = 'schemaVersion'): typeof PROJECT_SCHEMA_VERSION {
      if (x !== PROJECT_SCHEMA_VERSION) throw new SchemaError(p, `${PROJECT_SCHEMA_VERSION}`)
      return PROJECT_SCHEMA_VERSION
    },
  } satisfies Schema<typeof PROJECT_SCHEMA_VERSION>,
  id,
  name: v.string({ max: 2000 }),
  created: isoDate,
  modified: isoDate,
  documents: v.array(projectDocumentSchema, { max: 100_000 }),
  annotations: v.array(annotationSchema, { max: 10_000_000 }),
  codebook: codebookSchema,
  comparisons: v.array(comparisonSetupSchema, { max: 100_000 }),
  lexicon: lexiconSchema,
  notes: v.array(projectNoteSchema, { max: 1_000_000 }),
  autosave: v.optional(
    v.object({ sourcePath: v.nullable(v.string({ max: 10_000 })), autosavedAt: isoDate }),
  ),
})
