import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import { ComparePage } from './pages/compare-page'
import { repoRoot } from './support/harness'

const SAMPLE_A = 'Iranian death toll continues to rise!'
const SAMPLE_B = 'Syria: Iran Admits “Heavy Casualties”'

test.describe('the comparison view', () => {
  test('the sample comparison sets the two articles side by side with figure verdicts', async ({
    app,
    page,
  }) => {
    void app
    const compare = new ComparePage(page)
    await compare.open()
    await expect(compare.items.first()).toHaveAttribute('aria-selected', 'true')
    await expect(compare.columns).toHaveCount(2)
    await expect(compare.columnTitles).toHaveText([SAMPLE_A, SAMPLE_B])
    await expect(compare.figure(0, 'at least 40').first()).toBeVisible()

    // Figures: the group holding A's "at least 40" sets it beside B's totals without a conflict
    // between the two documents (B's own contradictions are inside B).
    await expect(compare.groups.first()).toBeVisible()
    await expect(page.getByTestId('cross-conflicts')).toContainText('No conflicts between')
    const group = compare.groups.filter({
      has: page.getByTestId('group-figure').filter({ hasText: 'at least 40' }),
    })
    await expect(group).toHaveCount(1)
    await expect(group.getByTestId('group-figure').filter({ hasText: '693' })).toHaveCount(1)
    await expect(group.getByTestId('group-verdict')).toBeVisible()
    await expect(group.getByTestId('interval-chart')).toBeVisible()
    const acrossPairs = group.locator('[data-testid="figure-pair"][data-within="false"]')
    expect(await acrossPairs.count()).toBeGreaterThan(0)
    const verdicts = await acrossPairs.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-verdict')),
    )
    expect(verdicts).not.toContain('conflict')
    await compare.screenshot('figures')
    await compare.screenshotOf(group, 'figure-group')

    // Inconsistencies: B's "at least 700" against "693" and against "almost 700".
    await compare.tab(/Inconsistencies/).click()
    const inB = compare.inconsistencies
    await expect(inB.filter({ hasText: '693' }).filter({ hasText: 'at least 700' })).toHaveCount(1)
    await expect(
      inB.filter({ hasText: 'almost 700' }).filter({ hasText: 'at least 700' }),
    ).toHaveCount(1)
    await compare.screenshot('inconsistencies')

    // Hover A's "at least 40": its counterparts in B light up and a line crosses the gutter.
    const at40 = compare.figure(0, 'at least 40').first()
    await at40.hover()
    await expect(at40).toHaveClass(/px-cmp-source/)
    await expect(compare.column(1).locator('.px-cmp-linked').first()).toBeAttached()
    await expect(compare.linkLines.first()).toBeAttached()
    await compare.screenshot('linked')
    await page.mouse.move(5, 5)
    await expect(compare.linkLines).toHaveCount(0)

    // Click jumps to the counterpart in the other column and focuses it.
    await at40.click()
    await expect(compare.column(1).locator(':focus')).toHaveCount(1)

    for (const tab of ['Claims', 'Sources', /Labels/, 'Derivation'] as const) {
      await compare.tab(tab).click()
      await expect(compare.insights.getByRole('tabpanel')).toBeVisible()
    }
    await expect(page.getByTestId('source-graph')).toHaveCount(0)
    await compare.tab('Sources').click()
    await expect(page.getByTestId('source-graph')).toBeVisible()
    await expect(page.getByTestId('source-chains')).toContainText('Fars')
    await compare.screenshot('sources')
    await compare.tab(/Labels/).click()
    await expect(page.getByTestId('labels-matrix')).toBeVisible()
    await compare.screenshot('labels')
  })

  test('keyboard: into a column, between highlights, Enter to the counterpart', async ({
    app,
    page,
  }) => {
    void app
    const compare = new ComparePage(page)
    await compare.open()
    await expect(compare.figure(0, 'at least 40').first()).toBeVisible()
    const scroll = compare.column(0).getByTestId('column-scroll')
    await scroll.focus()
    await page.keyboard.press(']')
    const first = compare.column(0).locator('[data-nav]:focus')
    await expect(first).toHaveCount(1)
    // Walk until the focused stop is A's "at least 40", then jump across.
    for (let i = 0; i < 60; i++) {
      const text = (await compare.column(0).locator(':focus').textContent()) ?? ''
      if (text.includes('at least 40')) break
      await page.keyboard.press('ArrowDown')
    }
    await expect(compare.column(0).locator(':focus')).toContainText('at least 40')
    await expect(compare.linkLines.first()).toBeAttached()
    await page.keyboard.press('Enter')
    await expect(compare.column(1).locator('[data-links]:focus')).toHaveCount(1)
  })

  test('a new comparison is named, renamed and restored with its view settings', async ({
    app,
    page,
  }) => {
    void app
    const compare = new ComparePage(page)
    await compare.open()
    await compare.createComparison([SAMPLE_B, SAMPLE_A], 'Iran losses, B first')
    await expect(compare.name).toHaveText('Iran losses, B first')
    await expect(compare.columnTitles).toHaveText([SAMPLE_B, SAMPLE_A])

    await compare.rename('Iran losses, B first', 'Khan Tuman tolls')
    await expect(compare.name).toHaveText('Khan Tuman tolls')
    await expect(compare.item('Khan Tuman tolls')).toHaveCount(1)

    // View settings travel with the comparison: a layer off, sync scrolling on, another tab.
    await expect(compare.column(0).locator('mark.px-hl-figures').first()).toBeVisible()
    await compare.layerSwitch('entities').click({ force: true })
    await page.getByRole('switch', { name: 'Synchronise scrolling' }).click({ force: true })
    await compare.tab(/Inconsistencies/).click()
    // Let the debounced save land.
    await expect
      .poll(async () => {
        const list = await app.workbench.call('comparisons.list')
        const saved = list.find((c) => c.name === 'Khan Tuman tolls')
        return saved?.view.tab
      })
      .toBe('inconsistencies')
    await compare.screenshot('new-comparison')

    await page.reload()
    await compare.declineRecovery()
    await compare.open()
    await expect(compare.name).toHaveText('Khan Tuman tolls')
    await expect(compare.columnTitles).toHaveText([SAMPLE_B, SAMPLE_A])
    await expect(compare.layerSwitch('entities')).not.toBeChecked()
    await expect(compare.layerSwitch('figures')).toBeChecked()
    await expect(page.getByRole('switch', { name: 'Synchronise scrolling' })).toBeChecked()
    await expect(compare.tab(/Inconsistencies/)).toHaveAttribute('aria-selected', 'true')
    await expect(compare.column(0).locator('mark.px-hl-entities')).toHaveCount(0)
  })

  test('switching a layer off removes its highlights from every column', async ({ app, page }) => {
    void app
    const compare = new ComparePage(page)
    await compare.open()
    for (const c of [0, 1]) {
      await expect(compare.column(c).locator('mark.px-hl-figures').first()).toBeVisible()
    }
    await compare.layerSwitch('figures').click({ force: true })
    await expect(compare.layerSwitch('figures')).not.toBeChecked()
    for (const c of [0, 1]) {
      await expect(compare.column(c).locator('mark.px-hl-figures')).toHaveCount(0)
    }
    await expect(compare.column(1)).toContainText('at least 700')
    await compare.screenshot('figures-off')
  })
})

