import { BrowserWindow, dialog } from 'electron'
import type { Dialogs } from '../workbench'

const IMPORT_FILTERS = [
  { name: 'Documents', extensions: ['html', 'htm', 'mhtml', 'mht', 'pdf', 'docx', 'txt', 'md', 'markdown'] },
  { name: 'All files', extensions: ['*'] },
]

/** Native open dialogs for the workbench. Paths reach main only; the renderer never sees them. */
export const electronDialogs: Dialogs = {
  async chooseImportPaths(kind) {
    const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
    const options: Electron.OpenDialogOptions = {
      title: kind === 'folder' ? 'Import a folder' : 'Import documents',
      properties: kind === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
      ...(kind === 'files' ? { filters: IMPORT_FILTERS } : {}),
    }
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
    return result.canceled ? null : result.filePaths
  },
}
