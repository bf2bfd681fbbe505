import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { repoRoot } from '../support/harness'

/** A file as a drop hands it over: its name (relative path inside a dropped folder) and bytes. */
export interface FileToDrop {
  name: string
  bytes: Uint8Array
}

/** Where the screenshots of each main screen go (kept as artifacts, looked at by people). */
export const SCREENS_DIR = join(repoRoot, 'test-results', 'screens')

/** The main window, in the researcher's words: the library, the reader, the details panel. */
export class MainScreen {
  readonly library: Locator
  readonly documentTitles: Locator
  readonly searchBox: Locator
  readonly libraryCount: Locator
  readonly importSummary: Locator
  readonly importErrors: Locator
  readonly dropOverlay: Locator
  readonly reader: Locator
  readonly articleBody: Locator
  readonly documentHeading: Locator
  readonly details: Locator
  readonly undoNotification: Locator

  constructor(readonly page: Page) {
    this.library = page.getByRole('listbox', { name: 'Documents' })
    this.documentTitles = this.library.getByTestId('document-title')
    this.searchBox = page.getByRole('textbox', { name: 'Search the library' })
    this.libraryCount = page.getByTestId('library-count')
    this.importSummary = page.getByTestId('import-summary')
    this.importErrors = page.getByTestId('import-error')
    this.dropOverlay = page.getByTestId('drop-overlay')
    this.reader = page.getByTestId('reader-text')
    this.articleBody = this.reader.getByTestId('article-body')
    this.documentHeading = this.reader.getByTestId('document-heading')
    this.details = page.getByTestId('metadata-panel')
    this.undoNotification = page.getByTestId('undo-notification')
  }

  /** The library entry whose title contains `title`. */
  document(title: string | RegExp): Locator {
    return this.library.getByRole('option').filter({ hasText: title })
  }

  async open(title: string | RegExp): Promise<void> {
    await this.document(title).click()
  }

  /** A labelled non-body box in the reader: "Reader comments", "Photo caption"… */
  segment(role: string): Locator {
    return this.reader.getByTestId(`segment-${role}`)
  }

  /** A tag filter chip in the library, by its text ("iran (1)"). */
  tagChip(text: string): Locator {
    return this.page.getByLabel('Filter by tag').getByText(text, { exact: true })
  }

  field(label: string): Locator {
    return this.details.getByRole('textbox', { name: label, exact: true })
  }

  /**
   * Drops files on the window the way the OS does: a DataTransfer with File objects built in the
   * page from the bytes, and dragenter → dragover → drop. Checks the overlay shows meanwhile.
   */
  async dropFiles(files: FileToDrop[]): Promise<void> {
    const payload = files.map((f) => ({
      name: f.name,
      base64: Buffer.from(f.bytes).toString('base64'),
    }))
    // The test program is compiled without DOM types: the page's globals are described here.
    await this.page.evaluate((items) => {
      const g = globalThis as unknown as PageGlobals
      const dt = new g.DataTransfer()
      for (const item of items) {
        const binary = g.atob(item.base64)
        const bytes = new Uint8Array(binary.length)
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
        dt.items.add(new g.File([bytes], item.name))
      }
      g.__pendingDrop = dt
      for (const type of ['dragenter', 'dragover']) {
        g.document.body.dispatchEvent(
          new g.DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }),
        )
      }
    }, payload)
    await this.dropOverlay.waitFor({ state: 'visible' })
    await this.page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals
      g.document.body.dispatchEvent(
        new g.DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: g.__pendingDrop }),
      )
    })
    await this.dropOverlay.waitFor({ state: 'hidden' })
  }

  async screenshot(name: string): Promise<void> {
    await mkdir(SCREENS_DIR, { recursive: true })
    await this.page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) })
  }
}

/** The few page globals a simulated drop needs (the test program has no DOM lib). */
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): unknown } }
  File: new (parts: Uint8Array[], name: string) => unknown
  DragEvent: new (
    type: string,
    init: { bubbles: boolean; cancelable: boolean; dataTransfer: unknown },
  ) => unknown
  atob(data: string): string
  document: { body: { dispatchEvent(event: unknown): boolean } }
  __pendingDrop?: unknown
}
