import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { SCREENS_DIR } from './main-screen'

export type ReviewLayerName = 'Figures' | 'Entities' | 'Attributions' | 'Stance cues'

/** The review queue in the annotations drawer, in the researcher's words. */
export class ReviewQueuePage {
  readonly queue: Locator
  readonly items: Locator
  readonly progress: Locator
  readonly current: Locator
  readonly editor: Locator

  constructor(readonly page: Page) {
    this.queue = page.getByTestId('review-queue')
    this.items = this.queue.getByTestId('review-item')
    this.progress = this.queue.getByTestId('review-progress')
    this.current = this.queue.locator('[data-testid="review-item"][aria-current="true"]')
    this.editor = this.queue.getByTestId('review-editor')
  }

  /** Opens the annotations drawer on its Review tab and waits for the machine items. */
  async open(): Promise<void> {
    await this.page.getByRole('button', { name: /^Annotations/ }).click()
    await this.page.getByRole('tab', { name: /^Review/ }).click()
    await this.items.first().waitFor({ timeout: 30_000 })
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape')
    await this.queue.waitFor({ state: 'hidden' })
  }

  /** Switches the layer ("Entities (12)" is labelled by its layer name). */
  async showLayer(name: ReviewLayerName): Promise<void> {
    await this.queue
      .getByTestId('review-layer')
      .getByText(new RegExp(`^${name} \\(`))
      .click()
    await this.queue.locator(`[data-testid="review-item"]`).first().waitFor()
  }

  /** Shows the items of one document only (by its title). */
  async filterDocument(title: string): Promise<void> {
    await this.queue.getByTestId('review-document').click()
    await this.page.getByRole('option', { name: title, exact: true }).click()
  }

  /** The item whose highlighted words (or what the machine says) contain `text`. */
  item(text: string | RegExp): Locator {
    return this.items.filter({ hasText: text })
  }

  /** Makes an item current and gives the queue the keyboard. */
  async select(item: Locator): Promise<void> {
    await item.getByTestId('review-item-text').click()
    await this.page.waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: { activeElement: { getAttribute(n: string): string | null } | null }
          }
        ).document.activeElement?.getAttribute('data-testid') === 'review-queue',
    )
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key)
  }

  field(label: string): Locator {
    return this.editor.getByLabel(label, { exact: true })
  }

  /** Picks an option of one of the editor's selects ("Qualifier" → "at most"). */
  async choose(label: string, option: string): Promise<void> {
    await this.editor.getByLabel(label, { exact: true }).click()
    await this.page.getByRole('option', { name: option, exact: true }).click()
  }

  async save(): Promise<void> {
    await this.editor.getByTestId('review-save').click()
    await this.editor.waitFor({ state: 'hidden' })
  }

  async screenshot(name: string): Promise<void> {
    await mkdir(SCREENS_DIR, { recursive: true })
    await this.page.screenshot({ path: join(SCREENS_DIR, `review-${name}.png`) })
  }
}
