import { test, expect } from './support/fixtures'
import { ComparePage } from './pages/compare-page'
import { HighlightCardPage } from './pages/highlight-card'
import { MainScreen } from './pages/main-screen'
import { ReaderAnalysis } from './pages/reader-analysis'
import { ReviewQueuePage } from './pages/review-queue'

const SAMPLE_A = 'Iranian death toll continues to rise!'
const SAMPLE_B = 'Syria: Iran Admits “Heavy Casualties”'
const NEW_NAME = 'Ali Akbar Velayati (adviser)'

test.describe('reviewing machine highlights from their card', () => {
  test('reject a figure from its card: the highlight goes and the queue lists it as rejected', async ({
    app,
    page,
  }) => {
    const screen = new MainScreen(page)
    const reader = new ReaderAnalysis(page)
    const card = new HighlightCardPage(page)
    await screen.open(SAMPLE_A)
    const at40 = reader.figureMarks.filter({ hasText: 'at least 40' })
    await expect(at40).toHaveCount(1, { timeout: 30_000 })

    // Keyboard: Tab from the focused mark goes into its card, Escape comes back to the mark.
    await at40.focus()
    await expect(card.review('figures')).toHaveAttribute('data-status', 'pending')
    await page.keyboard.press('Tab')
    await expect(card.card.locator(':focus')).toHaveCount(1)
    await page.keyboard.press('Escape')
    await expect(at40).toBeFocused()
    await expect(card.card).toBeHidden()

    await card.openOver(at40)
    await expect(card.review('figures')).toContainText('not reviewed')
    await card.screenshot('figure-card')
    await card.reject('figures')
    await expect(at40).toHaveCount(0)

    const [record] = (await app.workbench.call('library.list')).filter((r) => r.title === SAMPLE_A)
    const analysis = await app.workbench.call('analysis.get', record!.id)
    const figure = analysis.figures.find((f) => f.text.includes('at least 40'))!
    const reviews = await app.workbench.call('annotations.list', {
      kinds: ['machine-review'],
      includeRejected: true,
    })
    expect(reviews.map((r) => [r.machineRef, r.status, r.target.start, r.target.end])).toEqual([
      [{ layer: 'figure', id: figure.id }, 'rejected', figure.start, figure.end],
    ])

    const queue = new ReviewQueuePage(page)
    await queue.open()
    await queue.filterDocument(SAMPLE_A)
    const item = queue.item('at least 40').first()
    await expect(item).toHaveAttribute('data-status', 'rejected')
    await expect(item.getByTestId('review-status')).toHaveText('rejected')
    await queue.screenshot('rejected-from-card')
  })

  test('rename an entity from a mention’s card: the Entities tab shows the new name', async ({
    app,
    page,
  }) => {
    const screen = new MainScreen(page)
    const reader = new ReaderAnalysis(page)
    const card = new HighlightCardPage(page)
    await screen.open(SAMPLE_B)
    const mention = reader.entityMarks.filter({ hasText: 'Velayati' }).first()
    await expect(mention).toBeVisible({ timeout: 30_000 })

    await card.openOver(mention)
    const editor = await card.correct('entities')
    // The editor pins the card: hovering elsewhere neither closes nor replaces it.
    await page.mouse.move(2, 2)
    await reader.figureMarks.first().hover()
    await expect(editor).toBeVisible()
    await editor.getByLabel('Name', { exact: true }).fill(NEW_NAME)
    await card.screenshot('entity-editor')
    await card.save(editor)

    const reviews = await app.workbench.call('annotations.list', { kinds: ['machine-review'] })
    expect(reviews.map((r) => [r.machineRef?.layer, r.status, r.correction?.entity?.name])).toEqual(
      [['entity', 'edited', NEW_NAME]],
    )
    await page.mouse.move(2, 2)
    await expect(card.card).toBeHidden()
    // The card tells the correction in words the next time it opens.
    const again = reader.entityMarks.filter({ hasText: 'Velayati' }).first()
    await card.openOver(again)
    await expect(card.review('entities')).toHaveAttribute('data-status', 'edited')
    await expect(card.review('entities').getByTestId('review-actions-correction')).toContainText(
      NEW_NAME,
    )
    await page.mouse.move(2, 2)

    await reader.entitiesTab.click()
    await expect(reader.entitiesList).toContainText(NEW_NAME)
    await screen.screenshot('card-review-entity-list')
  })

  test('correct a figure’s qualifier from a comparison column’s card: its group follows', async ({
    app,
    page,
  }) => {
    const compare = new ComparePage(page)
    const card = new HighlightCardPage(page)
    await compare.open()
    await expect(compare.columnTitles).toHaveText([SAMPLE_A, SAMPLE_B])
    const at40 = compare.figure(0, 'at least 40').first()
    await expect(at40).toBeVisible({ timeout: 30_000 })

    await card.openOver(at40)
    await expect(card.review('figures')).toHaveAttribute('data-status', 'pending')
    const editor = await card.correct('figures')
    await card.choose(editor, 'Qualifier', 'at most')
    await expect(editor).toBeVisible()
    await card.screenshot('column-figure-editor')
    await card.save(editor)

    const [saved] = await app.workbench.call('annotations.list', { kinds: ['machine-review'] })
    expect(saved?.figure).toMatchObject({ value: 40, qualifier: 'at_most' })
    const row = compare.groups
      .getByTestId('group-figure')
      .filter({ hasText: 'at least 40' })
      .first()
    await expect(row).toContainText('at most')
    await page.mouse.move(2, 2)
    await compare.screenshot('card-review-group')
  })

  test('a stance cue marked “not a cue” from its card leaves the reader and the columns', async ({
    app,
    page,
  }) => {
    const screen = new MainScreen(page)
    const card = new HighlightCardPage(page)
    await screen.open(SAMPLE_B)
    const cues = screen.reader.locator('mark.px-hl-stance').filter({ hasText: 'propaganda' })
    await expect(cues).toHaveCount(1, { timeout: 30_000 })

    await card.openOver(cues)
    const editor = await card.correct('stance')
    await editor.getByLabel('Not a stance cue').check()
    await card.save(editor)
    await expect(cues).toHaveCount(0)
    const reviews = await app.workbench.call('annotations.list', { kinds: ['machine-review'] })
    expect(reviews.map((r) => [r.machineRef?.layer, r.status, r.correction])).toEqual([
      ['stance', 'edited', { stanceCue: { isNotCue: true } }],
    ])

    const compare = new ComparePage(page)
    await compare.open()
    await expect(compare.columnTitles).toHaveText([SAMPLE_A, SAMPLE_B])
    const inColumn = compare.column(1).locator('mark.px-hl-stance')
    await expect(inColumn.first()).toBeVisible({ timeout: 30_000 })
    await expect(inColumn.filter({ hasText: 'propaganda' })).toHaveCount(0)
  })

  test('“Open in list” on an annotation’s card opens the drawer with it selected', async ({
    app,
    page,
  }) => {
    const [record] = (await app.workbench.call('library.list')).filter((r) => r.title === SAMPLE_A)
    const { text } = await app.workbench.call('library.get', record!.id)
    const phrases = ['Zaynab shrine', 'Hossein Salami', 'doubled the number of our troops']
    const ids: string[] = []
    for (const [i, phrase] of phrases.entries()) {
      const start = text.indexOf(phrase)
      expect(start).toBeGreaterThanOrEqual(0)
      const added = await app.workbench.call('annotations.add', {
        docId: record!.id,
        start,
        end: start + phrase.length,
        kind: 'note',
        note: `note ${i + 1}`,
      })
      ids.push(added.id)
    }

    // The drawer was last left on the Review tab: "Open in list" switches to Annotations.
    const queue = new ReviewQueuePage(page)
    await queue.open()
    await queue.close()

    const screen = new MainScreen(page)
    const card = new HighlightCardPage(page)
    await screen.open(SAMPLE_A)
    const mark = screen.reader
      .locator('mark.px-hl-annotations')
      .filter({ hasText: 'Salami' })
      .first()
    await expect(mark).toBeVisible({ timeout: 30_000 })
    await card.openOver(mark)
    await expect(card.section('annotations')).toContainText('note 2')
    await card.openInList()

    await expect(page.getByRole('tab', { name: 'Annotations' })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    const wanted = page.locator(`[data-testid="annotation-item"][data-annotation-id="${ids[1]}"]`)
    await expect(wanted).toHaveAttribute('aria-current', 'true')
    await expect(wanted).toBeInViewport()
    await expect(page.locator('[data-testid="annotation-item"][aria-current="true"]')).toHaveCount(
      1,
    )
    await screen.screenshot('card-review-open-in-list')
    // The list has the keyboard: J goes on to the next annotation from there.
    await page.keyboard.press('j')
    await expect(
      page.locator(`[data-testid="annotation-item"][data-annotation-id="${ids[2]}"]`),
    ).toHaveAttribute('aria-current', 'true')
  })
})
