import { spawn } from 'node:child_process'
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ParallaxError } from '../../../src/shared/errors'
import { PROJECT_SCHEMA_VERSION } from '../../../src/shared/project'
import {
  autosaveProject,
  createSampleProject,
  backupPathFor,
  discardRecovery,
  documentsMissingFrom,
  findRecoverable,
  openProject,
  openRecovery,
  recoveryPathFor,
  saveProject,
  serializeProject,
} from '../../../src/main/project/project-file'
import { FIXTURES, ROOT, sampleProject, sha256File, tempDir } from './fixtures'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(async () => cleanup())

async function expectOpenError(
  path: string,
  code: string,
  messagePart: RegExp,
): Promise<ParallaxError> {
  const err = await openProject(path).then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ParallaxError)
  const e = err as ParallaxError
  expect(e.code).toBe(code)
  expect(e.message).toMatch(messagePart)
  expect(e.file).toBe(path.split('/').pop())
  return e
}

describe('saving and opening', () => {
  it('round-trips a project: what opens equals what was saved, and a re-save writes the same bytes', async () => {
    const project = await sampleProject()
    const path = join(dir, 'study.parallax')
    const saved = await saveProject(path, project, { now: '2026-11-20T12:00:00.000Z' })
    const opened = await openProject(path)
    expect(opened.project).toEqual(saved)
    expect(opened.migratedFrom).toBeNull()
    expect(opened.warnings).toEqual([])
    expect(opened.project.annotations[1]!.note).toContain('<b>markup</b>')

    const first = await readFile(path, 'utf8')
    await saveProject(path, opened.project, { now: '2026-11-20T12:00:00.000Z' })
    expect(await readFile(path, 'utf8')).toBe(first)
    const parsed = JSON.parse(first) as { format: string; schemaVersion: number }
    expect(parsed.format).toBe('parallax-project')
    expect(parsed.schemaVersion).toBe(PROJECT_SCHEMA_VERSION)
  })

  it('keeps the previous version as <name>.parallax.bak and leaves no temp files', async () => {
    const project = await sampleProject()
    const path = join(dir, 'study.parallax')
    await saveProject(path, project)
    const before = await sha256File(path)
    await saveProject(path, { ...project, name: 'Renamed study' })
    expect(await sha256File(backupPathFor(path))).toBe(before)
    expect((await openProject(path)).project.name).toBe('Renamed study')
    expect((await openProject(backupPathFor(path))).project.name).toBe('Iran casualties')
    expect((await readdir(dir)).sort()).toEqual(['study.parallax', 'study.parallax.bak'])
  })

  it('save-as writes a second, independent file and leaves the first unchanged', async () => {
    const project = await sampleProject()
    const first = join(dir, 'study.parallax')
    const second = join(dir, 'copy for colleague.parallax')
    await saveProject(first, project)
    const hash = await sha256File(first)
    await saveProject(second, { ...project, name: 'For Lena' })
    expect(await sha256File(first)).toBe(hash)
    expect((await openProject(second)).project.name).toBe('For Lena')
    expect((await openProject(first)).project.name).toBe('Iran casualties')
  })

  it('opens a project made on another machine (paths that do not exist here) and hands back its documents', async () => {
    const path = join(dir, 'other-machine.parallax')
    await copyFile(join(FIXTURES, 'other-machine.parallax'), path)
    const hash = await sha256File(path)
    const { project, warnings } = await openProject(path)
    expect(warnings).toEqual([])
    expect(project.documents).toHaveLength(2)
    expect(project.documents[0]!.record.fileName).toBe(
      'C:\\Users\\amira\\Desktop\\Field work\\iran-death-toll.html',
    )
    expect(project.comparisons[0]!.view).toMatchObject({ lastExportDir: 'D:\\Exports\\Aleppo' })
    expect(project.lexicon).toEqual([
      { term: 'regime', kind: 'loaded', polarity: -0.6, note: 'Added during field work.' },
    ])
    for (const a of project.annotations) {
      const doc = project.documents.find((d) => d.record.id === a.target.docId)!
      expect(doc.text.slice(a.target.start, a.target.end)).toBe(a.target.exact)
    }
    const missing = documentsMissingFrom(project, new Set([project.documents[1]!.record.id]))
    expect(missing.map((d) => d.record.id)).toEqual([project.documents[0]!.record.id])
    expect(await sha256File(path)).toBe(hash)
  })
})

