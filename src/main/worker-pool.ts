/**
 * Runs the heavy jobs off the main thread: text extraction (a long PDF takes seconds) and
 * analysis (tens of milliseconds per article, seconds for a book). In the app's main process they
 * would freeze every window, so they go to worker threads. Where no built worker script exists
 * (the CLI, the in-process test harness) they run inline, which is fine there: nothing else
 * waits on that thread.
 */

import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { DocumentAnalysis } from '../shared/analysis'
import type { ExtractedDocument } from '../shared/document'
import { ParallaxError } from '../shared/errors'
import { analyzeDocument, type AnalysisInput } from './analysis/index'
import { extractDocument } from './ingest/index'
import type { WorkerJob, WorkerReply } from './worker-protocol'

export interface WorkerPoolOptions {
  workerUrl?: URL
  /** Workers to run at once; defaults to cores − 1 (at least 1) so the UI keeps a core. */
  size?: number
}

interface Job {
  message: WorkerJob
  resolve: (value: never) => void
  reject: (e: unknown) => void
}

export class WorkerPool {
  private readonly idle: Worker[] = []
  private readonly all = new Set<Worker>()
  private readonly queue: Job[] = []
  private readonly size: number
  private closed = false

  constructor(private readonly options: WorkerPoolOptions = {}) {
    this.size = options.size ?? Math.max(1, availableParallelism() - 1)
  }

  /** True when analysis runs on worker threads. */
  get isOffThread(): boolean {
    return this.options.workerUrl !== undefined
  }

  /** Analyses a document. */
  run(input: AnalysisInput): Promise<DocumentAnalysis> {
    return this.submit<DocumentAnalysis>({ job: 'analyze', input }, () => analyzeDocument(input))
  }

  /** Extracts a file's text. The bytes are copied to the worker; the caller keeps its own. */
  extract(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument> {
    return this.submit<ExtractedDocument>({ job: 'extract', bytes, fileName }, () =>
      extractDocument(bytes, fileName),
    )
  }

  private submit<T>(message: WorkerJob, inline: () => T | Promise<T>): Promise<T> {
    if (this.closed)
      return Promise.reject(new ParallaxError('internal', 'The worker pool is closed.'))
    if (!this.options.workerUrl) {
      // Inline: defer a tick so callers can still register progress handlers first.
      return new Promise<T>((resolve, reject) =>
        setImmediate(() => {
          Promise.resolve().then(inline).then(resolve, reject)
        }),
      )
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ message, resolve: resolve as (value: never) => void, reject })
      this.pump()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) {
      job.reject(new ParallaxError('internal', 'The job was cancelled because the app is closing.'))
    }
    await Promise.all([...this.all].map((w) => w.terminate()))
    this.all.clear()
    this.idle.length = 0
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.all.size < this.size ? this.spawn() : undefined)
      if (!worker) return
      const job = this.queue.shift()!
      this.dispatch(worker, job)
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.options.workerUrl!)
    worker.unref()
    this.all.add(worker)
    return worker
  }

  private dispatch(worker: Worker, job: Job): void {
    const cleanup = () => {
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
    }
    const onMessage = (reply: WorkerReply) => {
      cleanup()
      if (reply.ok) job.resolve(reply.value as never)
      else job.reject(new ParallaxError(reply.error.code, reply.error.message, reply.error.file))
      this.idle.push(worker)
      this.pump()
    }
    const onError = (err: Error) => {
      // A crashed worker is dropped; the next job gets a fresh one.
      cleanup()
      this.all.delete(worker)
      const file = job.message.job === 'extract' ? job.message.fileName : undefined
      const what = file ? 'Reading the file' : 'Analysis'
      job.reject(new ParallaxError('internal', `${what} failed: ${err.message}`, file))
      this.pump()
    }
    // A worker killed by the system (out of memory) exits without an 'error' event.
    const onExit = (code: number) =>
      onError(new Error(`the analysis worker stopped (exit code ${code})`))
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    worker.postMessage(job.message)
  }
}
