/**
 * Electron entry. Deliberately thin: lifecycle, the window, the menu, the security policy and the
 * IPC binding. Everything the app does lives in the workbench, which runs without Electron.
 */

import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog } from 'electron'
import { EVENT_CHANNEL, type ApiChannel, type MenuCommand, type ProjectStatus } from '../shared/api'
import { bindIpc } from './app/ipc'
import { askToSaveChanges, electronDialogs } from './app/dialogs'
import { installMenu } from './app/menu'
import { decideWindowClose } from './shell/close-flow'
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
        worker: new URL('./worker.js', import.meta.url),
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
    const send = (command: MenuCommand) =>
      mainWindow?.webContents.send(EVENT_CHANNEL, { type: 'menu', command })
    const runFromMenu = (channel: ApiChannel, args: unknown[]) => {
      void workbench.dispatch(channel, args).then((res) => {
        if (!res.ok) {
          const where = res.error.file ? `${res.error.file}\n\n` : ''
          dialog.showErrorBox('Parallax', `${where}${res.error.message}`)
        }
      })
    }
    const refreshMenu = async () => {
      const recent = await workbench.call('project.recent').catch(() => [])
      installMenu({ send, isDev: !app.isPackaged, recent, run: runFromMenu })
    }
    await refreshMenu()
    let lastPath: string | null = null
    const showStatus = (status: ProjectStatus) => {
      if (!mainWindow) return
      mainWindow.setTitle(`${status.windowTitle} — Parallax`)
      if (process.platform === 'darwin') {
        mainWindow.setDocumentEdited(status.isDirty)
        if (status.path) mainWindow.setRepresentedFilename(status.path)
      }
      // A save or an open changes the recent list.
      if (status.path !== lastPath) {
        lastPath = status.path
        void refreshMenu()
      }
    }
    workbench.onEvent((event) => {
      if (event.type === 'project.changed') showStatus(event.status)
    })
    const openWindow = () => {
      const win = createMainWindow(devServerUrl)
      win.on('page-title-updated', (e) => e.preventDefault())
      win.once('ready-to-show', () => void workbench.call('project.status').then(showStatus))
      // Closing with unsaved changes asks; Cancel (or a failed save) keeps the window open.
      let isConfirmed = false
      win.on('close', (event) => {
        if (isConfirmed || !workbench.projects.status().isDirty) return
        event.preventDefault()
        void decideWindowClose(workbench, askToSaveChanges).then((decision) => {
          if (!decision.close) {
            if (decision.error) dialog.showErrorBox('Parallax', decision.error)
            return
          }
          isConfirmed = true
          win.close()
        })
      })
      win.on('closed', () => {
        if (mainWindow === win) mainWindow = null
      })
      return win
    }
    mainWindow = openWindow()

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow()
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