describe('migration', () => {
  it('opens a version 1 file, upgrades it in memory and never writes the file', async () => {
    const path = join(dir, 'pilot.parallax')
    await copyFile(join(FIXTURES, 'v1-pilot.parallax'), path)
    const hash = await sha256File(path)
    const opened = await openProject(path)
    expect(opened.migratedFrom).toBe(1)
    expect(opened.migrations).toHaveLength(2)
    const { project } = opened
    expect(project.schemaVersion).toBe(PROJECT_SCHEMA_VERSION)
    expect(project.name).toBe('Iran casualties (2016 pilot)')
    // Same file, same id: the recovery file name must not change between opens.
    expect((await openProject(path)).project.id).toBe(project.id)
    const [a1, a2, a3] = project.annotations
    const docB = project.documents[1]!
    expect(a1).toMatchObject({
      kind: 'code',
      code: 'c-casualties',
      note: 'Lower bound, 3-week window.',
      status: 'accepted',
    })
    expect(a1!.target.prefix.length).toBeGreaterThan(0)
    // v1 offsets that were off by three characters are re-anchored by the quote.
    expect(a2).toMatchObject({ kind: 'note', status: 'accepted', links: [] })
    expect(docB.text.slice(a2!.target.start, a2!.target.end)).toBe('Heavy Casualties')
    // A quote that is no longer in the text is kept, marked as orphaned.
    expect(a3!.target.isOrphaned).toBe(true)
    expect(a3!.code).toBe('c-framing')
    expect(project.codebook).toEqual([
      {
        id: 'c-casualties',
        name: 'Casualties',
        parentId: null,
        colour: '#e15759',
        description: '',
      },
      { id: 'c-framing', name: 'Framing', parentId: null, colour: '#44ee77', description: '' },
      {
        id: 'c-scare',
        name: 'Scare quotes',
        parentId: 'c-framing',
        colour: '#bab0ac',
        description: '',
      },
    ])
    expect(project.comparisons).toMatchObject([{ name: 'Pilot comparison', view: {} }])
    expect(project.notes[0]!.body).toBe('Check the Fars figures against the BBC Persian count.')
    expect(project.lexicon).toEqual([])
    expect(await sha256File(path)).toBe(hash)

    // Saving the migrated project writes the current version and keeps the v1 file as the backup.
    await saveProject(path, project)
    expect(
      (JSON.parse(await readFile(path, 'utf8')) as { schemaVersion: number }).schemaVersion,
    ).toBe(PROJECT_SCHEMA_VERSION)
    expect(await sha256File(backupPathFor(path))).toBe(hash)
  })

  it('opens a version 2 file with its reviews as they were, and saves it as version 3', async () => {
    const path = join(dir, 'reviewed.parallax')
    await copyFile(join(FIXTURES, 'v2-reviewed.parallax'), path)
    const hash = await sha256File(path)
    const v2 = JSON.parse(await readFile(path, 'utf8')) as { annotations: unknown[] }
    const opened = await openProject(path)
    expect(opened.migratedFrom).toBe(2)
    expect(opened.migrations).toEqual([
      'version 2 → 3: reviews of entities, attributions and stance cues can carry corrections',
    ])
    expect(opened.project.schemaVersion).toBe(3)
    // Nothing of a version-2 annotation changes on the way up.
    expect(opened.project.annotations).toEqual(v2.annotations)
    expect(opened.project.annotations.filter((a) => a.kind === 'machine-review')).toMatchObject([
      { status: 'edited', figure: { value: -5, qualifier: 'about' } },
      { status: 'rejected' },
    ])
    expect(await sha256File(path)).toBe(hash)
    await saveProject(path, opened.project)
    expect(
      (JSON.parse(await readFile(path, 'utf8')) as { schemaVersion: number }).schemaVersion,
    ).toBe(3)
    expect(await sha256File(backupPathFor(path))).toBe(hash)
  })

  it('names the missing field of a damaged version 1 file', async () => {
    const v1 = JSON.parse(await readFile(join(FIXTURES, 'v1-pilot.parallax'), 'utf8')) as {
      annotations: Record<string, unknown>[]
    }
    delete v1.annotations[1]!.quote
    const path = join(dir, 'pilot.parallax')
    await writeFile(path, JSON.stringify(v1))
    const hash = await sha256File(path)
    await expectOpenError(path, 'invalid-project', /annotations\[1\]\.quote.*missing/)
    expect(await sha256File(path)).toBe(hash)
  })
})

