import { test as base } from '@playwright/test'
import { createHarness, serveRenderer, type Harness } from './harness'

/** Every test starts from a fresh library folder and the real built renderer. */
export const test = base.extend<{ app: Harness }, { rendererUrl: string }>({
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
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()))
    await harness.open(page)
    await use(harness)
    if (testInfo.status !== testInfo.expectedStatus && errors.length > 0) {
      await testInfo.attach('page-errors', { body: errors.join('\n'), contentType: 'text/plain' })
    }
    await harness.dispose()
  },
})

export { expect } from '@playwright/test'
