import type { Locator, Page } from '@playwright/test'
import { test, expect } from './support/fixtures'
import { MainScreen } from './pages/main-screen'
import { ReaderAnalysis } from './pages/reader-analysis'

const SAMPLE_B = 'Syria: Iran Admits “Heavy Casualties”'

/** The framing side of the reader: actors panel, lexicon drawer, entity editor. */
class FramingScreen {
  readonly tab: Locator
  readonly panel: Locator
  readonly summary: Locator
  readonly lexiconButton: Locator
  readonly lexicon: Locator
  readonly lexiconRows: Locator
  readonly entityEditor: Locator
  readonly stanceMarks: Locator

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: /Actors & framing/ })
    this.panel = page.getByTestId('actors-panel')
    this.summary = page.getByTestId('stance-summary')
    this.lexiconButton = page.getByTestId('open-lexicon')
    this.lexicon = page.getByTestId('lexicon-editor')
    this.lexiconRows = this.lexicon.getByTestId('lexicon-row')
    this.entityEditor = page.getByTestId('entity-editor')
    this.stanceMarks = page.getByTestId('reader-text').locator('mark.px-hl-stance')
  }

  actor(name: string): Locator {
    return this.panel.locator(`[data-testid="actor-card"][data-actor="${name}"]`)
  }

  entityRow(name: string): Locator {
    return this.entityEditor.locator(`[data-testid="entity-row"][data-name="${name}"]`)
  }

  async closeDrawer(): Promise<void> {
    await this.page.keyboard.press('Escape')
    await expect(this.lexicon).toBeHidden()
  }
}

async function docId(app: {
  workbench: { call: (c: 'library.list') => Promise<{ id: string; title: string }[]> }
}) {
  return (await app.workbench.call('library.list')).find((r) => r.title === SAMPLE_B)?.id ?? ''
}