describe('bad project files: a clear error and the bytes on disk unchanged', () => {
  const cases: [string, (good: string) => string, string, RegExp][] = [
    [
      'truncated JSON',
      (g) => g.slice(0, Math.floor(g.length / 2)),
      'invalid-project',
      /damaged or incomplete/,
    ],
    ['an empty file', () => '', 'invalid-project', /empty/],
    [
      'a wrong format id',
      (g) => g.replace('"parallax-project"', '"tropy-project"'),
      'invalid-project',
      /not a Parallax project/,
    ],
    ['a JSON array', () => '[1,2,3]', 'invalid-project', /not a Parallax project/],
    [
      'a newer schema version',
      (g) => g.replace(/"schemaVersion": \d+/, '"schemaVersion": 7'),
      'newer-version',
      /newer version of Parallax.*7/,
    ],
    [
      'a schema version that is not a number',
      (g) => g.replace(/"schemaVersion": \d+/, '"schemaVersion": "two"'),
      'invalid-project',
      /schemaVersion.*whole number/,
    ],
    [
      'a fractional schema version',
      (g) => g.replace(/"schemaVersion": \d+/, '"schemaVersion": 1.5'),
      'invalid-project',
      /schemaVersion/,
    ],
    [
      'no schema version',
      (g) => g.replace(/"schemaVersion": \d+,/, ''),
      'invalid-project',
      /schemaVersion.*missing/,
    ],
    [
      'a missing codebook',
      (g) => {
        const o = JSON.parse(g) as Record<string, unknown>
        delete o.codebook
        return JSON.stringify(o)
      },
      'invalid-project',
      /“codebook” is missing/,
    ],
    [
      'a document without text',
      (g) => {
        const o = JSON.parse(g) as { documents: Record<string, unknown>[] }
        delete o.documents[1]!.text
        return JSON.stringify(o)
      },
      'invalid-project',
      /documents\[1\]\.text” is missing/,
    ],
    [
      'an annotation with a bad status',
      (g) => {
        const o = JSON.parse(g) as { annotations: Record<string, unknown>[] }
        o.annotations[0]!.status = 'maybe'
        return JSON.stringify(o)
      },
      'invalid-project',
      /annotations\[0\]\.status” should be one of/,
    ],
  ]
  for (const [what, damage, code, message] of cases) {
    it(`refuses ${what}`, async () => {
      const good = serializeProject(await sampleProject())
      const path = join(dir, 'damaged.parallax')
      await writeFile(path, damage(good))
      const hash = await sha256File(path)
      await expectOpenError(path, code, message)
      expect(await sha256File(path)).toBe(hash)
      expect(await readdir(dir)).toEqual(['damaged.parallax'])
    })
  }

  it('drops __proto__, constructor and prototype keys and never pollutes Object.prototype', async () => {
    const good = JSON.parse(serializeProject(await sampleProject())) as Record<string, unknown>
    const text = JSON.stringify(good)
      .replace(
        '{',
        '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},',
      )
      .replace('"view":{', '"view":{"__proto__":{"isAdmin":true},"prototype":1,')
    const path = join(dir, 'proto.parallax')
    await writeFile(path, text)
    const hash = await sha256File(path)
    const { project } = await openProject(path)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.hasOwn(project, '__proto__')).toBe(false)
    expect(Object.hasOwn(project, 'constructor')).toBe(false)
    const view = project.comparisons[0]!.view
    expect(Object.keys(view).sort()).toEqual(['columns', 'showLinks'])
    expect((view as { isAdmin?: unknown }).isAdmin).toBeUndefined()
    expect(await sha256File(path)).toBe(hash)
  })

  it('refuses a file over the size limit without reading it, and a missing file', async () => {
    const path = join(dir, 'big.parallax')
    await writeFile(path, serializeProject(await sampleProject()))
    const err = await openProject(path, { maxBytes: 1000 }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'too-large', file: 'big.parallax' })
    await expectOpenError(join(dir, 'nowhere.parallax'), 'not-found', /does not exist/)
  })
})

