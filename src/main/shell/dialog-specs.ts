import type { ExportKind } from '../../shared/api'
import { PROJECT_EXTENSION } from '../../shared/project'
import type { UnsavedAnswer } from '../project-service'

/** A file-type filter of a native dialog (Electron's FileFilter). */
export interface FileFilter {
  name: string
  extensions: string[]
}

/** The options of a native open dialog, as Electron takes them. */
export interface OpenDialogSpec {
  title: string
  properties: ('openFile' | 'openDirectory' | 'multiSelections')[]
  filters?: FileFilter[]
}

/** The options of a native save dialog, as Electron takes them. */
export interface SaveDialogSpec {
  title: string
  defaultPath: string
  filters: FileFilter[]
  properties: ('createDirectory' | 'showOverwriteConfirmation')[]
}

/** The "Save changes?" message box, as Electron takes it. */
export interface UnsavedBoxSpec {
  type: 'warning'
  buttons: string[]
  defaultId: number
  cancelId: number
  noLink: true
  message: string
  detail: string
}

/** The document formats the importer reads; the dialog offers them first. */
export const IMPORT_EXTENSIONS = [
  'html',
  'htm',
  'mhtml',
  'mht',
  'pdf',
  'docx',
  'txt',
  'md',
  'markdown',
]

const ALL_FILES: FileFilter = { name: 'All files', extensions: ['*'] }
const PROJECT_FILTERS: FileFilter[] = [
  { name: 'Parallax projects', extensions: [PROJECT_EXTENSION] },
]

/** Save-dialog filters per purpose; an export's suggested name carries the first extension. */
export const SAVE_FILTERS: Record<'project' | ExportKind, FileFilter[]> = {
  project: PROJECT_FILTERS,
  'report-html': [{ name: 'HTML report', extensions: ['html'] }],
  'report-md': [{ name: 'Markdown report', extensions: ['md'] }],
  'figures-csv': [{ name: 'CSV (figures)', extensions: ['csv'] }],
  'annotations-csv': [{ name: 'CSV (annotations)', extensions: ['csv'] }],
  'web-annotation': [{ name: 'W3C Web Annotation (JSON-LD)', extensions: ['jsonld', 'json'] }],
  'refi-qdc': [{ name: 'REFI-QDA codebook', extensions: ['qdc'] }],
}

export function importDialog(kind: 'files' | 'folder'): OpenDialogSpec {
  return kind === 'folder'
    ? { title: 'Import a folder', properties: ['openDirectory'] }
    : {
        title: 'Import documents',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Documents', extensions: IMPORT_EXTENSIONS }, ALL_FILES],
      }
}

export function openProjectDialog(): OpenDialogSpec {
  return {
    title: 'Open a project',
    properties: ['openFile'],
    filters: [...PROJECT_FILTERS, ALL_FILES],
  }
}

export function saveDialog(purpose: 'project' | ExportKind, suggestedName: string): SaveDialogSpec {
  return {
    title: purpose === 'project' ? 'Save the project' : 'Export',
    defaultPath: suggestedName,
    filters: SAVE_FILTERS[purpose],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  }
}

/** Save / Don't Save / Cancel. Escape and closing the box mean Cancel: a stray key loses nothing. */
export function unsavedBox(projectName: string): UnsavedBoxSpec {
  return {
    type: 'warning',
    buttons: ['Save', 'Don’t Save', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Save changes to “${projectName}”?`,
    detail: 'Your changes will be lost if you don’t save them.',
  }
}

/** The answer for the button index the message box returned. */
export function unsavedAnswer(response: number): UnsavedAnswer {
  return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel'
}
