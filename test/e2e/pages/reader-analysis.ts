import type { Locator, Page } from '@playwright/test'

/** The analysis side of the reader: highlight layers, the explanation card, figures, entities. */
export class ReaderAnalysis {
  readonly reader: Locator
  readonly figureMarks: Locator
  readonly entityMarks: Locator
  readonly card: Locator
  readonly figuresTab: Locator
  readonly entitiesTab: Locator
  readonly readerTab: Locator
  readonly figuresTable: Locator
  readonly figureRows: Locator
  readonly entitiesList: Locator
  readonly copyCsv: Locator
  readonly loading: Locator

  constructor(readonly page: Page) {
    this.reader = page.getByTestId('reader-text')
    this.figureMarks = this.reader.locator('mark.px-hl-figures')
    this.entityMarks = this.reader.locator('mark.px-hl-entities')
    this.card = page.getByTestId('highlight-card')
    this.figuresTab = page.getByRole('tab', { name: /Figures/ })
    this.entitiesTab = page.getByRole('tab', { name: /Entities/ })
    this.readerTab = page.getByRole('tab', { name: 'Reader' })
    this.figuresTable = page.getByTestId('figures-table')
    this.figureRows = this.figuresTable.getByTestId('figure-row')
    this.entitiesList = page.getByTestId('entities-list')
    this.copyCsv = page.getByRole('button', { name: 'Copy as CSV' })
    this.loading = page.getByTestId('analysis-loading')
  }

  /** The switch that shows or hides a highlight layer ("figures", "entities"…). */
  layerSwitch(name: string): Locator {
    return this.page.getByRole('switch', { name: new RegExp(`Show ${name}`, 'i') })
  }

  /** The first figure highlight whose text contains `text`. */
  figure(text: string): Locator {
    return this.figureMarks.filter({ hasText: text }).first()
  }
}
