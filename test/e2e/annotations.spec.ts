import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import { AnnotationLayer } from './pages/annotation-layer'
import { ComparePage } from './pages/compare-page'
import { MainScreen } from './pages/main-screen'

const SAMPLE_A = 'Iranian death toll continues to rise!'
const SAMPLE_B = 'Syria: Iran Admits “Heavy Casualties”'
/** #e03131 as the browser computes it. */
const RED = 'rgb(224, 49, 49)'

test.describe('annotations in the reader and the comparison view', () => {
  let files: string
  test.beforeEach(async () => {
    files = await mkdtemp(join(tmpdir(), 'parallax-e2e-annotations-'))
  })
  test.afterEach(async () => {
    await rm(files, { recursive: true, force: true })
  })

  test('an annotation is drawn in its code colour with its card; a rejected machine figure disappears', async ({
    app,
    page,
  }) => {
    await app.workbench.call('codebook.create', { name: 'Casualties', colour: '#e03131' })
    const screen = new MainScreen(page)
    const layer = new AnnotationLayer(page)
    await screen.open(SAMPLE_A)
    const at40 = screen.reader.locator('mark.px-hl-figures').filter({ hasText: 'at least 40' })
    await expect(at40).toHaveCount(1, { timeout: 30_000 })

    await layer.select(screen.reader, 'member of the Revolutionary Guards')
    await page.getByTestId('add-annotation').click()
    await layer.fillForm({ code: 'Casualties', note: 'Who is counted as a loss' })

    const mark = layer.marks(screen.reader, 'Revolutionary Guards').first()
    await expect(mark).toBeVisible()
    await expect(mark).toHaveAttribute('data-ann-kind', 'code')
    expect(await layer.lineColour(mark)).toBe(RED)
    await mark.hover()
    const card = layer.card.getByTestId('card-annotations')
    await expect(card.getByTestId('card-note')).toHaveText('Who is counted as a loss')
    await expect(card.getByTestId('card-code')).toHaveText(/Casualties/)
    await expect(card).toContainText('accepted')
    await layer.screenshot('reader-card')

    // The layer switch takes the marks away and brings them back.
    await page.getByRole('switch', { name: 'Show annotations' }).click({ force: true })
    await expect(layer.marks(screen.reader)).toHaveCount(0)
    await page.getByRole('switch', { name: 'Show annotations' }).click({ force: true })
    await expect(layer.marks(screen.reader)).not.toHaveCount(0)

    // Rejecting the machine figure hides its highlight; undo brings it back.
    const [record] = (await app.workbench.call('library.list')).filter((r) => r.title === SAMPLE_A)
    const analysis = await app.workbench.call('analysis.get', record!.id)
    const figure = analysis.figures.find((f) => f.text.includes('at least 40'))!
    await app.workbench.call('annotations.review', {
      layer: 'figure',
      machineId: figure.id,
      docId: record!.id,
      start: figure.start,
      end: figure.end,
      decision: 'rejected',
    })
    await expect(at40).toHaveCount(0)
    await layer.screenshot('reader-rejected')
    await app.workbench.call('history.undo')
    await expect(at40).toHaveCount(1)

    // A corrected figure shows the researcher's value in the machine figure's card.
    await app.workbench.call('annotations.review', {
      layer: 'figure',
      machineId: figure.id,
      docId: record!.id,
      start: figure.start,
      end: figure.end,
      decision: 'edited',
      figure: { value: 45, qualifier: 'about' },
    })
    await page.mouse.move(2, 2)
    await at40.hover()
    await expect(layer.card.getByTestId('card-correction')).toContainText('about 45')
  })

  test('annotate in a column, link across columns, keep it over a restart, unlink and undo', async ({
    app,
    page,
  }) => {
    await app.workbench.call('codebook.create', { name: 'Casualties', colour: '#e03131' })
    const compare = new ComparePage(page)
    const layer = new AnnotationLayer(page)
    await compare.open()
    await expect(compare.columnTitles).toHaveText([SAMPLE_A, SAMPLE_B])
    await expect(compare.figure(1, 'dozens').first()).toBeVisible({ timeout: 30_000 })

    // Column 2: select, annotate, and the mark appears there in the code's colour.
    const colB = compare.column(1)
    await layer.select(colB, 'dozens of people were killed in the battle')
    await page.getByTestId('column-add-annotation').click()
    await expect(layer.form).toContainText('dozens of people were killed in the battle')
    await layer.fillForm({ code: 'Casualties', note: 'Reuters gives no number' })
    const markB = layer.marks(colB, 'dozens').first()
    await expect(markB).toBeVisible()
    expect(await layer.lineColour(markB)).toBe(RED)
    await expect(layer.marks(compare.column(0))).toHaveCount(0)

    const [annB] = await app.workbench.call('annotations.list', {})
    expect(annB?.target.exact).toBe('dozens of people were killed in the battle')

    // Column 1: another passage, made through the form too.
    const colA = compare.column(0)
    await layer.select(colA, 'at least 40 member of the Revolutionary Guards')
    await page.getByTestId('column-add-annotation').click()
    await layer.fillForm({ note: 'A count over three weeks' })
    await expect(layer.marks(colA, 'at least 40').first()).toBeVisible()

    // Link from the card of B's passage to A's, as contradicting it.
    await markB.hover()
    await layer.card.getByTestId('card-link-to').click()
    await layer.linkDialog.getByRole('combobox', { name: 'Passage' }).click()
    await page.getByRole('option', { name: /at least 40 member/ }).click()
    await layer.linkDialog.getByRole('combobox', { name: 'Relation' }).click()
    await page.getByRole('option', { name: 'contradicts', exact: true }).click()
    await layer.linkDialog.getByTestId('link-save').click()
    await expect(layer.linkDialog).toHaveCount(0)

    const line = layer.links.filter({ has: page.locator('path') })
    await expect(line).toHaveCount(1)
    await expect(line).toHaveAttribute('data-relation', 'contradicts')
    await expect(page.getByTestId('link-legend')).toContainText('1 annotation link')
    // Focus labels it with the relation; Enter shows both passages.
    await line.focus()
    await expect(page.getByTestId('annotation-link-label')).toHaveText('contradicts')
    await layer.screenshot('compare-link')
    await markB.hover()
    await expect(layer.card.getByTestId('card-link')).toContainText(`contradicts → ${SAMPLE_A}`)
    await page.mouse.move(2, 2)

    // Saved, the app restarted: marks and the line are still there.
    app.dialogs.savePaths.push(join(files, 'linked.parallax'))
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByTestId('unsaved-mark')).toHaveCount(0)
    await app.restart(page)
    await compare.open()
    await expect(layer.marks(compare.column(1), 'dozens').first()).toBeVisible({ timeout: 30_000 })
    await expect(layer.links).toHaveCount(1)
    await expect(layer.links).toHaveAttribute('data-relation', 'contradicts')
    await layer.screenshot('compare-reopened')

    // Remove the link from the card: the line goes; Undo brings it back.
    await layer.marks(compare.column(1), 'dozens').first().hover()
    await layer.card.getByRole('button', { name: /^Remove link: contradicts/ }).click()
    await expect(layer.links).toHaveCount(0)
    await page.mouse.move(2, 2)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect(layer.links).toHaveCount(1)

    // From the keyboard: the line is a stop; Delete removes the link.
    await layer.links.focus()
    await expect(page.getByTestId('annotation-link-label')).toHaveText('contradicts')
    await page.keyboard.press('Delete')
    await expect(layer.links).toHaveCount(0)
    expect((await app.workbench.call('annotations.list', {})).flatMap((a) => a.links)).toEqual([])
  })
})
