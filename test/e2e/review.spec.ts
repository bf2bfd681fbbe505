import { test, expect } from './support/fixtures'
import { ComparePage } from './pages/compare-page'
import { MainScreen } from './pages/main-screen'
import { ReaderAnalysis } from './pages/reader-analysis'
import { ReviewQueuePage } from './pages/review-queue'

const SAMPLE_A = 'Iranian death toll continues to rise!'
const SAMPLE_B = 'Syria: Iran Admits “Heavy Casualties”'
const NEW_NAME = 'Ali Akbar Velayati (adviser)'

test.describe('reviewing machine annotations', () => {
  test('keys move, accept, reject and undo; rejected items stay visible and can be restored', async ({
    app,
    page,
  }) => {
    const review = new ReviewQueuePage(page)
    await review.open()
    const total = await review.items.count()
    await expect(review.progress).toHaveText(`0 of ${total} reviewed`)

    await review.select(review.items.first())
    await review.press('j')
    await expect(review.items.nth(1)).toHaveAttribute('aria-current', 'true')
    await review.press('k')
    await expect(review.items.first()).toHaveAttribute('aria-current', 'true')
    await review.press('a')
    await expect(review.items.first()).toHaveAttribute('data-status', 'accepted')
    await expect(review.items.nth(1)).toHaveAttribute('aria-current', 'true')
    await expect(review.progress).toHaveText(`1 of ${total} reviewed`)

    // Attributions: R rejects the current one; it stays in the queue, dimmed, with its status.
    await review.showLayer('Attributions')
    const first = review.items.first()
    await review.select(first)
    await review.press('r')
    await expect(first).toHaveAttribute('data-status', 'rejected')
    await expect(first.getByTestId('review-status')).toHaveText('rejected')
    await expect(first).toHaveCSS('opacity', '0.5')
    const kept = await app.workbench.call('annotations.list', { includeRejected: true })
    expect(kept.filter((a) => a.status === 'rejected').map((a) => a.machineRef?.layer)).toEqual([
      'attribution',
    ])
    // Hidden from the ordinary annotation list, kept in the project.
    expect(
      (await app.workbench.call('annotations.list', {})).some((a) => a.status === 'rejected'),
    ).toBe(false)
    await review.screenshot('rejected-attribution')

    // U undoes the rejection; R again, then A on the rejected item restores it.
    await review.press('u')
    await expect(first).toHaveAttribute('data-status', 'pending')
    await review.select(first)
    await review.press('r')
    await expect(first).toHaveAttribute('data-status', 'rejected')
    await review.select(first)
    await first.getByRole('button', { name: 'Restore' }).click()
    await expect(first).toHaveAttribute('data-status', 'accepted')
  })

  test('correcting an entity renames it in the reader’s entity list', async ({ app, page }) => {
    void app
    const review = new ReviewQueuePage(page)
    await review.open()
    await review.showLayer('Entities')
    const item = review.item(/Velayati/).first()
    await review.select(item)
    await review.press('e')
    await review.field('Name').fill(NEW_NAME)
    await review.save()
    await expect(item).toHaveAttribute('data-status', 'edited')
    await expect(item.getByTestId('review-correction')).toContainText(NEW_NAME)
    await review.screenshot('entity-corrected')
    await review.close()

    const screen = new MainScreen(page)
    const reader = new ReaderAnalysis(page)
    await screen.open(SAMPLE_B)
    await expect(reader.figureMarks.first()).toBeVisible({ timeout: 30_000 })
    await reader.entitiesTab.click()
    await expect(reader.entitiesList).toContainText(NEW_NAME)
    await screen.screenshot('review-entity-list')
  })

  test('correcting a figure’s qualifier changes its row in the comparison’s figure group', async ({
    app,
    page,
  }) => {
    const review = new ReviewQueuePage(page)
    await review.open()
    const item = review.item('at least 40').first()
    await review.select(item)
    await review.press('e')
    await review.choose('Qualifier', 'at most')
    await review.field('Source').fill('the Quxbridge Observatory')
    await review.save()
    await expect(item).toHaveAttribute('data-status', 'edited')
    await expect(item.getByTestId('review-correction')).toHaveText('→ at most 40')
    const [saved] = await app.workbench.call('annotations.list', { kinds: ['machine-review'] })
    expect(saved?.figure).toMatchObject({
      value: 40,
      qualifier: 'at_most',
      source: 'the Quxbridge Observatory',
    })
    await review.close()

    const compare = new ComparePage(page)
    await compare.open()
    await expect(compare.columnTitles).toHaveText([SAMPLE_A, SAMPLE_B])
    const row = compare.groups
      .getByTestId('group-figure')
      .filter({ hasText: 'at least 40' })
      .first()
    await expect(row).toContainText('at most')
    await expect(row).toContainText('Quxbridge')
    await compare.screenshotOf(
      compare.groups.filter({
        has: page.getByTestId('group-figure').filter({ hasText: 'at least 40' }),
      }),
      'review-corrected-group',
    )
  })

  test('attributions and stance cues are corrected in place; the document filter narrows the queue', async ({
    app,
    page,
  }) => {
    const review = new ReviewQueuePage(page)
    await review.open()

    await review.showLayer('Attributions')
    const all = await review.items.count()
    await review.filterDocument(SAMPLE_B)
    await expect(review.items.first()).toContainText(SAMPLE_B)
    const inB = await review.items.count()
    expect(inB).toBeLessThan(all)
    await expect(review.progress).toHaveText(`0 of ${inB} reviewed`)

    const attribution = review.items.first()
    await review.select(attribution)
    await review.press('e')
    await review.field('Speaker').fill('the Syrian state news agency')
    await review.choose('Verb strength', 'distancing')
    await review.save()
    await expect(attribution).toHaveAttribute('data-status', 'edited')
    await expect(attribution.getByTestId('review-correction')).toHaveText(
      'speaker “the Syrian state news agency”; verb strength distancing',
    )

    await review.showLayer('Stance cues')
    const cue = review.items.first()
    await review.select(cue)
    await cue.getByRole('button', { name: 'Correct' }).click()
    await review.editor.getByLabel('Not a stance cue').check()
    await review.save()
    await expect(cue).toHaveAttribute('data-status', 'edited')
    await expect(cue.getByTestId('review-correction')).toHaveText('not a stance cue')
    await review.screenshot('stance-not-a-cue')

    const saved = await app.workbench.call('annotations.list', { kinds: ['machine-review'] })
    expect(saved.map((a) => [a.machineRef?.layer, a.correction]).sort()).toEqual([
      [
        'attribution',
        {
          attribution: { speaker: 'the Syrian state news agency', verbStrength: 'distancing' },
        },
      ],
      ['stance', { stanceCue: { isNotCue: true } }],
    ])
  })
})
