/**
 * The app process of the crash e2e story: the stand-in for Electron's main process. Started by
 * app-process-harness.ts with `node --import tsx app-process.ts '<AppProcessOptions as JSON>'`,
 * it builds the real Workbench on the given data folder (built worker, stub dialogs, as the
 * in-process harness does) and serves the contract over the IPC channel, so the test can kill it
 * with SIGKILL like a crash.
 */

import { Workbench } from '../../../src/main/workbench'
import type { AppMessage, AppProcessOptions, AppRequest } from './app-protocol'
import { StubDialogs } from './stub-dialogs'

if (!process.send) throw new Error('app-process must be started with an IPC channel')

function send(message: AppMessage, then?: () => void): void {
  process.send?.(message, undefined, {}, () => then?.())
}

const options = JSON.parse(process.argv[2] ?? '{}') as AppProcessOptions
const dialogs = new StubDialogs()
let pauseArmed = false

/** The crash seam: parks the save between temp file and rename until the process is killed. */
function pauseBeforeRename(tempPath: string): Promise<void> {
  if (!pauseArmed) return Promise.resolve()
  pauseArmed = false
  process.stdout.write(`temp-written ${tempPath}\n`)
  send({ type: 'temp-written', path: tempPath })
  return new Promise<void>(() => undefined)
}

/** Answers the test's requests until it closes the process (or kills it). */
function serve(workbench: Workbench): void {
  let closed: Promise<void> | null = null
  // The app's quit: unsaved work reaches the recovery file, the library lock is released.
  const close = () => (closed ??= workbench.close().catch(() => undefined))

  const answer = async (request: AppRequest): Promise<unknown> => {
    switch (request.type) {
      case 'invoke':
        return workbench.dispatch(request.channel, request.args)
      case 'dialogs':
        dialogs.queue(request.answers)
        return null
      case 'asked':
        return [...dialogs.asked]
      case 'pause-next-save':
        if (!options.crashSeam) throw new Error('the app process was started without crashSeam')
        pauseArmed = true
        return null
      case 'close':
        await close()
        return null
    }
  }

  workbench.onEvent((event) => send({ type: 'event', event }))
  process.on('message', (raw) => {
    const request = raw as AppRequest
    answer(request).then(
      (value) =>
        send({ type: 'reply', id: request.id, value }, () => {
          // A save parked by the seam would keep a closed process alive: it ends here.
          if (request.type === 'close') process.exit(0)
        }),
      (err: unknown) =>
        // Only harness misuse lands here: dispatch itself never throws.
        send({
          type: 'reply',
          id: request.id,
          value: { ok: false, error: { code: 'internal', message: String(err) } },
        }),
    )
  })
  // The test process went away without closing us: quit as the app would.
  process.on('disconnect', () => void close().finally(() => process.exit(0)))
  send({ type: 'ready', pid: process.pid })
}

Workbench.create({
  dataDir: options.dataDir,
  samplesDir: options.samplesDir,
  dialogs,
  ...(options.workerUrl ? { worker: new URL(options.workerUrl) } : {}),
  ...(options.autosaveDelayMs !== undefined ? { autosaveDelayMs: options.autosaveDelayMs } : {}),
  ...(options.crashSeam ? { beforeProjectRename: pauseBeforeRename } : {}),
}).then(serve, (err: unknown) =>
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) }, () =>
    process.exit(1),
  ),
)