test.describe('six long columns', () => {
  test('render lazily and scroll in step', async ({ app, page }, testInfo) => {
    test.setTimeout(180_000)
    // Four long reports built from the seed articles (about 10,000 words each), plus the seeds.
    const seeds = await Promise.all(
      ['iran-admits-heavy-casualties.txt', 'iran-death-toll-continues-to-rise.txt'].map((f) =>
        readFile(join(repoRoot, 'resources/samples', f), 'utf8'),
      ),
    )
    const files = [0, 1, 2, 3].map((n) => {
      const body = seeds[n % 2] ?? ''
      const paragraphs: string[] = [`Long report ${n + 1} on Iran's losses in Syria`]
      for (let i = 0; paragraphs.join(' ').split(/\s+/).length < 10_000; i++) {
        paragraphs.push(`Update ${i + 1}. ${body.replace(/\b700\b/g, String(700 + i + n))}`)
      }
      return {
        name: `long-report-${n + 1}.txt`,
        bytes: new TextEncoder().encode(paragraphs.join('\n\n')),
      }
    })
    const report = await app.workbench.call('library.importFiles', files)
    const ids = report.results.flatMap((r) => (r.record ? [r.record.id] : []))
    expect(ids).toHaveLength(4)
    const samples = (await app.workbench.call('library.list')).filter((r) => r.isSample)
    await app.workbench.call('comparisons.save', {
      name: 'Six columns',
      docIds: [...samples.map((r) => r.id), ...ids],
      view: { isSyncScroll: true, isInsightsOpen: false },
    })

    const compare = new ComparePage(page)
    await page.reload()
    await compare.declineRecovery()
    await compare.modeSwitch.getByText('Compare', { exact: true }).click()
    await compare.item('Six columns').click()
    await expect(compare.name).toHaveText('Six columns', { timeout: 120_000 })
    await expect(compare.columns).toHaveCount(6)
    const longColumn = compare.column(2).getByTestId('column-scroll')
    await expect(longColumn.locator('p').first()).toBeVisible()

    // Lazily rendered: far fewer paragraphs in the DOM than the document has.
    const rendered = await longColumn.locator('p').count()
    const view = await app.workbench.call('library.get', ids[0] ?? '')
    const total = view.text.split(/\n\s*\n/).length
    expect(rendered).toBeLessThan(total / 2)

    // Synchronised scrolling: scrolling one long column moves the others to the same share.
    const frames = await longColumn.evaluate(async (el) => {
      const gaps: number[] = []
      let last = performance.now()
      for (let i = 1; i <= 60; i++) {
        el.scrollTop = (i / 60) * (el.scrollHeight - el.clientHeight) * 0.5
        await new Promise(requestAnimationFrame)
        const now = performance.now()
        gaps.push(now - last)
        last = now
      }
      gaps.sort((a, b) => a - b)
      return { median: gaps[30] ?? 0, worst: gaps[gaps.length - 1] ?? 0 }
    })
    testInfo.annotations.push({
      type: 'scroll frames (6 long columns)',
      description: `median ${frames.median.toFixed(1)} ms, worst ${frames.worst.toFixed(1)} ms`,
    })
    console.log(
      `six columns: median frame ${frames.median.toFixed(1)} ms, worst ${frames.worst.toFixed(1)} ms; ${rendered} of ${total} paragraphs rendered`,
    )
    const other = compare.column(3).getByTestId('column-scroll')
    await expect.poll(() => other.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
    await compare.screenshot('six-columns')
  })
})
