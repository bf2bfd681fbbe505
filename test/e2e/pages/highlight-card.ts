import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { SCREENS_DIR } from './main-screen'

export type CardLayer = 'figures' | 'entities' | 'attributions' | 'stance' | 'annotations'

/**
 * The highlight card in the reader or a comparison column, in the researcher's words: which
 * machine item it explains, its review status, accept / reject / correct, "Open in list".
 */
export class HighlightCardPage {
  readonly card: Locator

  constructor(readonly page: Page) {
    this.card = page.getByTestId('highlight-card')
  }

  /** Hovers a mark and waits for its card. */
  async openOver(mark: Locator): Promise<void> {
    await mark.scrollIntoViewIfNeeded()
    await mark.hover()
    await this.card.waitFor()
  }

  /** The part of the card about one layer's item (a run can carry several). */
  section(layer: CardLayer): Locator {
    return this.card.getByTestId(`card-${layer}`)
  }

  /** The accept / reject / correct box of one layer's item, with its `data-status`. */
  review(layer: CardLayer): Locator {
    return this.section(layer).getByTestId('review-actions')
  }

  async reject(layer: CardLayer): Promise<void> {
    await this.review(layer).getByRole('button', { name: 'Reject' }).click()
  }

  /** Opens the correction editor of one layer's item. */
  async correct(layer: CardLayer): Promise<Locator> {
    await this.review(layer).getByRole('button', { name: 'Correct' }).click()
    const editor = this.review(layer).getByTestId('review-editor')
    await editor.waitFor()
    return editor
  }

  /** Picks an option of one of the editor's selects (its dropdown opens outside the card). */
  async choose(editor: Locator, label: string, option: string): Promise<void> {
    await editor.getByLabel(label, { exact: true }).click()
    await this.page.getByRole('option', { name: option, exact: true }).click()
  }

  async save(editor: Locator): Promise<void> {
    await editor.getByTestId('review-save').click()
    await editor.waitFor({ state: 'detached' })
  }

  async openInList(): Promise<void> {
    await this.section('annotations').getByTestId('card-open-in-list').click()
  }

  async screenshot(name: string): Promise<void> {
    await mkdir(SCREENS_DIR, { recursive: true })
    await this.page.screenshot({ path: join(SCREENS_DIR, `card-review-${name}.png`) })
  }
}