describe('autosave and recovery', () => {
  it('offers an autosaved project after a crash and forgets it after a clean save', async () => {
    const dataDir = join(dir, 'data')
    const project = await sampleProject()
    const path = join(dir, 'study.parallax')
    expect(await findRecoverable(dataDir)).toEqual([])
    const recovery = await autosaveProject(
      dataDir,
      { ...project, name: 'Unsaved edits' },
      path,
      '2026-11-20T11:00:00.000Z',
    )
    expect(recovery).toBe(recoveryPathFor(dataDir, project.id))
    const offered = await findRecoverable(dataDir)
    expect(offered).toEqual([
      {
        recoveryPath: recovery,
        projectId: project.id,
        name: 'Unsaved edits',
        sourcePath: path,
        autosavedAt: '2026-11-20T11:00:00.000Z',
        documentCount: 2,
        annotationCount: 3,
      },
    ])
    const recovered = await openRecovery(recovery)
    expect(recovered.project.autosave).toBeUndefined()
    expect(recovered.project.annotations).toEqual(project.annotations)

    await saveProject(path, recovered.project, { dataDir })
    expect(await findRecoverable(dataDir)).toEqual([])
    // The saved file carries no autosave stamp.
    expect(await readFile(path, 'utf8')).not.toContain('autosavedAt')
  })

  it('discards the recovery file on close and never lets an id escape the recovery folder', async () => {
    const dataDir = join(dir, 'data')
    const project = await sampleProject()
    await autosaveProject(dataDir, project, null)
    await discardRecovery(dataDir, project.id)
    expect(await findRecoverable(dataDir)).toEqual([])
    expect(recoveryPathFor(dataDir, '../../etc/passwd').startsWith(join(dataDir, 'recovery'))).toBe(
      true,
    )
  })

  it('a crash between writing the temp file and the rename leaves the previous file intact and the recovery offered', async () => {
    const dataDir = join(dir, 'data')
    const path = join(dir, 'study.parallax')
    const project = await sampleProject()
    await saveProject(path, project, { dataDir })
    const before = await sha256File(path)
    const edited = { ...project, name: 'Edited before the crash' }
    const input = join(dir, 'edited.json')
    await writeFile(input, JSON.stringify(edited))

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test/unit/project/crash-child.ts'), path, dataDir, input],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const tempPath = await new Promise<string>((resolvePath, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /temp-written (.+)\n/.exec(out)
        if (m) resolvePath(m[1]!)
      })
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)))
    })
    const exited = new Promise((r) => child.on('exit', r))
    child.kill('SIGKILL')
    await exited

    // The new bytes were fully on disk in the temp file, but the rename never happened.
    expect((JSON.parse(await readFile(tempPath, 'utf8')) as { name: string }).name).toBe(
      'Edited before the crash',
    )
    expect(await sha256File(path)).toBe(before)
    expect((await openProject(path)).project.name).toBe('Iran casualties')
    const offered = await findRecoverable(dataDir)
    expect(offered.map((r) => [r.name, r.sourcePath])).toEqual([['Edited before the crash', path]])
    const recovered = await openRecovery(offered[0]!.recoveryPath)
    // A live process's temp file is left alone; the dead one's goes with the next save.
    const live = join(dir, `.study.parallax.${process.ppid}.abcd1234.tmp`)
    await writeFile(live, 'in progress elsewhere')
    await saveProject(path, recovered.project, { dataDir })
    expect((await openProject(path)).project.name).toBe('Edited before the crash')
    expect(await findRecoverable(dataDir)).toEqual([])
    await expect(readFile(tempPath, 'utf8')).rejects.toThrow(/ENOENT/)
    expect(await readFile(live, 'utf8')).toBe('in progress elsewhere')
  })
})

describe('concurrent writes', () => {
  it('autosaves land in call order and a discard after a save is not undone by an autosave in flight', async () => {
    const dataDir = join(dir, 'data')
    const project = await sampleProject()
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        autosaveProject(dataDir, { ...project, name: `Edit ${i}` }, null),
      ),
    )
    expect((await findRecoverable(dataDir)).map((r) => r.name)).toEqual(['Edit 7'])
    const path = join(dir, 'study.parallax')
    const late = autosaveProject(dataDir, { ...project, name: 'Late autosave' }, path)
    await Promise.all([late, saveProject(path, project, { dataDir })])
    expect(await findRecoverable(dataDir)).toEqual([])
    expect((await readdir(join(dataDir, 'recovery'))).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })
})

describe('first run', () => {
  it('makes a sample project comparing the sample articles that saves and reopens', async () => {
    const { documents } = await sampleProject()
    const sample = createSampleProject(documents)
    expect(sample.comparisons[0]!.docIds).toEqual(documents.map((d) => d.record.id))
    const path = join(dir, 'sample.parallax')
    const saved = await saveProject(path, sample)
    expect((await openProject(path)).project).toEqual(saved)
  })
})
