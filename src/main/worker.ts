/**
 * Worker-thread entry for the heavy jobs: turning a file's bytes into text (a long PDF takes
 * seconds) and analysing a document. One message in, one reply out; errors come back as values.
 */

import { parentPort } from 'node:worker_threads'
import { toErrorValue } from '../shared/errors'
import { analyzeDocument } from './analysis/index'
import { extractDocument } from './ingest/index'
import type { WorkerJob, WorkerReply } from './worker-protocol'

parentPort?.on('message', (job: WorkerJob) => {
  void run(job).then((reply) => parentPort?.postMessage(reply))
})

async function run(job: WorkerJob): Promise<WorkerReply> {
  try {
    if (job.job === 'analyze') return { ok: true, value: analyzeDocument(job.input) }
    return { ok: true, value: await extractDocument(job.bytes, job.fileName) }
  } catch (err) {
    return { ok: false, error: toErrorValue(err, job.job === 'extract' ? job.fileName : undefined) }
  }
}
