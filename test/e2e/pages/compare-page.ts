import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { SCREENS_DIR } from './main-screen'

/** The Compare mode in the researcher's words: saved comparisons, columns, insights. */
export class ComparePage {
  readonly modeSwitch: Locator
  readonly list: Locator
  readonly items: Locator
  readonly view: Locator
  readonly name: Locator
  readonly columns: Locator
  readonly columnTitles: Locator
  readonly insights: Locator
  readonly groups: Locator
  readonly inconsistencies: Locator
  readonly linkLines: Locator

  constructor(readonly page: Page) {
    this.modeSwitch = page.getByTestId('mode-switch')
    this.list = page.getByRole('listbox', { name: 'Comparisons' })
    this.items = page.getByTestId('comparison-item')
    this.view = page.getByTestId('comparison-view')
    this.name = page.getByTestId('comparison-name')
    this.columns = page.getByTestId('compare-column')
    this.columnTitles = page.getByTestId('column-title')
    this.insights = page.getByTestId('insights')
    this.groups = page.getByTestId('quantity-group')
    this.inconsistencies = page.getByTestId('inconsistency')
    this.linkLines = page.getByTestId('link-line')
  }

  async open(): Promise<void> {
    await this.modeSwitch.getByText('Compare', { exact: true }).click()
    await this.view.waitFor({ timeout: 30_000 })
  }

  /**
   * A page reload looks like an unclean exit to the project layer, which offers to recover an
   * autosave. Comparisons live in the library's workspace, not in that autosave: decline it.
   */
  async declineRecovery(): Promise<void> {
    const discard = this.page.getByRole('button', { name: 'Discard', exact: true })
    await discard.waitFor({ timeout: 5_000 }).then(
      () => discard.click(),
      () => undefined,
    )
    await discard.waitFor({ state: 'hidden' })
  }

  column(index: number): Locator {
    return this.columns.nth(index)
  }

  /** Figure highlights of one column whose text contains `text`. */
  figure(column: number, text: string): Locator {
    return this.column(column).locator('mark.px-hl-figures').filter({ hasText: text })
  }

  tab(name: string | RegExp): Locator {
    return this.insights.getByRole('tab', { name })
  }

  layerSwitch(name: string): Locator {
    return this.page.getByRole('switch', { name: new RegExp(`Show ${name}`, 'i') })
  }

  item(name: string | RegExp): Locator {
    return this.items.filter({ hasText: name })
  }

  async createComparison(titles: string[], name: string): Promise<void> {
    await this.page.getByTestId('new-comparison').click()
    const dialog = this.page.getByRole('dialog', { name: 'New comparison' })
    await dialog.getByTestId('comparison-name-input').fill(name)
    for (const t of titles) await dialog.getByRole('checkbox', { name: t }).check()
    await dialog.getByTestId('create-comparison').click()
    await dialog.waitFor({ state: 'hidden' })
  }

  async rename(from: string | RegExp, to: string): Promise<void> {
    await this.page.getByRole('button', { name: `Actions for ${String(from)}` }).click()
    await this.page.getByRole('menuitem', { name: 'Rename…' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'Rename comparison' })
    await dialog.getByTestId('rename-input').fill(to)
    await dialog.getByTestId('rename-save').click()
    await dialog.waitFor({ state: 'hidden' })
  }

  /** A screenshot of one element (a figure group card with its chart, say). */
  async screenshotOf(target: Locator, name: string): Promise<void> {
    await mkdir(SCREENS_DIR, { recursive: true })
    await target.screenshot({ path: join(SCREENS_DIR, `compare-${name}.png`) })
  }

  async screenshot(name: string): Promise<void> {
    await mkdir(SCREENS_DIR, { recursive: true })
    await this.page.screenshot({ path: join(SCREENS_DIR, `compare-${name}.png`) })
  }
}
