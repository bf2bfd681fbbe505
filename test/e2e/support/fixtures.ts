import { test as base, type Page } from '@playwright/test'
import { createHarness, serveRenderer, type Harness } from './harness'
import { createAppProcessHarness, type AppProcessHarness } from './app-process-harness'

/**
 * Every test starts from a fresh library folder and the real built renderer. `app` runs the
 * workbench in the test process (fast; every spec); `appProcess` runs it in a child process that
 * a test can kill (the crash story), with the crash seam installed and a short autosave delay.
 */
export const test = base.extend<
  { app: Harness; appProcess: AppProcessHarness },
  { rendererUrl: string }
>({
  rendererUrl: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveRenderer()
      await use(server.url)
      await server.close()
    },
    { scope: 'worker' },
  ],
  app: async ({ page, rendererUrl }, use, testInfo) => {
    const harness = await createHarness(rendererUrl)
    const errors = collectPageErrors(page)
    await harness.open(page)
    await use(harness)
    if (testInfo.status !== testInfo.expectedStatus && errors.length > 0) {
      await testInfo.attach('page-errors', { body: errors.join('\n'), contentType: 'text/plain' })
    }
    await harness.dispose()
  },
  appProcess: async ({ page, rendererUrl }, use, testInfo) => {
    const harness = await createAppProcessHarness(rendererUrl, {
      crashSeam: true,
      autosaveDelayMs: 300,
    })
    const errors = collectPageErrors(page)
    try {
      await harness.open(page)
      await use(harness)
      if (testInfo.status !== testInfo.expectedStatus && errors.length > 0) {
        await testInfo.attach('page-errors', { body: errors.join('\n'), contentType: 'text/plain' })
      }
    } finally {
      // Also when the app process never started: its data folder goes.
      await harness.dispose()
    }
  },
})

function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()))
  return errors
}

export { expect } from '@playwright/test'
