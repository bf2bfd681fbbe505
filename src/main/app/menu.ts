import { app, Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/api'

/** The application menu. Commands the renderer handles are sent to it as `menu` events. */
export function installMenu(send: (command: MenuCommand) => void, isDev: boolean): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: () => send('import-files') },
        { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Alt+I', click: () => send('import-folder') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Find in Library', accelerator: 'CmdOrCtrl+F', click: () => send('focus-search') },
        { type: 'separator' },
        ...(isDev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      label: '&Help',
      submenu: [{ label: `About ${app.getName()}`, click: () => send('about') }],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
