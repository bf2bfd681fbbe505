import type { DocumentAnalysis } from '../shared/analysis'
import type { ExtractedDocument } from '../shared/document'
import type { ApiErrorValue } from '../shared/errors'
import type { AnalysisInput } from './analysis/index'

/** A job for a worker thread. */
export type WorkerJob =
  { job: 'analyze'; input: AnalysisInput } | { job: 'extract'; bytes: Uint8Array; fileName: string }

export type WorkerReply =
  { ok: true; value: DocumentAnalysis | ExtractedDocument } | { ok: false; error: ApiErrorValue }
