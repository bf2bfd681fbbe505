import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiEvent, ExportKind } from '../../../src/shared/api'
import type { UnsavedAnswer } from '../../../src/main/project-service'
import { Workbench, type Dialogs } from '../../../src/main/workbench'

const repo = resolve(import.meta.dirname, '../../..')
const samplesDir = join(repo, 'resources/samples')
const fixtures = join(repo, 'test/fixtures/project')

/** Dialog answers set in advance; every question is recorded. */
class Answers implements Dialogs {
  openPaths: (string | null)[] = []
  savePaths: (string | null)[] = []
  confirms: UnsavedAnswer[] = []
  asked: string[] = []
  async chooseImportPaths() {
    return null
  }
  async chooseProjectToOpen() {
    this.asked.push('open')
    return this.openPaths.shift() ?? null
  }
  async chooseSavePath(purpose: 'project' | ExportKind, suggested: string) {
    this.asked.push(`save:${purpose}:${suggested}`)
    return this.savePaths.shift() ?? null
  }
  async confirmUnsaved(name: string) {
    this.asked.push(`confirm:${name}`)
    return this.confirms.shift() ?? 'cancel'
  }
}

describe('projects in the workbench', () => {
  let dir: string
  let work: string
  let dialogs: Answers
  let wb: Workbench
  const events: ApiEvent[] = []
  const start = async (withSamples = true) => {
    wb = await Workbench.create({
      dataDir: dir,
      ...(withSamples ? { samplesDir } : {}),
      dialogs,
      autosaveDelayMs: 0,
      author: 'tester',
    })
    wb.onEvent((e) => events.push(e))
    return wb
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parallax-proj-data-'))
    work = await mkdtemp(join(tmpdir(), 'parallax-proj-files-'))
    dialogs = new Answers()
    events.length = 0
  })
  afterEach(async () => {
    await wb.close()
    await rm(dir, { recursive: true, force: true })
    await rm(work, { recursive: true, force: true })
  })

  /** Annotates the first sample: a code, a coded passage, a note, a lexicon entry. */
  async function annotate() {
    const docs = wb.library.list().filter((r) => r.isSample)
    const doc = await wb.call('library.get', docs[0]!.id)
    const at = doc.text.indexOf('Revolutionary Guards')
    expect(at).toBeGreaterThan(0)
    const created = await wb.call('codebook.create', { name: 'Casualties' })
    const codeId = created.createdCodes[0]!
    const a = await wb.call('annotations.add', {
      docId: doc.record.id,
      start: at,
      end: at + 'Revolutionary Guards'.length,
      kind: 'code',
      code: codeId,
      note: 'Who is counted',
    })
    await wb.call('lexicon.add', { term: 'martyrs', kind: 'loaded', polarity: 0.4 })
    return { doc, codeId, annotation: a }
  }

  it('starts on the sample project with the two samples compared, not marked unsaved', async () => {
    await start()
    const status = await wb.call('project.status')
    expect(status).toMatchObject({ path: null, isDirty: false, comparisonCount: 1 })
    expect(status.name).toMatch(/Sample/)
    const [comparison] = await wb.call('comparisons.list')
    const samples = wb.library.list().filter((r) => r.isSample)
    expect(comparison?.docIds.slice().sort()).toEqual(samples.map((r) => r.id).sort())
    // Closing an untouched sample does not ask.
    expect(await wb.call('project.close')).toMatchObject({ isDirty: false, comparisonCount: 0 })
    expect(dialogs.asked).toEqual([])
  })

  it('annotates, saves, and reopens the last project identically after a restart', async () => {
    await start()
    const { annotation, codeId } = await annotate()
    expect(annotation).toMatchObject({
      kind: 'code',
      code: codeId,
      author: 'tester',
      status: 'accepted',
    })
    expect(annotation.target.exact).toBe('Revolutionary Guards')
    const dirty = await wb.call('project.status')
    expect(dirty.isDirty).toBe(true)
    expect(dirty.windowTitle.startsWith('• ')).toBe(true)

    const path = join(work, 'study.parallax')
    dialogs.savePaths.push(path)
    const saved = await wb.call('project.save')
    expect(saved).toMatchObject({ path, isDirty: false })
    expect(dialogs.asked[0]).toMatch(/^save:project:Sample.*\.parallax$/)
    const onDisk = JSON.parse(await readFile(path, 'utf8')) as {
      documents: { record: { id: string }; text: string }[]
      lexicon: unknown[]
    }
    // Self-contained: the compared and annotated documents travel with their texts.
    expect(onDisk.documents).toHaveLength(2)
    expect(onDisk.documents.every((d) => d.text.length > 1000)).toBe(true)
    expect(onDisk.lexicon).toEqual([{ term: 'martyrs', kind: 'loaded', polarity: 0.4 }])

    const before = {
      annotations: await wb.call('annotations.list', {}),
      codebook: await wb.call('codebook.list'),
      comparisons: await wb.call('comparisons.list'),
      lexicon: await wb.call('lexicon.list'),
    }
    await wb.close()
    await start()
    const status = await wb.call('project.status')
    expect(status).toMatchObject({ path, isDirty: false, annotationCount: 1 })
    expect({
      annotations: await wb.call('annotations.list', {}),
      codebook: await wb.call('codebook.list'),
      comparisons: await wb.call('comparisons.list'),
      lexicon: await wb.call('lexicon.list'),
    }).toEqual(before)
    expect((await wb.call('project.recent'))[0]).toMatchObject({ path, exists: true })
  })

  it('save as writes a new file and leaves the first one as it was', async () => {
    await start()
    await annotate()
    const first = join(work, 'first.parallax')
    dialogs.savePaths.push(first)
    await wb.call('project.save')
    const firstBytes = await readFile(first)
    const second = join(work, 'second') // no extension: .parallax is added
    dialogs.savePaths.push(second)
    await wb.call('annotations.add', {
      docId: (await wb.call('annotations.list', {}))[0]!.target.docId,
      start: 0,
      end: 5,
      kind: 'note',
      note: 'Headline',
    })
    const status = await wb.call('project.saveAs')
    expect(status?.path).toBe(`${second}.parallax`)
    expect(await readFile(first)).toEqual(firstBytes)
    const saved = JSON.parse(await readFile(`${second}.parallax`, 'utf8')) as {
      annotations: unknown[]
    }
    expect(saved.annotations).toHaveLength(2)
    // A cancelled save dialog changes nothing.
    await wb.call('annotations.remove', [(await wb.call('annotations.list', {}))[0]!.id])
    expect(await wb.call('project.saveAs')).toBeNull()
    expect((await wb.call('project.status')).isDirty).toBe(true)
  })

  it('opens a project made on another machine and adds its documents to the library', async () => {
    await start(false) // an empty library: the project's documents are unknown here
    expect(wb.library.list()).toHaveLength(0)
    const path = join(work, 'other-machine.parallax')
    await copyFile(join(fixtures, 'other-machine.parallax'), path)
    dialogs.openPaths.push(path)
    const status = await wb.call('project.open')
    expect(status).toMatchObject({ name: 'Field study — Aleppo', path, annotationCount: 2 })
    expect(status?.notices.join(' ')).toMatch(/2 documents of this project were added/)
    const records = wb.library.list()
    expect(records.map((r) => r.title).sort()).toEqual([
      'Iranian death toll continues to rise!',
      'Syria: Iran Admits “Heavy Casualties”',
    ])
    const [first] = await wb.call('annotations.list', { text: 'cumulative' })
    const view = await wb.call('library.get', first!.target.docId)
    expect(view.text.slice(first!.target.start, first!.target.end)).toBe(first!.target.exact)
    expect(await wb.call('lexicon.list')).toEqual([
      { term: 'regime', kind: 'loaded', polarity: -0.6, note: 'Added during field work.' },
    ])
    // The library's search finds the added text.
    expect(wb.library.search('Revolutionary Guards').length).toBeGreaterThan(0)
  })

  it('refuses each bad project file with a clear error, file and current work untouched', async () => {
    await start()
    await annotate()
    const good = join(work, 'good.parallax')
    dialogs.savePaths.push(good)
    await wb.call('project.save')
    await wb.call('annotations.add', {
      docId: (await wb.call('annotations.list', {}))[0]!.target.docId,
      start: 0,
      end: 4,
      kind: 'note',
      note: 'unsaved work',
    })
    const text = await readFile(good, 'utf8')
    const project = JSON.parse(text) as Record<string, unknown>
    const bad: [string, string, RegExp][] = [
      ['truncated', text.slice(0, Math.floor(text.length / 2)), /damaged or incomplete/],
      [
        'wrong-format',
        JSON.stringify({ ...project, format: 'something-else' }),
        /not a Parallax project/,
      ],
      ['newer', JSON.stringify({ ...project, schemaVersion: 99 }), /newer version of Parallax/],
      ['not-a-number', JSON.stringify({ ...project, schemaVersion: 'two' }), /whole number/],
      ['missing-field', JSON.stringify({ ...project, documents: undefined }), /documents/],
      // The prototype key is dropped, never assigned: what is left lacks its annotations.
      [
        'proto',
        text.replace('"annotations": [', '"__proto__": {"polluted": true}, "annotations_": ['),
        /annotations/,
      ],
    ]
    const before = await wb.call('project.status')
    const annotationsBefore = await wb.call('annotations.list', {})
    for (const [name, body, message] of bad) {
      const path = join(work, `${name}.parallax`)
      await writeFile(path, body)
      const bytes = await readFile(path)
      dialogs.openPaths.push(path)
      const res = await wb.dispatch('project.open', [])
      expect(res.ok, name).toBe(false)
      if (!res.ok) {
        expect(['invalid-project', 'newer-version'], name).toContain(res.error.code)
        expect(res.error.message, name).toMatch(message)
        expect(res.error.file, name).toBe(`${name}.parallax`)
      }
      expect(await readFile(path), name).toEqual(bytes)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(await wb.call('project.status')).toEqual(before)
    expect(await wb.call('annotations.list', {})).toEqual(annotationsBefore)
    // No "save changes?" was asked: a bad file is refused before the current work is touched.
    expect(dialogs.asked.filter((q) => q.startsWith('confirm'))).toEqual([])
  })

  it('asks before replacing unsaved work: cancel keeps it, save saves it, discard drops it', async () => {
    await start()
    await annotate()
    const name = (await wb.call('project.status')).name
    dialogs.confirms.push('cancel')
    expect(await wb.call('project.new')).toBeNull()
    expect((await wb.call('project.status')).annotationCount).toBe(1)

    const path = join(work, 'kept.parallax')
    dialogs.confirms.push('save')
    dialogs.savePaths.push(path)
    const fresh = await wb.call('project.new')
    expect(fresh).toMatchObject({ name: 'Untitled project', annotationCount: 0, isDirty: false })
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ name })

    await wb.call('codebook.create', { name: 'Scratch' })
    dialogs.confirms.push('discard')
    expect(await wb.call('project.close')).toMatchObject({ codeCount: 0 })
    expect(dialogs.asked.filter((q) => q.startsWith('confirm'))).toHaveLength(3)
  })

  it('opens only recent projects by path', async () => {
    await start()
    const res = await wb.dispatch('project.openRecent', [join(repo, 'package.json')])
    expect(res).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('undoes and redoes annotation and codebook actions with labels', async () => {
    await start()
    const { codeId } = await annotate()
    const merged = await wb.call('codebook.create', { name: 'Deaths' })
    const target = merged.createdCodes[0]!
    const preview = await wb.call('codebook.preview', {
      op: 'merge',
      sourceId: codeId,
      targetId: target,
    })
    expect(preview.description).toMatch(/1 annotation re-coded/)
    expect((await wb.call('annotations.list', { codes: [codeId] })).length).toBe(1) // preview only
    await wb.call('codebook.merge', codeId, target)
    expect((await wb.call('annotations.list', { codes: [target] })).length).toBe(1)
    const undone = await wb.call('history.undo')
    expect(undone.label).toMatch(/Merged/)
    expect((await wb.call('annotations.list', { codes: [codeId] })).length).toBe(1)
    expect(undone.status.canRedo).toBe(true)
    await wb.call('history.redo')
    expect(await wb.call('codebook.list')).toHaveLength(1)
  })

  it('offers recovery after an unclean stop and recovers the unsaved work', async () => {
    await start()
    await annotate()
    // The workbench closes without the project being saved or closed (as at a crash, the
    // recovery file was written on change).
    await wb.close()
    await start()
    const offered = await wb.call('project.recoverable')
    expect(offered).toHaveLength(1)
    expect(offered[0]).toMatchObject({ annotationCount: 1 })
    const status = await wb.call('project.recover', offered[0]!.recoveryPath)
    expect(status).toMatchObject({ isDirty: true, annotationCount: 1, codeCount: 1 })
    expect(await wb.call('lexicon.list')).toHaveLength(1)
    // Saving ends the recovery offer.
    dialogs.savePaths.push(join(work, 'recovered.parallax'))
    await wb.call('project.save')
    expect(await wb.call('project.recoverable')).toEqual([])
  })

  it('a rejected or corrected machine figure changes the comparison', async () => {
    await start()
    const [setup] = await wb.call('comparisons.list')
    const before = await wb.call('compare.run', setup!.docIds)
    const docId = setup!.docIds[0]!
    const analysis = await wb.call('analysis.get', docId)
    // A figure of the first document that the comparison sets against the other's.
    const grouped = before.quantities.flatMap((q) => q.figures).find((f) => f.doc === 0)
    expect(grouped).toBeDefined()
    const figure = analysis.figures[grouped!.figure]!
    const inGroups = (c: typeof before) =>
      c.quantities.flatMap((q) => q.intervals).filter((f) => f.doc === 0 && f.text === figure.text)
        .length
    expect(inGroups(before)).toBeGreaterThan(0)
    await wb.call('annotations.review', {
      layer: 'figure',
      machineId: figure.id,
      docId,
      start: figure.start,
      end: figure.end,
      decision: 'rejected',
    })
    const after = await wb.call('compare.run', setup!.docIds)
    expect(inGroups(after)).toBeLessThan(inGroups(before))
    // Rejected reviews are hidden from the list unless asked for.
    expect(await wb.call('annotations.list', {})).toHaveLength(0)
    expect(await wb.call('annotations.list', { includeRejected: true })).toHaveLength(1)
    expect(events.some((e) => e.type === 'analysis.invalidated')).toBe(true)
  })

  it('keeps one review per machine figure per document (ids repeat across documents)', async () => {
    await start()
    const [setup] = await wb.call('comparisons.list')
    const [a, b] = setup!.docIds
    const figA = (await wb.call('analysis.get', a!)).figures[0]!
    const figB = (await wb.call('analysis.get', b!)).figures.find((f) => f.id === figA.id)
    expect(figB).toBeDefined() // the analyser numbers figures per document
    const review = (docId: string, f: typeof figA, decision: 'accepted' | 'rejected') =>
      wb.call('annotations.review', {
        layer: 'figure',
        machineId: f.id,
        docId,
        start: f.start,
        end: f.end,
        decision,
      })
    await review(a!, figA, 'accepted')
    await review(b!, figB!, 'rejected')
    await review(a!, figA, 'rejected') // a second review of the same item updates it
    const all = await wb.call('annotations.list', { includeRejected: true })
    expect(all.map((x) => [x.target.docId, x.status]).sort()).toEqual(
      [
        [a, 'rejected'],
        [b, 'rejected'],
      ].sort(),
    )
    expect((await wb.call('history.undo')).label).toMatch(/Rejected machine figure/)
  })

  it('exports every kind to the chosen path', async () => {
    await start()
    await annotate()
    const kinds: [ExportKind, RegExp][] = [
      ['report-html', /<html/i],
      ['report-md', /^# /m],
      ['figures-csv', /,/],
      ['annotations-csv', /Revolutionary Guards/],
      ['web-annotation', /anno\.jsonld/],
      ['refi-qdc', /<CodeBook/],
    ]
    for (const [kind, pattern] of kinds) {
      const path = join(work, `export-${kind}`)
      dialogs.savePaths.push(path)
      const res = await wb.call('export.run', kind)
      expect(res?.path, kind).toBe(path)
      expect(await readFile(path, 'utf8'), kind).toMatch(pattern)
    }
    expect(await wb.call('export.run', 'report-html')).toBeNull() // cancelled dialog
  })
})
