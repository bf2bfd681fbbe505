/**
 * Transport 2: the real workbench, built in the test process against a fresh temp data folder,
 * exposed to the real built renderer in Chromium through the page binding of page-transport.ts.
 * (app-process-harness.ts runs the same workbench in a child process instead, so it can be killed.)
 */

import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from '@playwright/test'
import type { ApiEvent } from '../../../src/shared/api'
import { Workbench } from '../../../src/main/workbench'
import { bindTransport, emitToPage } from './page-transport'
import { StubDialogs } from './stub-dialogs'

export const repoRoot = resolve(import.meta.dirname, '../../..')
const rendererDir = join(repoRoot, 'out/renderer')
export const builtWorker = join(repoRoot, 'out/main/worker.js')

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

export { StubDialogs, type DialogAnswers } from './stub-dialogs'

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

  const attach = async (page: Page) => {
    unsubscribe?.()
    unsubscribe = workbench.onEvent((event: ApiEvent) => emitToPage(page, event))
    await bindTransport(page, (channel, args) => workbench.dispatch(channel, args))
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
