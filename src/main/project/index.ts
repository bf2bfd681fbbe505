/** The project service: annotations, codebook, undo, project files and exports (plain Node). */
export * from './anchor'
export * from './annotations'
export * from './codebook'
export * from './history'
export * from './project-file'
export type { ActionEffect, ActionResult, AnnotationState } from './state'
export { MIGRATIONS, OLDEST_SCHEMA_VERSION, type Migration } from './migrations/index'
export { annotationsCsv } from './exports/annotations-csv'
export { toCsv, csvField } from './exports/csv'
export { collectFigures, figuresCsv, type FigureRow } from './exports/figure-rows'
export { refiQdaCodebook, codeGuid } from './exports/qdc'
export { htmlReport } from './exports/report-html'
export { markdownReport } from './exports/report-markdown'
export type { ReportInput } from './exports/report-input'
export {
  webAnnotationCollection,
  webAnnotationJson,
  WEB_ANNOTATION_CONTEXT,
} from './exports/web-annotation'
export { applyReviews, intervalFor, reviewEntityEdits } from './reviews'
export * from './session'
