/**
 * Electron entry. Deliberately thin: lifecycle, the window, the menu, the security policy and the
 * IPC binding. Everything the app does lives in the workbench, which runs without Electron.
 */

import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog } from 'electron'
import { EVENT_CHANNEL } from '../shared/api'
import { bindIpc } from './app/ipc'
import { electronDialogs } from './app/dialogs'
import { installMenu } from './app/menu'
import { applySecurityPolicy } from './app/security'
import { createMainWindow } from './app/window'
import { resolveDataDir } from './data-dir'
import { Workbench } from './workbench'

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined

app.setName('Parallax')
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let mainWindow: BrowserWindow | null = null
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  void app.whenReady().then(async () => {
    applySecurityPolicy(devServerUrl)
    const dataDir = resolveDataDir(process.argv)
    let workbench: Workbench
    try {
      workbench = await Workbench.create({
        dataDir,
        samplesDir: fileURLToPath(new URL('../../resources/samples', import.meta.url)),
        dialogs: electronDialogs,
        analysisWorker: new URL('./analysis-worker.js', import.meta.url),
      })
    } catch (err) {
      dialog.showErrorBox(
        'Parallax could not open its library',
        `${dataDir}\n\n${err instanceof Error ? err.message : String(err)}`,
      )
      app.exit(1)
      return
    }
    bindIpc(workbench, devServerUrl)
    installMenu((command) => mainWindow?.webContents.send(EVENT_CHANNEL, { type: 'menu', command }), !app.isPackaged)
    mainWindow = createMainWindow(devServerUrl)
    mainWindow.on('closed', () => (mainWindow = null))

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(devServerUrl)
    })
    // Close the workbench (saves the search index) before the process exits.
    let closed = false
    app.on('before-quit', (event) => {
      if (closed) return
      event.preventDefault()
      void workbench.close().finally(() => {
        closed = true
        app.quit()
      })
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
