import { BrowserWindow, dialog } from 'electron'
import type { ExportKind } from '../../shared/api'
import { PROJECT_EXTENSION } from '../../shared/project'
import type { UnsavedAnswer } from '../project-service'
import type { Dialogs } from '../workbench'

const IMPORT_FILTERS = [
  {
    name: 'Documents',
    extensions: ['html', 'htm', 'mhtml', 'mht', 'pdf', 'docx', 'txt', 'md', 'markdown'],
  },
  { name: 'All files', extensions: ['*'] },
]

const PROJECT_FILTERS = [{ name: 'Parallax projects', extensions: [PROJECT_EXTENSION] }]

const SAVE_FILTERS: Record<'project' | ExportKind, { name: string; extensions: string[] }[]> = {
  project: PROJECT_FILTERS,
  'report-html': [{ name: 'HTML report', extensions: ['html'] }],
  'report-md': [{ name: 'Markdown report', extensions: ['md'] }],
  'figures-csv': [{ name: 'CSV (figures)', extensions: ['csv'] }],
  'annotations-csv': [{ name: 'CSV (annotations)', extensions: ['csv'] }],
  'web-annotation': [{ name: 'W3C Web Annotation (JSON-LD)', extensions: ['jsonld', 'json'] }],
  'refi-qdc': [{ name: 'REFI-QDA codebook', extensions: ['qdc'] }],
}

function parentWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
}

/**
 * Asks "Save changes to …?" with Save / Don't Save / Cancel (also used when the window closes).
 * Escape and closing the box mean Cancel: nothing is ever lost by a stray key.
 */
export async function askToSaveChanges(projectName: string): Promise<UnsavedAnswer> {
  const win = parentWindow()
  const options: Electron.MessageBoxOptions = {
    type: 'warning',
    buttons: ['Save', 'Don’t Save', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Save changes to “${projectName}”?`,
    detail: 'Your changes will be lost if you don’t save them.',
  }
  const { response } = win
    ? await dialog.showMessageBox(win, options)
    : await dialog.showMessageBox(options)
  return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel'
}

/** Native dialogs for the workbench. Paths reach main only; the renderer never sees them. */
export const electronDialogs: Dialogs = {
  async chooseImportPaths(kind) {
    const win = parentWindow()
    const options: Electron.OpenDialogOptions = {
      title: kind === 'folder' ? 'Import a folder' : 'Import documents',
      properties: kind === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
      ...(kind === 'files' ? { filters: IMPORT_FILTERS } : {}),
    }
    const result = win
      ? await dialog.showOpenDialog(win, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : result.filePaths
  },
  async chooseProjectToOpen() {
    const win = parentWindow()
    const options: Electron.OpenDialogOptions = {
      title: 'Open a project',
      properties: ['openFile'],
      filters: [...PROJECT_FILTERS, { name: 'All files', extensions: ['*'] }],
    }
    const result = win
      ? await dialog.showOpenDialog(win, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
  async chooseSavePath(purpose, suggestedName) {
    const win = parentWindow()
    const options: Electron.SaveDialogOptions = {
      title: purpose === 'project' ? 'Save the project' : 'Export',
      defaultPath: suggestedName,
      filters: SAVE_FILTERS[purpose],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    }
    const result = win
      ? await dialog.showSaveDialog(win, options)
      : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  },
  confirmUnsaved: askToSaveChanges,
}
