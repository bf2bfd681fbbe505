import { BrowserWindow, dialog } from 'electron'
import type { UnsavedAnswer } from '../project-service'
import {
  importDialog,
  openProjectDialog,
  saveDialog,
  unsavedAnswer,
  unsavedBox,
} from '../shell/dialog-specs'
import type { Dialogs } from '../workbench'

function parentWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
}

/** Asks "Save changes to …?" (also used when the window closes). */
export async function askToSaveChanges(projectName: string): Promise<UnsavedAnswer> {
  const win = parentWindow()
  const box = unsavedBox(projectName)
  const { response } = win
    ? await dialog.showMessageBox(win, box)
    : await dialog.showMessageBox(box)
  return unsavedAnswer(response)
}

/** Native dialogs for the workbench. Paths reach main only; the renderer never sees them. */
export const electronDialogs: Dialogs = {
  async chooseImportPaths(kind) {
    const win = parentWindow()
    const options = importDialog(kind)
    const result = win
      ? await dialog.showOpenDialog(win, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : result.filePaths
  },
  async chooseProjectToOpen() {
    const win = parentWindow()
    const options = openProjectDialog()
    const result = win
      ? await dialog.showOpenDialog(win, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
  async chooseSavePath(purpose, suggestedName) {
    const win = parentWindow()
    const options = saveDialog(purpose, suggestedName)
    const result = win
      ? await dialog.showSaveDialog(win, options)
      : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  },
  confirmUnsaved: askToSaveChanges,
}
