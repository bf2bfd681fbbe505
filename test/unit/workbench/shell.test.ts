import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  API_SCHEMAS,
  EXPORT_KINDS,
  type ApiChannel,
  type MenuCommand,
} from '../../../src/shared/api'
import type { UnsavedAnswer } from '../../../src/main/project-service'
import { decideWindowClose } from '../../../src/main/shell/close-flow'
import {
  SAVE_FILTERS,
  importDialog,
  unsavedAnswer,
  unsavedBox,
} from '../../../src/main/shell/dialog-specs'
import { buildMenuTemplate, type MenuSpec } from '../../../src/main/shell/menu-template'
import { Workbench, type Dialogs } from '../../../src/main/workbench'

const repo = resolve(import.meta.dirname, '../../..')
const samplesDir = join(repo, 'resources/samples')

/** Dialog answers queued by the test; every question asked is recorded. */
class QueuedDialogs implements Dialogs {
  savePaths: (string | null)[] = []
  answers: UnsavedAnswer[] = []
  readonly asked: string[] = []
  async chooseImportPaths(): Promise<string[] | null> {
    return null
  }
  async chooseProjectToOpen(): Promise<string | null> {
    return null
  }
  async chooseSavePath(purpose: string, suggested: string): Promise<string | null> {
    this.asked.push(`save:${purpose}:${suggested}`)
    return this.savePaths.shift() ?? null
  }
  async confirmUnsaved(name: string): Promise<UnsavedAnswer> {
    this.asked.push(`confirm:${name}`)
    return this.answers.shift() ?? 'cancel'
  }
}

function flatten(items: readonly MenuSpec[]): MenuSpec[] {
  return items.flatMap((i) => [i, ...flatten(i.submenu ?? [])])
}

function item(items: readonly MenuSpec[], label: string): MenuSpec {
  const found = flatten(items).find((i) => i.label === label)
  if (!found) throw new Error(`no menu item "${label}"`)
  return found
}

describe('the application menu', () => {
  const calls: [ApiChannel, unknown[]][] = []
  const sent: MenuCommand[] = []
  const template = (platform: NodeJS.Platform, exists = true) =>
    buildMenuTemplate({
      platform,
      isDev: false,
      appName: 'Parallax',
      recent: [
        {
          name: 'Iran casualties',
          path: '/tmp/iran.parallax',
          openedAt: '2026-11-20T10:00:00Z',
          exists,
        },
      ],
      send: (c) => sent.push(c),
      run: (channel, args) => calls.push([channel, args]),
    })

  beforeEach(() => {
    calls.length = 0
    sent.length = 0
  })

  it('has the usual project shortcuts, each accelerator used once', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const items = flatten(template(platform)).filter((i) => i.accelerator)
      const accelerators = items.map((i) => i.accelerator)
      expect(new Set(accelerators).size).toBe(accelerators.length)
    }
    const menu = template('linux')
    expect(item(menu, 'New Project').accelerator).toBe('CmdOrCtrl+N')
    expect(item(menu, 'Open Project…').accelerator).toBe('CmdOrCtrl+O')
    expect(item(menu, 'Save').accelerator).toBe('CmdOrCtrl+S')
    expect(item(menu, 'Save As…').accelerator).toBe('CmdOrCtrl+Shift+S')
    expect(item(menu, 'Close Project').accelerator).toBe('CmdOrCtrl+W')
    expect(flatten(menu).some((i) => i.role === 'quit')).toBe(true)
    expect(flatten(template('darwin')).some((i) => i.role === 'appMenu')).toBe(true)
  })

  it('every item that runs a call names a channel of the contract with arguments it accepts', () => {
    const menu = template('linux')
    for (const i of flatten(menu)) i.click?.()
    expect(calls.map(([c]) => c)).toEqual(
      expect.arrayContaining([
        'project.new',
        'project.open',
        'project.openRecent',
        'project.save',
        'project.saveAs',
        'project.close',
        'export.run',
      ]),
    )
    for (const [channel, args] of calls) {
      expect(() => API_SCHEMAS[channel].parse(args)).not.toThrow()
    }
    expect(calls.filter(([c]) => c === 'export.run').map(([, a]) => a[0])).toEqual([
      ...EXPORT_KINDS,
    ])
    expect(calls.find(([c]) => c === 'project.openRecent')?.[1]).toEqual(['/tmp/iran.parallax'])
    expect(sent).toEqual(
      expect.arrayContaining(['import-files', 'import-folder', 'undo', 'redo', 'focus-search']),
    )
  })

  it('offers a recent project whose file is gone, but disabled', () => {
    expect(item(template('linux', false), 'Iran casualties — /tmp/iran.parallax').enabled).toBe(
      false,
    )
    const empty = buildMenuTemplate({
      platform: 'linux',
      isDev: false,
      appName: 'Parallax',
      recent: [],
      send: () => undefined,
      run: () => undefined,
    })
    expect(item(empty, 'No recent projects').enabled).toBe(false)
  })
})

