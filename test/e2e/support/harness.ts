/**
 * Transport 2: the real workbench, built in the test process against a fresh temp data folder,
 * exposed to the real built renderer in Chromium. The page gets the same `parallaxTransport`
 * the preload installs in Electron — invoke a call, listen to events — so the renderer cannot tell
 * the difference. One generic binding; no line per call.
 */

import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from '@playwright/test'
import type { ApiEvent, ExportKind } from '../../../src/shared/api'
import type { UnsavedAnswer } from '../../../src/main/project-service'
import { Workbench, type Dialogs } from '../../../src/main/workbench'

export const repoRoot = resolve(import.meta.dirname, '../../..')
const rendererDir = join(repoRoot, 'out/renderer')
const builtWorker = join(repoRoot, 'out/main/worker.js')

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/** Serves the built renderer over http (module scripts are blocked on file://). */
export async function serveRenderer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path))
    if (!file.startsWith(rendererDir)) {
      res.writeHead(403).end()
      return
    }
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => res.writeHead(404).end(),
    )
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no server address')
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  }
}

/** Wire codec: the binding carries JSON, so bytes travel as base64 and are restored each side. */
const encodeInPage = `
  const toWire = (x) => {
    if (x instanceof Uint8Array) {
      let s = ''; for (let i = 0; i < x.length; i += 0x8000) s += String.fromCharCode.apply(null, x.subarray(i, i + 0x8000));
      return { __bytes: btoa(s) }
    }
    if (Array.isArray(x)) return x.map(toWire)
    if (x && typeof x === 'object') { const o = {}; for (const k of Object.keys(x)) o[k] = toWire(x[k]); return o }
    return x
  }`

function fromWire(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(fromWire)
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>
    if (typeof o.__bytes === 'string' && Object.keys(o).length === 1) {
      return new Uint8Array(Buffer.from(o.__bytes, 'base64'))
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fromWire(v)]))
  }
  return x
}

/** Dialog answers a test sets in advance (Joplin's habit: dialogs are stubbed, not clicked). */
export class StubDialogs implements Dialogs {
  /** The next import dialog's answer (null = cancelled). */
  next: string[] | null = null
  /** Answers of the next open-project dialogs, in order (null = cancelled; none left = cancelled). */
  openPaths: (string | null)[] = []
  /** Answers of the next save dialogs (project or export), in order. */
  savePaths: (string | null)[] = []
  /** Answers of the next "Save changes?" questions, in order (none left = cancel). */
  confirmAnswers: UnsavedAnswer[] = []
  /** Every question asked, for tests to assert on: `save:project:<suggested name>`, `confirm:<name>`… */
  readonly asked: string[] = []

  async chooseImportPaths(): Promise<string[] | null> {
    const answer = this.next
    this.next = null
    return answer
  }
  async chooseProjectToOpen(): Promise<string | null> {
    this.asked.push('open')
    return this.openPaths.shift() ?? null
  }
  async chooseSavePath(
    purpose: 'project' | ExportKind,
    suggestedName: string,
  ): Promise<string | null> {
    this.asked.push(`save:${purpose}:${suggestedName}`)
    return this.savePaths.shift() ?? null
  }
  async confirmUnsaved(projectName: string): Promise<UnsavedAnswer> {
    this.asked.push(`confirm:${projectName}`)
    return this.confirmAnswers.shift() ?? 'cancel'
  }
}

export interface Harness {
  workbench: Workbench
  dataDir: string
  dialogs: StubDialogs
  /** Opens the app in the page (again, after a restart). */
  open(page: Page): Promise<void>
  /** Closes the workbench and builds a new one on the same data folder: an app restart. */
  restart(page: Page): Promise<void>
  dispose(): Promise<void>
}

export async function createHarness(rendererUrl: string, dataDir?: string): Promise<Harness> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'parallax-e2e-')))
  const dialogs = new StubDialogs()
  const make = () =>
    Workbench.create({
      dataDir: dir,
      samplesDir: join(repoRoot, 'resources/samples'),
      dialogs,
      // The app's own built worker (e2e runs after `electron-vite build`): extraction and
      // analysis run off the test process's thread, as they run off the app's main thread.
      ...(existsSync(builtWorker) ? { worker: pathToFileURL(builtWorker) } : {}),
    })
  let workbench = await make()
  let unsubscribe: (() => void) | null = null
  let bound = false

  const attach = async (page: Page) => {
    unsubscribe?.()
    unsubscribe = workbench.onEvent((event: ApiEvent) => {
      void page.evaluate((ev) => window.__parallaxEmit?.(ev), event).catch(() => undefined)
    })
    if (bound) return
    bound = true
    await page.exposeFunction('__parallaxInvoke', (channel: string, args: unknown) =>
      harness.workbench.dispatch(channel, fromWire(args)),
    )
    await page.addInitScript({
      content: `(() => {
        ${encodeInPage}
        const listeners = new Set()
        window.__parallaxEmit = (ev) => { for (const l of listeners) l(ev) }
        window.parallaxTransport = {
          invoke: (channel, args) => window.__parallaxInvoke(channel, toWire(args)),
          subscribe: (listener) => { listeners.add(listener); return () => listeners.delete(listener) },
        }
      })()`,
    })
  }

  const harness: Harness = {
    get workbench() {
      return workbench
    },
    dataDir: dir,
    dialogs,
    async open(page) {
      await attach(page)
      await page.goto(rendererUrl)
    },
    async restart(page) {
      await workbench.close()
      workbench = await make()
      await attach(page)
      await page.goto(rendererUrl)
    },
    async dispose() {
      unsubscribe?.()
      await workbench.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
  return harness
}

declare global {
  interface Window {
    __parallaxEmit?: (event: ApiEvent) => void
  }
}
