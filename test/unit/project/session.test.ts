import { copyFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCode, mergeCodes } from '../../../src/main/project/codebook'
import { removeAnnotations } from '../../../src/main/project/annotations'
import { findRecoverable, openProject, saveProject } from '../../../src/main/project/project-file'
import {
  ProjectSession,
  readRecentProjects,
  type SessionStatus,
} from '../../../src/main/project/session'
import { FIXTURES, sampleProject, tempDir } from './fixtures'

let dir: string
let cleanup: () => Promise<void>
let dataDir: string
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  dataDir = join(dir, 'data')
})
afterEach(async () => cleanup())

describe('ProjectSession', () => {
  it('tracks unsaved changes, undo back to the saved state, save, reopen and the recent list', async () => {
    const statuses: SessionStatus[] = []
    const session = new ProjectSession({
      dataDir,
      autosaveDelayMs: 60_000,
      onChange: (s) => statuses.push(s),
    })
    await session.newProject(await sampleProject())
    expect(session.status.isDirty).toBe(true)
    await expect(session.save()).rejects.toMatchObject({ code: 'invalid-argument' })

    const path = join(dir, 'study.parallax')
    await session.save(path)
    expect(session.status).toMatchObject({
      isDirty: false,
      path,
      windowTitle: 'Iran casualties — study.parallax',
    })

    session.apply((s) => createCode(s, { id: 'c-new', name: 'Sources' }))
    expect(session.status.isDirty).toBe(true)
    expect(session.status.windowTitle).toBe('• Iran casualties — study.parallax')
    expect(session.status.undoLabel).toBe('Created code “Sources”.')
    expect(session.undo()).toBe('Created code “Sources”.')
    // Undo back to what is on disk: nothing unsaved.
    expect(session.status.isDirty).toBe(false)
    expect(session.redo()).toBe('Created code “Sources”.')
    const effect = session.apply((s) => mergeCodes(s, 'c-new', 'code-casualties'))
    expect(effect.removedCodes).toEqual(['c-new'])
    session.update({ name: 'Iran casualties, May 2016' })
    await session.save()
    expect(statuses.at(-1)!.isDirty).toBe(false)

    const reopened = await openProject(path)
    expect(reopened.project.name).toBe('Iran casualties, May 2016')
    expect(reopened.project.codebook.map((c) => c.id)).toEqual(
      session.project.codebook.map((c) => c.id),
    )
    expect(await readRecentProjects(dataDir)).toMatchObject([
      { path, name: 'Iran casualties, May 2016', exists: true },
    ])

    const other = new ProjectSession({ dataDir })
    await other.open(path)
    expect(other.status).toMatchObject({ isDirty: false, canUndo: false, annotationCount: 3 })
    session.dispose()
  })

  it('autosaves unsaved changes to the recovery file, reopens them after a crash, and forgets them on save', async () => {
    const path = join(dir, 'study.parallax')
    await saveProject(path, await sampleProject())
    const session = new ProjectSession({ dataDir, autosaveDelayMs: 0 })
    await session.open(path)
    const first = session.project.annotations[0]!.id
    session.apply((s) => removeAnnotations(s, [first]))
    await session.flushAutosave()
    // "Crash": the session is dropped without saving; the next start finds the work.
    const offered = await findRecoverable(dataDir)
    expect(offered).toMatchObject([{ sourcePath: path, annotationCount: 2 }])

    const next = new ProjectSession({ dataDir, autosaveDelayMs: 0 })
    await next.openRecovered(offered[0]!.recoveryPath)
    expect(next.status).toMatchObject({ isDirty: true, path, annotationCount: 2 })
    await next.save()
    expect(await findRecoverable(dataDir)).toEqual([])
    expect((await openProject(path)).project.annotations).toHaveLength(2)
  })

  it('marks a migrated project unsaved and a closed project leaves no recovery file', async () => {
    const path = join(dir, 'pilot.parallax')
    await copyFile(join(FIXTURES, 'v1-pilot.parallax'), path)
    const session = new ProjectSession({ dataDir, autosaveDelayMs: 0 })
    const opened = await session.open(path)
    expect(opened.migratedFrom).toBe(1)
    expect(session.status.isDirty).toBe(true)
    session.update({ notes: [] })
    await session.flushAutosave()
    expect(await findRecoverable(dataDir)).toHaveLength(1)
    await session.close()
    expect(await findRecoverable(dataDir)).toEqual([])
    expect(session.status).toMatchObject({ name: 'Untitled project', path: null, isDirty: false })
  })

  it('reads a damaged recent list as empty', async () => {
    await writeFile(join(dir, 'recent-projects.json'), '{"__proto__": ')
    expect(await readRecentProjects(dir)).toEqual([])
    expect(await readFile(join(dir, 'recent-projects.json'), 'utf8')).toBe('{"__proto__": ')
  })
})
