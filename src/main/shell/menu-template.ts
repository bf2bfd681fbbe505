import {
  EXPORT_KINDS,
  type ApiChannel,
  type ExportKind,
  type MenuCommand,
  type RecentProjectEntry,
} from '../../shared/api'

/** Electron's menu roles that the menu uses; named here so this file needs no Electron. */
export type MenuRole =
  | 'appMenu'
  | 'close'
  | 'quit'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'

/** One menu item: the subset of Electron's MenuItemConstructorOptions the app uses. */
export interface MenuSpec {
  label?: string
  accelerator?: string
  role?: MenuRole
  type?: 'separator'
  enabled?: boolean
  submenu?: MenuSpec[]
  click?: () => void
}

/** What the menu needs from the app. */
export interface MenuContext {
  platform: NodeJS.Platform
  isDev: boolean
  appName: string
  recent: readonly RecentProjectEntry[]
  /** Sends a command to the renderer (import, undo, focus search…). */
  send: (command: MenuCommand) => void
  /** Runs an API call in main (dialogs open there); failures are shown by the caller. */
  run: (channel: ApiChannel, args: unknown[]) => void
}

export const EXPORT_LABELS: Record<ExportKind, string> = {
  'report-html': 'HTML Report…',
  'report-md': 'Markdown Report…',
  'figures-csv': 'Figures (CSV)…',
  'annotations-csv': 'Annotations (CSV)…',
  'web-annotation': 'Annotations (W3C JSON-LD)…',
  'refi-qdc': 'Codebook (REFI-QDA .qdc)…',
}

/**
 * The application menu as data. Renderer commands go out as `menu` events; project commands run
 * in main. The Electron shell only hands this to `Menu.buildFromTemplate`, so everything the menu
 * does is tested here without Electron.
 */
export function buildMenuTemplate(ctx: MenuContext): MenuSpec[] {
  const isMac = ctx.platform === 'darwin'
  const { send, run } = ctx
  const recentItems: MenuSpec[] =
    ctx.recent.length === 0
      ? [{ label: 'No recent projects', enabled: false }]
      : ctx.recent.map((r) => ({
          label: `${r.name} — ${r.path}`,
          enabled: r.exists,
          click: () => run('project.openRecent', [r.path]),
        }))
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Project', accelerator: 'CmdOrCtrl+N', click: () => run('project.new', []) },
        {
          label: 'Open Project…',
          accelerator: 'CmdOrCtrl+O',
          click: () => run('project.open', []),
        },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => run('project.save', []) },
        {
          label: 'Save As…',
          accelerator: 'CmdOrCtrl+Shift+S',
          click: () => run('project.saveAs', []),
        },
        {
          label: 'Close Project',
          accelerator: 'CmdOrCtrl+W',
          click: () => run('project.close', []),
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
          submenu: EXPORT_KINDS.map((kind) => ({
            label: EXPORT_LABELS[kind],
            click: () => run('export.run', [kind]),
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
        ...(ctx.isDev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
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
      submenu: [{ label: `About ${ctx.appName}`, click: () => send('about') }],
    },
  ]
}