describe('the native dialogs', () => {
  it('have a filter for every save purpose, and the box maps Escape to Cancel', () => {
    for (const kind of ['project', ...EXPORT_KINDS] as const) {
      expect(SAVE_FILTERS[kind][0]?.extensions.length).toBeGreaterThan(0)
    }
    const box = unsavedBox('Study')
    expect(box.message).toContain('Study')
    expect(unsavedAnswer(box.defaultId)).toBe('save')
    expect(unsavedAnswer(box.cancelId)).toBe('cancel')
    expect(unsavedAnswer(1)).toBe('discard')
    expect(importDialog('files').filters?.[0]?.extensions).toEqual(
      expect.arrayContaining(['html', 'pdf', 'docx', 'txt', 'mhtml']),
    )
    expect(importDialog('folder').properties).toEqual(['openDirectory'])
  })
})

describe('the menu and the close question against a real workbench', () => {
  let dir: string
  let wb: Workbench
  const dialogs = new QueuedDialogs()

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parallax-shell-'))
    wb = await Workbench.create({
      dataDir: join(dir, 'data'),
      samplesDir,
      dialogs,
      autosaveDelayMs: 0,
    })
    dialogs.savePaths = []
    dialogs.answers = []
    dialogs.asked.length = 0
  })
  afterEach(async () => {
    await wb.close()
    await rm(dir, { recursive: true, force: true })
  })

  async function makeDirty(): Promise<void> {
    const [doc] = await wb.call('library.list')
    await wb.call('annotations.add', {
      docId: doc!.id,
      start: 0,
      end: 10,
      kind: 'note',
      note: 'check the toll',
    })
    expect(wb.projects.status().isDirty).toBe(true)
  }

  /** Runs the menu item's call the way the shell does, and waits for it. */
  async function click(label: string): Promise<void> {
    let pending: Promise<unknown> = Promise.resolve()
    const menu = buildMenuTemplate({
      platform: 'linux',
      isDev: false,
      appName: 'Parallax',
      recent: await wb.call('project.recent'),
      send: () => undefined,
      run: (channel, args) => (pending = wb.dispatch(channel, args)),
    })
    item(menu, label).click?.()
    await pending
  }

  it('Save As… from the menu asks where and writes the project there', async () => {
    await makeDirty()
    const path = join(dir, 'study.parallax')
    dialogs.savePaths.push(path)
    await click('Save As…')
    expect(dialogs.asked[0]).toMatch(/^save:project:.+\.parallax$/)
    expect((await stat(path)).size).toBeGreaterThan(0)
    expect(wb.projects.status()).toMatchObject({ path, isDirty: false })
    const saved = JSON.parse(await readFile(path, 'utf8')) as { annotations: { note?: string }[] }
    expect(saved.annotations.map((a) => a.note)).toContain('check the toll')
  })

  it('closing a clean window does not ask', async () => {
    expect(await decideWindowClose(wb, (n) => dialogs.confirmUnsaved(n))).toEqual({ close: true })
    expect(dialogs.asked).toEqual([])
  })

  it('Cancel keeps the window and the changes', async () => {
    await makeDirty()
    dialogs.answers.push('cancel')
    expect(await decideWindowClose(wb, (n) => dialogs.confirmUnsaved(n))).toEqual({ close: false })
    expect(wb.projects.status().isDirty).toBe(true)
    expect(wb.projects.annotations.length).toBe(1)
  })

  it('Save on a never-saved project asks where; cancelling that keeps the window open', async () => {
    await makeDirty()
    dialogs.answers.push('save')
    dialogs.savePaths.push(null)
    expect(await decideWindowClose(wb, (n) => dialogs.confirmUnsaved(n))).toEqual({ close: false })
    expect(wb.projects.status().isDirty).toBe(true)
    const path = join(dir, 'kept.parallax')
    dialogs.answers.push('save')
    dialogs.savePaths.push(path)
    expect(await decideWindowClose(wb, (n) => dialogs.confirmUnsaved(n))).toEqual({ close: true })
    expect((await stat(path)).size).toBeGreaterThan(0)
  })

  it("Don't Save closes the project after asking once, and leaves no recovery behind", async () => {
    await makeDirty()
    await wb.projects.flushAutosave()
    expect(await wb.call('project.recoverable')).toHaveLength(1)
    dialogs.answers.push('discard')
    expect(await decideWindowClose(wb, (n) => dialogs.confirmUnsaved(n))).toEqual({ close: true })
    expect(dialogs.asked.filter((q) => q.startsWith('confirm:'))).toHaveLength(1)
    expect(wb.projects.annotations).toHaveLength(0)
    expect(await wb.call('project.recoverable')).toEqual([])
  })

  it('a save that fails keeps the window open and says why', async () => {
    await makeDirty()
    dialogs.answers.push('save')
    dialogs.savePaths.push(join(dir, 'no-such-folder', 'deep', 'x.parallax'))
    const decision = await decideWindowClose(wb, (n) => dialogs.confirmUnsaved(n))
    expect(decision.close).toBe(false)
    expect(!decision.close && decision.error).toBeTruthy()
    expect(wb.projects.status().isDirty).toBe(true)
  })
})
