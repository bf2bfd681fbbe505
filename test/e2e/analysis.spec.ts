import { test, expect } from './support/fixtures'
import { MainScreen } from './pages/main-screen'
import { ReaderAnalysis } from './pages/reader-analysis'

const SAMPLE_B = 'Syria: Iran Admits “Heavy Casualties”'

test.describe('analysis in the reader', () => {
  test('figures are highlighted and explained on hover and focus', async ({ app, page }) => {
    const screen = new MainScreen(page)
    const reader = new ReaderAnalysis(page)
    await screen.open(SAMPLE_B)
    await expect(reader.figureMarks.first()).toBeVisible({ timeout: 30_000 })

    // As many highlighted figures as the analysis found in this document.
    const id =
      (await app.workbench.call('library.list')).find((r) => r.title === SAMPLE_B)?.id ?? ''
    const analysis = await app.workbench.call('analysis.get', id)
    const starts = await reader.figureMarks.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-hl-start')).filter((s) => s !== null),
    )
    // Figures inside collapsed boxes (comments, widgets) are not on screen until opened.
    const collapsed = new Set(['comments', 'widget', 'boilerplate', 'furniture'])
    const shown = analysis.figures.filter((f) => !collapsed.has(f.segmentRole))
    const figureStarts = new Set(shown.map((f) => String(f.start)))
    expect(starts.filter((s) => figureStarts.has(s)).length).toBe(figureStarts.size)

    const atLeast700 = reader.figure('700')
    await atLeast700.hover()
    await expect(reader.card).toBeVisible()
    const figureCard = reader.card.getByTestId('card-figures')
    await expect(figureCard).toContainText('Qualifier')
    await expect(figureCard).toContainText('at least')
    await expect(figureCard.locator('dd').first()).toHaveText('700')
    await expect(figureCard).toContainText('Interval')
    await screen.screenshot('analysis-figure-card')

    await page.keyboard.press('Escape')
    await expect(reader.card).toBeHidden()

    // Keyboard: tab onto a highlight shows its card too.
    await atLeast700.focus()
    await expect(reader.card).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(reader.card).toBeHidden()
  })

  test('a layer switched off takes its highlights with it', async ({ app, page }) => {
    void app
    const screen = new MainScreen(page)
    const reader = new ReaderAnalysis(page)
    await screen.open(SAMPLE_B)
    await expect(reader.figureMarks.first()).toBeVisible({ timeout: 30_000 })
    const figureSwitch = reader.layerSwitch('figures')
    await expect(figureSwitch).toBeChecked()
    await figureSwitch.click({ force: true })
    await expect(figureSwitch).not.toBeChecked()
    await expect(reader.figureMarks).toHaveCount(0)
    // The text itself is untouched.
    await expect(screen.articleBody.first()).toContainText('at least 700 dead')
    await screen.screenshot('analysis-figures-off')
    await figureSwitch.click({ force: true })
    await expect(reader.figureMarks.first()).toBeVisible()
  })

  test('the figures table lists every figure, sorts, and copies as CSV', async ({
    app,
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const screen = new MainScreen(page)
    const reader = new ReaderAnalysis(page)
    await screen.open(SAMPLE_B)
    await expect(reader.figureMarks.first()).toBeVisible({ timeout: 30_000 })
    const id =
      (await app.workbench.call('library.list')).find((r) => r.title === SAMPLE_B)?.id ?? ''
    const analysis = await app.workbench.call('analysis.get', id)

    await reader.figuresTab.click()
    await expect(reader.figureRows).toHaveCount(analysis.figures.length)
    await expect(reader.figuresTable).toContainText('at_least')
    await expect(reader.figuresTable).toContainText('2,000')
    await screen.screenshot('analysis-figures-table')

    // Sorting by value puts the largest last, then first.
    await reader.figuresTable.getByRole('button', { name: /^Value/ }).click()
    const values = analysis.figures.map((f) => f.value).filter((v): v is number => v !== null)
    const max = Math.max(...values)
    const firstCells = () =>
      reader.figureRows.evaluateAll((rows) => rows.map((r) => r.children[1]?.textContent ?? ''))
    expect((await firstCells()).filter((c) => c !== '—').at(-1)).toBe(max.toLocaleString('en'))
    await reader.figuresTable.getByRole('button', { name: /^Value/ }).click()
    expect((await firstCells())[0]).toBe(max.toLocaleString('en'))

    await reader.copyCsv.click()
    await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible()
    const csv = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    )
    const lines = csv.trim().split(/\r\n/)
    expect(lines[0]).toContain('Figure,Value,Low,High,Qualifier')
    expect(lines).toHaveLength(analysis.figures.length + 1)
    expect(csv).toContain('at_least')

    // A row leads back to its place in the text.
    await reader.figureRows.filter({ hasText: '2,000' }).first().click()
    await expect(reader.readerTab).toHaveAttribute('aria-selected', 'true')
    await expect(page.locator('mark.px-hl-figures:focus')).toContainText('2,000')
  })

  test('the entities list shows names with their aliases', async ({ app, page }) => {
    void app
    const screen = new MainScreen(page)
    const reader = new ReaderAnalysis(page)
    await screen.open(SAMPLE_B)
    await expect(reader.figureMarks.first()).toBeVisible({ timeout: 30_000 })
    await reader.entitiesTab.click()
    await expect(reader.entitiesList).toBeVisible()
    await expect(reader.entitiesList).toContainText('Velayati')
    await screen.screenshot('analysis-entities')
  })
})