test.describe('stance and framing', () => {
  test('the actors panel shows labels, stance and the summary with their evidence', async ({
    app,
    page,
  }) => {
    const screen = new MainScreen(page)
    const reader = new ReaderAnalysis(page)
    const framing = new FramingScreen(page)
    await screen.open(SAMPLE_B)
    await expect(reader.figureMarks.first()).toBeVisible({ timeout: 30_000 })
    const analysis = await app.workbench.call('analysis.get', await docId(app))

    await framing.tab.click()
    await expect(framing.panel).toBeVisible()
    // The summary the engine wrote, and the note that comments are left out.
    expect(analysis.stanceSummary).toBeTruthy()
    await expect(framing.summary).toContainText(analysis.stanceSummary ?? '')
    await expect(framing.summary).toContainText('reader comments are not counted')
    await expect(framing.summary.getByTestId('headline-cues')).toContainText('Admits')

    // One card per actor the analysis found.
    await expect(framing.panel.getByTestId('actor-card')).toHaveCount(analysis.actors.length)

    // The opposition is delegitimised: “rebels” / “insurgents” chips, in the delegitimising colour.
    const opposition = framing.actor('Syrian opposition')
    const hostileChips = opposition.locator(
      '[data-testid="label-chip"][data-connotation="delegitimising"]',
    )
    await expect(hostileChips.filter({ hasText: /rebels|insurgents/ }).first()).toBeVisible()
    await expect(opposition.getByTestId('stance-score')).toContainText('hostile')

    // The West: “Western” named, “propaganda” the loaded term bearing on it, in context.
    const west = framing.actor('the West')
    await expect(west.getByRole('button', { name: 'Western', exact: true })).toBeVisible()
    const propaganda = west.getByTestId('actor-cue').filter({ hasText: 'propaganda' })
    await expect(propaganda).toContainText('Western propaganda')
    await expect(propaganda).toContainText('Loaded term')

    await screen.screenshot('framing-actors')

    // Hovering a chip explains it: the connotation and the lexicon entry that fired.
    await hostileChips.first().hover()
    await expect(page.getByRole('tooltip')).toContainText('delegitimising')
    await expect(page.getByRole('tooltip')).toContainText('lexicon:actors.json')
    await screen.screenshot('framing-label-explained')

    // Evidence opens with the keyboard and leads back to the text.
    const evidenceToggle = opposition.getByRole('button', { name: /Evidence: \d+ sentence/ })
    await evidenceToggle.focus()
    await page.keyboard.press('Enter')
    const sentences = opposition.getByTestId('stance-evidence').getByRole('button')
    await expect(sentences).toHaveCount(
      analysis.actors.find((a) => a.name === 'Syrian opposition')?.stance.evidence.length ?? -1,
    )
    await screen.screenshot('framing-evidence')
    await sentences.first().click()
    await expect(reader.readerTab).toHaveAttribute('aria-selected', 'true')
    await expect(page.locator('mark.px-hl:focus')).toBeVisible()
  })

  test('a lexicon entry adds a stance cue to the text; removing it takes it away', async ({
    app,
    page,
  }) => {
    const screen = new MainScreen(page)
    const reader = new ReaderAnalysis(page)
    const framing = new FramingScreen(page)
    await screen.open(SAMPLE_B)
    await expect(reader.figureMarks.first()).toBeVisible({ timeout: 30_000 })
    const clashes = framing.stanceMarks.filter({ hasText: /^clashes$/ })
    await expect(clashes).toHaveCount(0)

    await framing.tab.click()
    await framing.lexiconButton.click()
    await expect(framing.lexicon).toBeVisible()
    await expect(framing.lexicon.getByTestId('lexicon-empty')).toBeVisible()

    // Validation: an actor label needs its actor.
    await framing.lexicon.getByLabel('Word or phrase').fill('militants')
    await framing.lexicon.getByRole('combobox', { name: 'Kind' }).click()
    await page.getByRole('option', { name: 'Actor label' }).click()
    await expect(framing.lexicon.getByTestId('kind-help')).toContainText('A name for an actor')
    await framing.lexicon.getByRole('button', { name: 'Add entry' }).click()
    await expect(framing.lexicon).toContainText('Name the actor this label refers to.')
    await expect(framing.lexiconRows).toHaveCount(0)

    await framing.lexicon.getByLabel('Word or phrase').fill('clashes')
    await framing.lexicon.getByRole('combobox', { name: 'Kind' }).click()
    await page.getByRole('option', { name: 'Loaded term' }).click()
    await framing.lexicon.getByLabel('Note').fill('presents one-sided attacks as mutual fighting')
    await framing.lexicon.getByRole('button', { name: 'Add entry' }).click()
    await expect(framing.lexiconRows).toHaveCount(1)
    await expect(framing.lexiconRows.first()).toContainText('clashes')
    await expect(framing.lexiconRows.first()).toContainText('Loaded term')
    await screen.screenshot('framing-lexicon')
    expect(await app.workbench.call('lexicon.list')).toEqual([
      { term: 'clashes', kind: 'loaded', note: 'presents one-sided attacks as mutual fighting' },
    ])
    await framing.closeDrawer()

    // The analysis is redone with the entry: the cue shows in the panel and in the text.
    await expect(framing.panel.getByText('your lexicon').first()).toBeVisible({ timeout: 30_000 })
    await reader.readerTab.click()
    await expect(clashes.first()).toBeVisible({ timeout: 30_000 })
    await clashes.first().hover()
    await expect(reader.card).toContainText('user-lexicon')
    await screen.screenshot('framing-user-cue')

    // Edit it to an evaluative phrase, then remove it: the cue goes away.
    await framing.tab.click()
    await framing.lexiconButton.click()
    await framing.lexicon.getByRole('button', { name: 'Edit clashes' }).click()
    await framing.lexicon.getByRole('combobox', { name: 'Kind' }).click()
    await page.getByRole('option', { name: 'Evaluative' }).click()
    await framing.lexicon.getByLabel('Polarity').fill('5')
    await framing.lexicon.getByRole('button', { name: 'Save entry' }).click()
    await expect(framing.lexicon).toContainText('A number from −1 (hostile) to +1 (favourable).')
    await framing.lexicon.getByLabel('Polarity').fill('-0.3')
    await framing.lexicon.getByRole('button', { name: 'Save entry' }).click()
    await expect(framing.lexiconRows).toHaveCount(1)
    await expect(framing.lexiconRows.first()).toContainText('Evaluative')
    await expect(framing.lexiconRows.first()).toContainText('-0.30')
    expect(await app.workbench.call('lexicon.list')).toEqual([
      {
        term: 'clashes',
        kind: 'evaluative',
        polarity: -0.3,
        note: 'presents one-sided attacks as mutual fighting',
      },
    ])
    await framing.lexicon.getByRole('button', { name: 'Remove clashes' }).click()
    await expect(framing.lexicon.getByTestId('lexicon-empty')).toBeVisible()
    await framing.closeDrawer()
    await reader.readerTab.click()
    await expect(reader.figureMarks.first()).toBeVisible()
    await expect(clashes).toHaveCount(0, { timeout: 30_000 })
    expect(await app.workbench.call('lexicon.list')).toEqual([])
  })

  test('entity corrections show at once, can be undone, and survive a restart', async ({
    app,
    page,
  }) => {
    const screen = new MainScreen(page)
    const reader = new ReaderAnalysis(page)
    const framing = new FramingScreen(page)
    await screen.open(SAMPLE_B)
    await expect(reader.figureMarks.first()).toBeVisible({ timeout: 30_000 })
    await reader.entitiesTab.click()
    await expect(framing.entityEditor).toBeVisible()
    await expect(framing.entityRow('Reuters')).toBeVisible()

    // Rename (from the row's menu, by keyboard).
    await framing.entityRow('Reuters').getByRole('button', { name: 'Correct Reuters' }).click()
    await page.getByRole('menuitem', { name: 'Rename…' }).click()
    const dialog = page.getByRole('dialog', { name: /Rename Reuters/ })
    await dialog.getByLabel('New name').fill('Reuters news agency')
    await dialog.getByLabel('New name').press('Enter')
    const renamed = framing.entityRow('Reuters news agency')
    await expect(renamed).toBeVisible()
    await expect(renamed.getByTestId('edited-badge')).toBeVisible()
    await expect(renamed).toContainText('Reuters')
    await expect(framing.entityRow('Reuters')).toHaveCount(0)

    // Merge two entities, then undo the merge.
    await framing.entityRow('Iran').getByRole('checkbox').check()
    await framing.entityRow('Tehran').getByRole('checkbox').check()
    await framing.entityEditor.getByRole('button', { name: 'Merge selected (2)' }).click()
    const merge = page.getByRole('dialog', { name: 'Merge entities' })
    await merge.getByLabel('…or type another').fill('Iran (state)')
    await merge.getByRole('button', { name: 'Merge' }).click()
    await expect(framing.entityRow('Iran (state)')).toBeVisible()
    await expect(framing.entityRow('Tehran')).toHaveCount(0)
    await screen.screenshot('framing-entities')
    await framing.entityEditor.getByRole('button', { name: 'Undo last correction' }).click()
    await expect(framing.entityRow('Tehran')).toBeVisible()
    await expect(framing.entityRow('Iran (state)')).toHaveCount(0)

    // Split the surname-only mentions off Bashar al-Assad, then delete the new entity.
    await framing
      .entityRow('Bashar al-Assad')
      .getByRole('button', { name: /^Correct/ })
      .click()
    await page.getByRole('menuitem', { name: 'Split off mentions…' }).click()
    const split = page.getByRole('dialog', { name: /Split Bashar al-Assad/ })
    await split.getByRole('checkbox', { name: /^“Assad”/ }).check()
    await expect(split.getByLabel('Name of the new entity')).toHaveValue('Assad')
    await split.getByLabel('Name of the new entity').fill('Assad (surname only)')
    await split.getByRole('button', { name: 'Split' }).click()
    const splitOff = framing.entityRow('Assad (surname only)')
    await expect(splitOff).toBeVisible()
    await expect(splitOff.getByTestId('edited-badge')).toBeVisible()
    await expect(framing.entityRow('Bashar al-Assad')).not.toContainText('Assad ·')
    await splitOff.getByRole('button', { name: /^Correct/ }).click()
    await page.getByRole('menuitem', { name: 'Delete' }).click()
    await expect(splitOff).toHaveCount(0)
    await framing.entityEditor.getByRole('button', { name: 'Undo last correction' }).click()
    await expect(splitOff).toBeVisible()

    // Change a type.
    await framing.entityRow('Khan Tuman').getByLabel('Type of Khan Tuman').selectOption('group')
    await expect(framing.entityRow('Khan Tuman').getByTestId('edited-badge')).toBeVisible()

    await app.restart(page)
    await screen.open(SAMPLE_B)
    await expect(reader.figureMarks.first()).toBeVisible({ timeout: 30_000 })
    await reader.entitiesTab.click()
    await expect(framing.entityRow('Reuters news agency')).toBeVisible()
    await expect(framing.entityRow('Reuters news agency').getByTestId('edited-badge')).toBeVisible()
    await expect(framing.entityRow('Khan Tuman').getByLabel('Type of Khan Tuman')).toHaveValue(
      'group',
    )
    await screen.screenshot('framing-entities-after-restart')
  })
})
