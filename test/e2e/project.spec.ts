import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from './support/fixtures'
import { repoRoot } from './support/harness'
import { MainScreen } from './pages/main-screen'

const SAMPLE_A = 'Iranian death toll continues to rise!'
const SCREENS = join(repoRoot, 'test-results/screens')
const QUOTE = 'Revolutionary Guards'

const CRASH_NOTE = 'Written just before the crash'

/** The notes of a project file's annotations. */
function notesIn(bytes: Buffer): string[] {
  const project = JSON.parse(bytes.toString('utf8')) as { annotations: { note?: string }[] }
  return project.annotations.flatMap((a) => (a.note === undefined ? [] : [a.note]))
}

/** The notes in the data folder's recovery files (what the autosave wrote). */
async function recoveryNotes(dataDir: string): Promise<string[]> {
  const dir = join(dataDir, 'recovery')
  const names = await readdir(dir).catch(() => [])
  const notes: string[] = []
  for (const name of names.filter((n) => n.endsWith('.parallax'))) {
    // An autosave being renamed into place can be missed; the poll asks again.
    const bytes = await readFile(join(dir, name)).catch(() => null)
    if (bytes) notes.push(...notesIn(bytes))
  }
  return notes
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Signal 0 asks whether a process exists without touching it. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENS, { recursive: true })
  await page.screenshot({ path: join(SCREENS, `project-${name}.png`) })
}

/** Selects the first occurrence of `quote` in the reader, as a mouse drag would, and lets go. */
async function selectInReader(page: Page, quote: string): Promise<void> {
  // Wait for the analysis: its highlights re-render the text, which would drop a selection
  // made before they arrive.
  await page.getByTestId('reader-text').locator('mark.px-hl-figures').first().waitFor()
  const found = await page.evaluate((q) => {
    const root = document.querySelector('[data-testid="reader-text"]')!
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent?.indexOf(q) ?? -1
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(n, at)
      range.setEnd(n, at + q.length)
      const sel = window.getSelection()!
      sel.removeAllRanges()
      sel.addRange(range)
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
      return true
    }
    return false
  }, quote)
  expect(found).toBe(true)
}

