/**
 * The real Electron app, where its binary exists (users' and developers' machines). Here the
 * binary cannot be downloaded, so this project skips with the reason printed; the Chromium project
 * drives the same renderer and workbench over the test transport.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { repoRoot } from '../support/harness'

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

const binary = electronBinary()
if (!binary) {
  console.log(
    '[electron project] skipped: no Electron binary installed here (ELECTRON_SKIP_BINARY_DOWNLOAD).',
  )
}

test.describe('Parallax in Electron', () => {
  test.skip(
    !binary,
    'no Electron binary installed (ELECTRON_SKIP_BINARY_DOWNLOAD); the chromium project covers the renderer and workbench',
  )

  let app: ElectronApplication
  let dataDir: string

  test.beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parallax-electron-'))
    app = await electron.launch({
      executablePath: binary!,
      args: [join(repoRoot, 'out/main/index.js'), '--data-dir', dataDir],
    })
  })

  test.afterEach(async () => {
    await app.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  test('starts with the sample articles and a locked-down window', async () => {
    const page = await app.firstWindow()
    await expect(page.getByText('Iranian death toll continues to rise!').first()).toBeVisible()
    // No Node in the page (sandboxed, isolated), no ipcRenderer, only the narrow transport.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    )
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
      'undefined',
    )
    expect(
      await page.evaluate(() =>
        Object.keys((window as unknown as Record<string, object>).parallaxTransport ?? {}).sort(),
      ),
    ).toEqual(['invoke', 'subscribe'])
  })

  test('denies navigation, new windows and network requests', async () => {
    const page = await app.firstWindow()
    const before = page.url()
    await page.evaluate(() => {
      window.location.href = 'https://example.com/'
    })
    await page.waitForTimeout(500)
    expect(page.url()).toBe(before)
    await page.evaluate(() => void window.open('https://example.com/'))
    await page.waitForTimeout(500)
    expect(app.windows()).toHaveLength(1)
    const fetched = await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'loaded',
        () => 'blocked',
      ),
    )
    expect(fetched).toBe('blocked')
  })
})
