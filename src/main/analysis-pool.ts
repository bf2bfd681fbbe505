/**
 * Runs document analysis off the main thread. Analysis is CPU-bound (tens of milliseconds per
 * article, seconds for a book-length PDF); in the app's main process it would freeze every
 * window, so it goes to worker threads. Where no built worker script exists (the CLI, the
 * in-process test harness) it runs inline, which is fine there: nothing else waits on that thread.
 */

import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { DocumentAnalysis } from '../shared/analysis'
import { ParallaxError, type ApiErrorValue } from '../shared/errors'
import { analyzeDocument, type AnalysisInput } from './analysis/index'

export interface AnalysisPoolOptions {
  workerUrl?: URL
  execArgv?: string[]
  /** Workers to run at once; defaults to cores − 1 (at least 1) so the UI keeps a core. */
  size?: number
}

type WorkerReply = { ok: true; analysis: DocumentAnalysis } | { ok: false; error: ApiErrorValue }

interface Job {
  input: AnalysisInput
  resolve: (a: DocumentAnalysis) => void
  reject: (e: unknown) => void
}

export class AnalysisPool {
  private readonly idle: Worker[] = []
  private readonly all = new Set<Worker>()
  private readonly queue: Job[] = []
  private readonly size: number
  private closed = false

  constructor(private readonly options: AnalysisPoolOptions = {}) {
    this.size = options.size ?? Math.max(1, availableParallelism() - 1)
  }

  /** True when analysis runs on worker threads. */
  get isOffThread(): boolean {
    return this.options.workerUrl !== undefined
  }

  run(input: AnalysisInput): Promise<DocumentAnalysis> {
    if (this.closed) return Promise.reject(new ParallaxError('internal', 'The analysis pool is closed.'))
    if (!this.options.workerUrl) {
      // Inline: defer a tick so callers can still register progress handlers first.
      return new Promise((resolve, reject) =>
        setImmediate(() => {
          try {
            resolve(analyzeDocument(input))
          } catch (err) {
            reject(err)
          }
        }),
      )
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject })
      this.pump()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) {
      job.reject(new ParallaxError('internal', 'Analysis was cancelled because the app is closing.'))
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
    const worker = new Worker(this.options.workerUrl!, {
      ...(this.options.execArgv ? { execArgv: this.options.execArgv } : {}),
    })
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
      if (reply.ok) job.resolve(reply.analysis)
      else job.reject(new ParallaxError(reply.error.code, reply.error.message, reply.error.file))
      this.idle.push(worker)
      this.pump()
    }
    const onError = (err: Error) => {
      // A crashed worker is dropped; the next job gets a fresh one.
      cleanup()
      this.all.delete(worker)
      job.reject(new ParallaxError('internal', `Analysis failed: ${err.message}`))
      this.pump()
    }
    // A worker killed by the system (out of memory) exits without an 'error' event.
    const onExit = (code: number) => onError(new Error(`the analysis worker stopped (exit code ${code})`))
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    worker.postMessage(job.input)
  }
}
