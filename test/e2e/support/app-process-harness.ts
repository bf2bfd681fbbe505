/**
 * Transport 3: the real workbench in a child Node process — the stand-in for Electron's main
 * process — so a test can kill it (SIGKILL) at the worst moment of a save and start the app again
 * on the same data folder. The page keeps the binding of page-transport.ts; this harness relays
 * its calls over the child's IPC channel (one relay for every call) and forwards the child's
 * events to the page. Opt-in (the `appProcess` fixture): the in-process harness stays the fast
 * default.
 */

import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from '@playwright/test'
import type { ApiCalls, ApiChannel, Envelope } from '../../../src/shared/api'
import { ParallaxError } from '../../../src/shared/errors'
import type { AppMessage, AppProcessOptions, AppRequest } from './app-protocol'
import { builtWorker, repoRoot } from './harness'
import { bindTransport, emitToPage } from './page-transport'
import type { DialogAnswers } from './stub-dialogs'

const entry = join(repoRoot, 'test/e2e/support/app-process.ts')

/** Distributes `Omit` over the request union, so each request is built without its id. */
type Request = AppRequest extends infer R ? (R extends AppRequest ? Omit<R, 'id'> : never) : never

export interface AppProcessHarness {
  readonly dataDir: string
  /** The running app process's id (null between a kill and the next start). */
  readonly pid: number | null
  /** Starts the app process when none runs, and opens the app in the page. */
  open(page: Page): Promise<void>
  /** A contract call from the test, through the same relay as the page's; errors are thrown. */
  call<K extends ApiChannel>(
    channel: K,
    ...args: ApiCalls[K]['args']
  ): Promise<ApiCalls[K]['result']>
  /** Queues answers of the app's stub dialogs. */
  queueDialogs(answers: DialogAnswers): Promise<void>
  /** Every dialog question the running app process asked: `save:project:<name>`, `open`… */
  asked(): Promise<string[]>
  /**
   * Arms the crash seam: the next project save stops after writing its temp file.
   * `tempWritten` resolves with that file's path once it is written (and rejects if the process
   * ends first).
   */
  pauseNextSave(): Promise<{ tempWritten: Promise<string> }>
  /** SIGKILL, as a crash: nothing of the app runs after it. Resolves when the process is gone. */
  kill(): Promise<void>
  /** Starts a new app process on the same data folder and reloads the page: the next launch. */
  restart(page: Page): Promise<void>
  /** Closes the app process as a quit would (or kills it if it hangs) and deletes the data folder. */
  dispose(): Promise<void>
}

interface Running {
  child: ChildProcess
  exited: Promise<void>
  output: () => string
}

/**
 * Creates the harness on a fresh temp data folder. Options are those of the app process (see
 * AppProcessOptions) other than the folders, which the harness fills in.
 */
export async function createAppProcessHarness(
  rendererUrl: string,
  options: Pick<AppProcessOptions, 'autosaveDelayMs' | 'crashSeam'> = {},
): Promise<AppProcessHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parallax-e2e-process-'))
  const startOptions: AppProcessOptions = {
    dataDir,
    samplesDir: join(repoRoot, 'resources/samples'),
    ...(existsSync(builtWorker) ? { workerUrl: pathToFileURL(builtWorker).href } : {}),
    ...options,
  }
  let running: Running | null = null
  let page: Page | null = null
  let nextId = 1
  const pending = new Map<number, (value: unknown) => void>()
  let onTempWritten: ((path: string) => void) | null = null

  const start = async (): Promise<Running> => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', entry, JSON.stringify(startOptions)],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        // Structured clone, as Electron's IPC: bytes cross as Uint8Array.
        serialization: 'advanced',
      },
    )
    let output = ''
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
    const exited = new Promise<void>((done) => child.once('exit', () => done()))
    const self: Running = { child, exited, output: () => output }
    const ready = new Promise<void>((ok, fail) => {
      child.on('message', (raw) => {
        const message = raw as AppMessage
        if (message.type === 'ready') ok()
        else if (message.type === 'failed')
          fail(new Error(`app process failed: ${message.message}`))
        else if (message.type === 'reply') {
          pending.get(message.id)?.(message.value)
          pending.delete(message.id)
        } else if (message.type === 'event') {
          if (page) emitToPage(page, message.event)
        } else if (message.type === 'temp-written') {
          onTempWritten?.(message.path)
          onTempWritten = null
        }
      })
      void exited.then(() => fail(new Error(`app process exited before it was ready:\n${output}`)))
    })
    void exited.then(() => {
      if (running === self) running = null
      // Calls in flight when the process died get the error a dead main process would give.
      for (const [id, settle] of pending) {
        settle({
          ok: false,
          error: { code: 'internal', message: 'The app process stopped.' },
        } satisfies Envelope<never>)
        pending.delete(id)
      }
    })
    await ready
    return self
  }

  const request = (message: Request): Promise<unknown> => {
    const target = running
    if (!target) return Promise.reject(new Error('the app process is not running'))
    const id = nextId++
    return new Promise((settle) => {
      pending.set(id, settle)
      target.child.send({ ...message, id } satisfies AppRequest)
    })
  }

  const dispatch = async (channel: string, args: unknown): Promise<Envelope<unknown>> => {
    if (!running) {
      return { ok: false, error: { code: 'internal', message: 'The app process is not running.' } }
    }
    return (await request({ type: 'invoke', channel, args })) as Envelope<unknown>
  }

  const kill = async (): Promise<void> => {
    const target = running
    if (!target) return
    target.child.kill('SIGKILL')
    await target.exited
  }

  const openIn = async (p: Page): Promise<void> => {
    running ??= await start()
    page = p
    await bindTransport(p, dispatch)
    await p.goto(rendererUrl)
  }

  return {
    dataDir,
    get pid() {
      return running?.child.pid ?? null
    },
    open: openIn,
    async call(channel, ...args) {
      const envelope = await dispatch(channel, args)
      if (!envelope.ok) {
        throw new ParallaxError(envelope.error.code, envelope.error.message, envelope.error.file)
      }
      // The envelope of `channel` carries that channel's result (the workbench validated it).
      return envelope.value as ApiCalls[typeof channel]['result']
    },
    async queueDialogs(answers) {
      await request({ type: 'dialogs', answers })
    },
    async asked() {
      return (await request({ type: 'asked' })) as string[]
    },
    async pauseNextSave() {
      const target = running
      if (!target) throw new Error('the app process is not running')
      const tempWritten = new Promise<string>((ok, fail) => {
        onTempWritten = ok
        void target.exited.then(() =>
          fail(new Error(`app process exited before the save paused:\n${target.output()}`)),
        )
      })
      // Nobody may be waiting when a test never saves; the rejection is then harmless.
      tempWritten.catch(() => undefined)
      await request({ type: 'pause-next-save' })
      return { tempWritten }
    },
    kill,
    async restart(p) {
      if (running) {
        await request({ type: 'close' })
        await running?.exited
      }
      await openIn(p)
    },
    async dispose() {
      const target = running
      if (target) {
        const closed = request({ type: 'close' }).then(() => target.exited)
        const hung = new Promise((done) => setTimeout(done, 10_000).unref())
        await Promise.race([closed, hung])
        await kill()
      }
      page = null
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