test.describe('projects', () => {
  let files: string
  test.beforeEach(async () => {
    files = await mkdtemp(join(tmpdir(), 'parallax-e2e-projects-'))
  })
  test.afterEach(async () => {
    await rm(files, { recursive: true, force: true })
  })

  test('annotate, save, restart, and the project reopens identical', async ({ app, page }) => {
    const screen = new MainScreen(page)
    await expect(page.getByTestId('project-name')).toContainText('Sample')
    await expect(page.getByTestId('unsaved-mark')).toHaveCount(0)

    // A code, made in the codebook panel.
    await page.getByRole('button', { name: /^Annotations/ }).click()
    await page.getByRole('tab', { name: 'Codebook' }).click()
    await page.getByLabel('New code').fill('Casualties')
    await page.getByRole('button', { name: 'Create' }).click()
    await expect(page.getByTestId('code-name')).toHaveText(['Casualties'])
    await page.keyboard.press('Escape')

    // An annotation from a text selection in the reader.
    await screen.open(SAMPLE_A)
    await selectInReader(page, QUOTE)
    await page.getByTestId('add-annotation').click()
    const form = page.getByTestId('annotation-form')
    await expect(form).toContainText(QUOTE)
    await form.getByRole('combobox', { name: 'Code' }).click()
    await page.getByRole('option', { name: 'Casualties', exact: true }).click()
    await form.getByRole('textbox', { name: 'Note' }).fill('Who is counted as a loss')
    await screenshot(page, 'add-annotation')
    await form.getByRole('button', { name: 'Add annotation' }).click()
    await expect(form).toHaveCount(0)
    await expect(page.getByTestId('unsaved-mark')).toBeVisible()

    const [annotation] = await app.workbench.call('annotations.list', {})
    const view = await app.workbench.call('library.get', annotation!.target.docId)
    expect(view.text.slice(annotation!.target.start, annotation!.target.end)).toBe(QUOTE)

    await page.getByRole('button', { name: /^Annotations/ }).click()
    await expect(page.getByTestId('annotation-item')).toHaveCount(1)
    await expect(page.getByTestId('annotation-note')).toHaveText('Who is counted as a loss')
    await screenshot(page, 'annotations-panel')
    await page.keyboard.press('Escape')

    const path = join(files, 'study.parallax')
    app.dialogs.savePaths.push(path)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByTestId('unsaved-mark')).toHaveCount(0)
    expect(app.dialogs.asked.at(-1)).toMatch(/^save:project:/)
    const before = {
      annotations: await app.workbench.call('annotations.list', {}),
      codebook: await app.workbench.call('codebook.list'),
      comparisons: await app.workbench.call('comparisons.list'),
    }

    await app.restart(page)
    await expect(page.getByTestId('project-name')).toContainText('Sample')
    await expect(page.getByTestId('unsaved-mark')).toHaveCount(0)
    expect(await app.workbench.call('project.status')).toMatchObject({ path, annotationCount: 1 })
    expect({
      annotations: await app.workbench.call('annotations.list', {}),
      codebook: await app.workbench.call('codebook.list'),
      comparisons: await app.workbench.call('comparisons.list'),
    }).toEqual(before)
    await page.getByRole('button', { name: /^Annotations/ }).click()
    await expect(page.getByTestId('annotation-note')).toHaveText('Who is counted as a loss')
    await screenshot(page, 'reopened')
  })

  test('save as writes a new file and keeps the first', async ({ app, page }) => {
    await app.workbench.call('codebook.create', { name: 'Framing' })
    const first = join(files, 'first.parallax')
    app.dialogs.savePaths.push(first)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByTestId('unsaved-mark')).toHaveCount(0)
    const firstBytes = await readFile(first)

    await app.workbench.call('codebook.create', { name: 'Sources' })
    await expect(page.getByTestId('unsaved-mark')).toBeVisible()
    const second = join(files, 'second.parallax')
    app.dialogs.savePaths.push(second)
    await page.getByRole('button', { name: 'Project menu' }).click()
    await page.getByRole('menuitem', { name: 'Save As…' }).click()
    await expect(page.getByTestId('unsaved-mark')).toHaveCount(0)
    expect(await readFile(first)).toEqual(firstBytes)
    const saved = JSON.parse(await readFile(second, 'utf8')) as { codebook: { name: string }[] }
    expect(saved.codebook.map((c) => c.name)).toEqual(['Framing', 'Sources'])
    expect((await app.workbench.call('project.status')).path).toBe(second)
  })

  test('a bad project file shows an error and changes nothing', async ({ app, page }) => {
    await app.workbench.call('codebook.create', { name: 'Unsaved work' })
    const good = join(files, 'good.parallax')
    app.dialogs.savePaths.push(good)
    await app.workbench.call('project.saveAs')
    await app.workbench.call('codebook.create', { name: 'More unsaved work' })
    const before = await app.workbench.call('project.status')

    const text = await readFile(good, 'utf8')
    const bad = join(files, 'cut-off.parallax')
    await writeFile(bad, text.slice(0, 300))
    const bytes = await readFile(bad)
    app.dialogs.openPaths.push(bad)
    await page.getByRole('button', { name: 'Project menu' }).click()
    await page.getByRole('menuitem', { name: 'Open…' }).click()
    await expect(page.getByTestId('project-message')).toContainText('cut-off.parallax')
    await expect(page.getByTestId('project-message')).toContainText('damaged or incomplete')
    await screenshot(page, 'bad-file')
    expect(await readFile(bad)).toEqual(bytes)
    expect(await app.workbench.call('project.status')).toEqual(before)
    await expect(page.getByTestId('unsaved-mark')).toBeVisible()
  })

  test('the review queue accepts, rejects and corrects machine figures with keys', async ({
    app,
    page,
  }) => {
    await page.getByRole('button', { name: /^Annotations/ }).click()
    await page.getByRole('tab', { name: 'Review figures' }).click()
    const queue = page.getByTestId('review-queue')
    await expect(queue.getByTestId('review-item').first()).toBeVisible({ timeout: 30_000 })
    await queue.focus()
    await page.keyboard.press('a')
    await expect(queue.getByTestId('review-item').first()).toHaveAttribute(
      'data-status',
      'accepted',
    )
    await page.keyboard.press('r')
    await expect(queue.getByTestId('review-item').nth(1)).toHaveAttribute('data-status', 'rejected')
    await page.keyboard.press('e')
    await queue.getByRole('textbox', { name: 'Value' }).fill('12')
    await queue.getByRole('button', { name: 'Save correction' }).click()
    await expect(queue.getByTestId('review-item').nth(2)).toHaveAttribute('data-status', 'edited')
    await screenshot(page, 'review-queue')
    const reviews = await app.workbench.call('annotations.list', { includeRejected: true })
    expect(reviews.map((r) => r.status).sort()).toEqual(['accepted', 'edited', 'rejected'])
    expect(reviews.find((r) => r.status === 'edited')?.figure?.value).toBe(12)
    // Undo takes the correction back.
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect
      .poll(
        async () =>
          (await app.workbench.call('annotations.list', { includeRejected: true })).length,
      )
      .toBe(2)
  })

  test('recovery is offered after the app stopped without closing the project', async ({
    app,
    page,
  }) => {
    await app.workbench.call('codebook.create', { name: 'Recovered code' })
    await expect(page.getByTestId('unsaved-mark')).toBeVisible()
    // The app goes away without saving or closing the project (its quit flushes the autosave):
    // the recovery file stays. The next story kills a real process instead.
    await app.restart(page)
    const prompt = page.getByTestId('recovery-prompt')
    await expect(prompt).toContainText('did not close properly')
    await screenshot(page, 'recovery-prompt')
    await prompt.getByRole('button', { name: 'Recover' }).click()
    await expect(prompt).toHaveCount(0)
    await expect(page.getByTestId('unsaved-mark')).toBeVisible()
    expect((await app.workbench.call('codebook.list')).map((c) => c.name)).toEqual([
      'Recovered code',
    ])
  })

  test('a crash during save leaves the previous file intact and offers recovery', async ({
    appProcess,
    page,
  }) => {
    // The first run's sample project, saved to a file through the (stubbed) save dialog.
    await expect(page.getByTestId('project-name')).toContainText('Sample')
    const path = join(files, 'study.parallax')
    await appProcess.queueDialogs({ savePaths: [path] })
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByTestId('unsaved-mark')).toHaveCount(0)
    expect(await appProcess.asked()).toEqual([expect.stringMatching(/^save:project:/)])
    const firstSave = await readFile(path)
    expect(notesIn(firstSave)).not.toContain(CRASH_NOTE)

    // An annotation made in the UI, then the autosave of it.
    await new MainScreen(page).open(SAMPLE_A)
    await selectInReader(page, QUOTE)
    await page.getByTestId('add-annotation').click()
    const form = page.getByTestId('annotation-form')
    await form.getByRole('textbox', { name: 'Note' }).fill(CRASH_NOTE)
    await form.getByRole('button', { name: 'Add annotation' }).click()
    await expect(form).toHaveCount(0)
    await expect(page.getByTestId('unsaved-mark')).toBeVisible()
    await expect.poll(() => recoveryNotes(appProcess.dataDir)).toContain(CRASH_NOTE)

    // Save stops after writing the temp file; the process is killed there.
    const { tempWritten } = await appProcess.pauseNextSave()
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    const tempPath = await tempWritten
    expect(notesIn(await readFile(tempPath))).toContain(CRASH_NOTE)
    const killed = appProcess.pid
    await appProcess.kill()
    expect(killed).not.toBeNull()
    expect(isRunning(killed!)).toBe(false)
    expect(sha256(await readFile(path))).toBe(sha256(firstSave))

    // The next launch, on the same data folder, offers the work back.
    await appProcess.restart(page)
    expect(appProcess.pid).not.toBe(killed)
    const prompt = page.getByTestId('recovery-prompt')
    await expect(prompt).toContainText('did not close properly')
    await expect(prompt).toContainText(path)
    await expect(prompt).toContainText('(1 annotation,')
    await screenshot(page, 'crash-recovery-prompt')
    await prompt.getByRole('button', { name: 'Recover' }).click()
    await expect(prompt).toHaveCount(0)
    await expect(page.getByTestId('unsaved-mark')).toBeVisible()
    await page.getByRole('button', { name: /^Annotations/ }).click()
    await expect(page.getByTestId('annotation-note')).toHaveText(CRASH_NOTE)
    await page.keyboard.press('Escape')

    // Save goes to the file the recovered work belongs to, without asking where.
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByTestId('unsaved-mark')).toHaveCount(0)
    expect(await appProcess.asked()).toEqual([])
    expect(notesIn(await readFile(path))).toContain(CRASH_NOTE)
    expect(sha256(await readFile(`${path}.bak`))).toBe(sha256(firstSave))
    expect(await appProcess.call('project.recoverable')).toEqual([])
  })
})
