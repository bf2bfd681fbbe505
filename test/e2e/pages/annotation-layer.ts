import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { SCREENS_DIR } from './main-screen'

/**
 * The researcher's annotations where they are drawn: marks in the reader and in the comparison
 * columns, their card, the "Add annotation" form and the links drawn between columns.
 */
export class AnnotationLayer {
  readonly card: Locator
  readonly form: Locator
  readonly linkDialog: Locator
  readonly links: Locator

  constructor(readonly page: Page) {
    this.card = page.getByTestId('highlight-card')
    this.form = page.getByTestId('annotation-form')
    this.linkDialog = page.getByTestId('link-dialog')
    this.links = page.getByTestId('annotation-link')
  }

  /** Annotation marks inside `root` whose text contains `text`. */
  marks(root: Locator, text?: string): Locator {
    const all = root.locator('mark.px-hl-annotations')
    return text ? all.filter({ hasText: text }) : all
  }

  /**
   * Selects the first occurrence of `quote` inside `root` as a mouse drag would (the quote may
   * run across several highlighted runs) and lets go of the button.
   */
  async select(root: Locator, quote: string): Promise<void> {
    await root.evaluate((el, q) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
      const nodes: Text[] = []
      let all = ''
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push(n as Text)
        all += n.textContent ?? ''
      }
      const at = all.indexOf(q)
      if (at < 0) throw new Error(`"${q}" is not shown`)
      const locate = (offset: number, isEnd: boolean): [Text, number] => {
        let seen = 0
        for (const n of nodes) {
          const len = n.textContent?.length ?? 0
          if (offset < seen + len || (isEnd && offset === seen + len)) return [n, offset - seen]
          seen += len
        }
        throw new Error('offset out of range')
      }
      const [startNode, startOffset] = locate(at, false)
      // A person scrolls to the passage before dragging over it.
      startNode.parentElement?.scrollIntoView({ block: 'center' })
      const range = document.createRange()
      range.setStart(startNode, startOffset)
      range.setEnd(...locate(at + q.length, true))
      const sel = window.getSelection()
      if (!sel) throw new Error('no selection')
      sel.removeAllRanges()
      sel.addRange(range)
      el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
    }, quote)
  }

  /** Fills the open "Add annotation" form and submits it. */
  async fillForm(fields: { code?: string; note?: string }): Promise<void> {
    if (fields.code) {
      await this.form.getByRole('combobox', { name: 'Code' }).click()
      await this.page.getByRole('option', { name: fields.code, exact: true }).click()
    }
    if (fields.note) await this.form.getByRole('textbox', { name: 'Note' }).fill(fields.note)
    await this.form.getByRole('button', { name: 'Add annotation' }).click()
    await this.form.waitFor({ state: 'detached' })
  }

  /** The computed bottom-border colour of a mark, as `rgb(r, g, b)`. */
  async lineColour(mark: Locator): Promise<string> {
    return mark.evaluate((el) => getComputedStyle(el).borderBottomColor)
  }

  async screenshot(name: string): Promise<void> {
    await mkdir(SCREENS_DIR, { recursive: true })
    await this.page.screenshot({ path: join(SCREENS_DIR, `annotations-${name}.png`) })
  }
}
