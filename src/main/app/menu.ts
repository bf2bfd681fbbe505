import { app, Menu, type MenuItemConstructorOptions } from 'electron'
import type { ApiChannel, ExportKind, MenuCommand, RecentProjectEntry } from '../../shared/api'

/** What the File menu needs from the app: the recent projects and a way to run a call in main. */
export interface ProjectMenu {
  recent: readonly RecentProjectEntry[]
  /** Runs an API call in main (dialogs open there); failures are shown by the caller. */
  run: (channel: ApiChannel, args: unknown[]) => void
}

const EXPORT_ITEMS: { kind: ExportKind; label: string }[] = [
  { kind: 'report-html', label: 'HTML Report…' },
  { kind: 'report-md', label: 'Markdown Report…' },
  { kind: 'figures-csv', label: 'Figures (CSV)…' },
  { kind: 'annotations-csv', label: 'Annotations (CSV)…' },
  { kind: 'web-annotation', label: 'Annotations (W3C JSON-LD)…' },
  { kind: 'refi-qdc', label: 'Codebook (REFI-QDA .qdc)…' },
]

/**
 * The application menu. Renderer commands are sent as `menu` events; project commands run in
 * main. Rebuilt when the recent list changes.
 */
export function installMenu(
  send: (command: MenuCommand) => void,
  isDev: boolean,
  project: ProjectMenu,
): void {
  const isMac = process.platform === 'darwin'
  const recentItems: MenuItemConstructorOptions[] =
    project.recent.length === 0
      ? [{ label: 'No recent projects', enabled: false }]
      : project.recent.map((r) => ({
          label: `${r.name} — ${r.path}`,
          enabled: r.exists,
          click: () => project.run('project.openRecent', [r.path]),
        }))
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        {
          label: 'New Project',
          accelerator: 'CmdOrCtrl+N',
          click: () => project.run('project.new', []),
        },
        {
          label: 'Open Project…',
          accelerator: 'CmdOrCtrl+O',
          click: () => project.run('project.open', []),
        },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => project.run('project.save', []) },
        {
          label: 'Save As…',
          accelerator: 'CmdOrCtrl+Shift+S',
          click: () => project.run('project.saveAs', []),
        },
        {
          label: 'Close Project',
          accelerator: 'CmdOrCtrl+W',
          click: () => project.run('project.close', []),
        },
        { type: 'separator' },
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: () => send('import-files') },
        {
          label: 'Import Folder…',
          accelerator: 'CmdOrCtrl+Alt+I',
          click: () => send('import-folder'),
        },
        {
          label: 'Export',
          submenu: EXPORT_ITEMS.map(({ kind, label }) => ({
            label,
            click: () => project.run('export.run', [kind]),
          })),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // Routed by the renderer: a text field's own undo, else the project history.
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => send('undo') },
        { label: 'Redo', accelerator: isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y', click: () => send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
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
    // Not the stock window menu: its Close takes Ctrl+W, which is Close Project here.
    {
      label: '&Window',
      submenu: [{ role: 'minimize' }, ...(isMac ? [{ role: 'zoom' as const }] : [])],
    },
    {
      label: '&Help',
      submenu: [{ label: `About ${app.getName()}`, click: () => send('about') }],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
