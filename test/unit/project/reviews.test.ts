import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Attribution, DocumentAnalysis, StanceCue } from '../../../src/shared/analysis'
import type { ApiEvent } from '../../../src/shared/api'
import {
  describeCorrection,
  type Annotation,
  type MachineLayer,
  type ReviewCorrection,
} from '../../../src/shared/annotation'
import { annotationsCsv } from '../../../src/main/project/exports/annotations-csv'
import { webAnnotationCollection } from '../../../src/main/project/exports/web-annotation'
import { openProject } from '../../../src/main/project/project-file'
import { applyReviews, intervalFor, reviewEntityEdits } from '../../../src/main/project/reviews'
import { Workbench } from '../../../src/main/workbench'
import { projectWithFigures } from './fixtures'

const repo = resolve(import.meta.dirname, '../../..')

describe('applyReviews', () => {
  it('drops rejected figures, applies corrections and adds the researcher’s figures', async () => {
    const { project, analyses } = await projectWithFigures()
    const b = applyReviews(analyses[1]!, project.annotations)
    expect(b.figures.map((f) => f.id)).toEqual(['fb1', 'fb2'])
    const corrected = b.figures.find((f) => f.id === 'fb2')!
    expect(corrected).toMatchObject({ value: -5, qualifier: 'about', confidence: 1 })
    expect(corrected.measure!.normalized).toBe('killed')
    expect(corrected.low).toBeCloseTo(-4.5)
    expect(corrected.evidence.at(-1)).toBe('corrected by Test Researcher')
    // The input analysis is not changed.
    expect(analyses[1]!.figures).toHaveLength(3)

    const a = applyReviews(analyses[0]!, project.annotations)
    const added = a.figures.find((f) => f.id === project.annotations[0]!.id)!
    expect(added).toMatchObject({
      value: 40,
      qualifier: 'at_least',
      low: 40,
      high: null,
      text: project.annotations[0]!.target.exact,
    })
    expect(added.source!.text).toBe('the Iranian media')
    expect(a.figures.map((f) => f.start)).toEqual(
      [...a.figures.map((f) => f.start)].sort((x, y) => x - y),
    )
  })

  it('derives intervals from qualifiers', () => {
    expect(intervalFor(40, 'at_least')).toEqual({ low: 40, high: null })
    expect(intervalFor(700, 'less_than')).toEqual({ low: null, high: 700 })
    expect(intervalFor(13, 'exact')).toEqual({ low: 13, high: 13 })
    expect(intervalFor(null, 'vague')).toEqual({ low: null, high: null })
  })
})

describe('corrections of entities, attributions and stance cues', () => {
  const attribution = (id: string, speaker: string | null): Attribution => ({
    id,
    kind: 'reported',
    speaker: speaker === null ? null : { start: 0, end: speaker.length, text: speaker },
    verb: { start: 20, end: 24, text: 'said' },
    verbLemma: 'say',
    verbStrength: 'neutral',
    content: { start: 25, end: 40, text: 'something' },
    sentence: { start: 0, end: 41 },
    evidence: ['rule:reported'],
  })
  const cue = (id: string): StanceCue => ({
    id,
    start: 50,
    end: 60,
    text: 'terrorists',
    kind: 'label',
    actor: null,
    polarity: -0.8,
    rule: 'lexicon:labels',
    segmentRole: 'body',
  })
  const review = (
    layer: MachineLayer,
    machineId: string,
    status: Annotation['status'],
    correction?: ReviewCorrection,
    modified = '2026-01-01T00:00:00.000Z',
  ): Annotation => ({
    id: `r-${layer}-${machineId}`,
    target: { docId: 'd1', start: 0, end: 5, exact: 'words', prefix: '', suffix: '' },
    kind: 'machine-review',
    machineRef: { layer, id: machineId },
    status,
    links: [],
    author: 'T',
    created: modified,
    modified,
    ...(correction ? { correction } : {}),
  })
  const analysis: DocumentAnalysis = {
    docId: 'd1',
    analyserVersion: 'test',
    sentences: [],
    figures: [],
    dates: [],
    entities: [],
    attributions: [attribution('a1', 'Fars'), attribution('a2', null), attribution('a3', 'X')],
    actors: [],
    stanceCues: [cue('c1'), cue('c2'), cue('c3')],
    stanceSummary: null,
    elapsedMs: 0,
  }

  it('corrects speakers and verb strengths, cue kinds and polarities, and drops "not a cue"', () => {
    const out = applyReviews(analysis, [
      review('attribution', 'a1', 'edited', {
        attribution: { speaker: 'a Revolutionary Guards official', verbStrength: 'distancing' },
      }),
      review('attribution', 'a2', 'edited', { attribution: { speaker: 'IISS' } }),
      review('attribution', 'a3', 'rejected'),
      review('stance', 'c1', 'edited', { stanceCue: { kind: 'loaded_term', polarity: -0.3 } }),
      review('stance', 'c2', 'edited', { stanceCue: { isNotCue: true } }),
    ])
    expect(out.attributions.map((x) => [x.id, x.speaker?.text, x.verbStrength])).toEqual([
      ['a1', 'a Revolutionary Guards official', 'distancing'],
      // No speaker before: the corrected one sits on the attributed words.
      ['a2', 'IISS', 'neutral'],
    ])
    expect(out.attributions[1]!.speaker).toMatchObject({ start: 25, end: 40 })
    expect(out.stanceCues.map((c) => [c.id, c.kind, c.polarity])).toEqual([
      ['c1', 'loaded_term', -0.3],
      ['c3', 'label', -0.8],
    ])
    expect(analysis.attributions[0]!.speaker!.text).toBe('Fars')
  })

  it('turns edited entity reviews into rename and retype edits, in the order they were made', () => {
    const annotations = [
      review(
        'entity',
        'e2',
        'edited',
        { entity: { was: 'Velayati', type: 'person' } },
        '2026-01-02T00:00:00.000Z',
      ),
      review('entity', 'e1', 'edited', { entity: { was: 'IRGC', name: 'Guards', type: 'group' } }),
      review('entity', 'e3', 'accepted'),
      {
        ...review('entity', 'e4', 'edited', { entity: { was: 'Fars', name: 'F' } }),
        target: { ...review('entity', 'e4', 'edited').target, docId: 'd2' },
      },
    ]
    expect(reviewEntityEdits('d1', annotations)).toEqual([
      { kind: 'rename', name: 'IRGC', newName: 'Guards' },
      { kind: 'retype', name: 'Guards', type: 'group' },
      { kind: 'retype', name: 'Velayati', type: 'person' },
    ])
  })

  it('says a correction in words for the exports', () => {
    expect(
      describeCorrection({ entity: { was: 'IRGC', name: 'Revolutionary Guards', type: 'group' } }),
    ).toBe('name “IRGC” → “Revolutionary Guards”; type group')
    expect(describeCorrection({ attribution: { speaker: null, verbStrength: 'concessive' } })).toBe(
      'speaker none; verb strength concessive',
    )
    expect(describeCorrection({ stanceCue: { isNotCue: true, kind: 'hedge' } })).toBe(
      'not a stance cue',
    )
  })
})

describe('reviewing every layer through the workbench', () => {
  let dir: string
  let wb: Workbench
  let events: ApiEvent[]
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parallax-reviews-'))
    wb = await Workbench.create({
      dataDir: dir,
      samplesDir: join(repo, 'resources/samples'),
      autosaveDelayMs: 0,
      author: 'tester',
    })
    events = []
    wb.onEvent((e) => events.push(e))
  })
  afterEach(async () => {
    await wb.close()
    await rm(dir, { recursive: true, force: true })
  })

  async function firstDoc() {
    const [setup] = await wb.call('comparisons.list')
    const docIds = setup!.docIds
    const analysis = await wb.call('analysis.get', docIds[0]!)
    return { docIds, docId: docIds[0]!, analysis }
  }

  it('an edited entity is renamed and retyped in the analysis; undo and redo follow', async () => {
    const { docId, analysis } = await firstDoc()
    const entity = analysis.entities.find((e) => e.mentions.length > 0)!
    const m = entity.mentions[0]!
    const newType = entity.type === 'group' ? 'organisation' : 'group'
    const saved = await wb.call('annotations.review', {
      layer: 'entity',
      machineId: entity.id,
      docId,
      start: m.start,
      end: m.end,
      decision: 'edited',
      correction: { entity: { was: entity.name, name: 'Quxbridge Brigade', type: newType } },
    })
    expect(saved).toMatchObject({
      status: 'edited',
      machineRef: { layer: 'entity', id: entity.id },
    })
    const named = async () =>
      (await wb.call('analysis.get', docId)).entities.find((e) => e.id === entity.id)
    expect(await named()).toMatchObject({
      name: 'Quxbridge Brigade',
      type: newType,
      isEdited: true,
    })
    expect((await named())!.aliases).toContain(entity.name)

    // A second correction replaces the first: it still names the entity as the machine had it.
    await wb.call('annotations.review', {
      layer: 'entity',
      machineId: entity.id,
      docId,
      start: m.start,
      end: m.end,
      decision: 'edited',
      correction: { entity: { was: 'Quxbridge Brigade', name: 'Quxbridge Corps' } },
    })
    expect((await named())!.name).toBe('Quxbridge Corps')
    expect((await named())!.type).toBe(entity.type)
    const [stored] = await wb.call('annotations.list', { kinds: ['machine-review'] })
    expect(stored!.correction).toEqual({ entity: { was: entity.name, name: 'Quxbridge Corps' } })

    events.length = 0
    await wb.call('history.undo')
    // The views showing this document's analysis are told to fetch it again.
    expect(events).toContainEqual({ type: 'analysis.invalidated', docIds: [docId] })
    expect((await named())!.name).toBe('Quxbridge Brigade')
    await wb.call('history.undo')
    expect((await named())!.name).toBe(entity.name)
    await wb.call('history.redo')
    expect((await named())!.name).toBe('Quxbridge Brigade')

    // Accepting drops the correction: the machine's name is back.
    await wb.call('annotations.review', {
      layer: 'entity',
      machineId: entity.id,
      docId,
      start: m.start,
      end: m.end,
      decision: 'accepted',
    })
    expect((await named())!.name).toBe(entity.name)
    const [accepted] = await wb.call('annotations.list', { kinds: ['machine-review'] })
    expect(accepted!.correction).toBeUndefined()
  })

  it('a corrected speaker reaches the comparison’s sources and the exports', async () => {
    const { docIds, docId, analysis } = await firstDoc()
    const att = analysis.attributions[0]!
    const before = await wb.call('compare.run', docIds)
    expect(before.sources.sources.some((s) => /Zanzibar/.test(s.name))).toBe(false)
    await wb.call('annotations.review', {
      layer: 'attribution',
      machineId: att.id,
      docId,
      start: att.content.start,
      end: att.content.end,
      decision: 'edited',
      correction: {
        attribution: { speaker: 'the Zanzibar Institute', verbStrength: 'distancing' },
      },
    })
    const after = await wb.call('compare.run', docIds)
    expect(after.sources.sources.some((s) => s.name === 'the Zanzibar Institute')).toBe(true)

    const project = wb.projects.session.project
    const said = 'speaker “the Zanzibar Institute”; verb strength distancing'
    const [columns = [], ...rows] = readCsv(annotationsCsv(project))
    const row = rows.find((r) => r.includes(said))!
    expect(row[columns.indexOf('machine_layer')]).toBe('attribution')
    expect(row[columns.indexOf('status')]).toBe('edited')
    expect(row[columns.indexOf('correction')]).toBe(said)
    const ld = webAnnotationCollection(project) as {
      first: { items: { body: { purpose: string; value: string }[] }[] }
    }
    expect(ld.first.items[0]!.body).toContainEqual(
      expect.objectContaining({ purpose: 'editing', value: said }),
    )
  })

  it('an edited figure’s qualifier and fields reach the comparison’s figure group', async () => {
    const { docIds, docId, analysis } = await firstDoc()
    const before = await wb.call('compare.run', docIds)
    // One whose qualifier the text words ("at least 40"): the words must not outlive the edit.
    const grouped = before.quantities
      .flatMap((q) => q.intervals)
      .find((f) => f.doc === 0 && analysis.figures[f.figure]?.qualifierText)!
    const figure = analysis.figures[grouped.figure]!
    expect(figure.qualifier).not.toBe('at_most')
    await wb.call('annotations.review', {
      layer: 'figure',
      machineId: figure.id,
      docId,
      start: figure.start,
      end: figure.end,
      decision: 'edited',
      figure: {
        value: 99,
        qualifier: 'at_most',
        measure: figure.measure?.normalized ?? 'killed',
        scope: 'in the week to Friday',
        source: 'the Quxbridge Observatory',
      },
    })
    const after = await wb.call('compare.run', docIds)
    const now = after.quantities
      .flatMap((q) => q.intervals)
      .find((f) => f.doc === 0 && f.figure === grouped.figure)!
    // Counts are never negative: the comparison closes an open lower end at 0.
    expect(now).toMatchObject({ high: 99, qualifier: 'at most' })
    expect(now.low ?? 0).toBe(0)
    expect(now.scope).toContain('in the week to Friday')
    expect(after.sources.sources.some((s) => s.name === 'the Quxbridge Observatory')).toBe(true)
  })

  it('"not a cue" removes a stance cue from the comparison input; bad corrections are refused', async () => {
    const { docId, analysis } = await firstDoc()
    expect(analysis.stanceCues.length).toBeGreaterThan(0)
    const c = analysis.stanceCues[0]!
    const base = { layer: 'stance' as const, machineId: c.id, docId, start: c.start, end: c.end }
    await expect(
      wb.call('annotations.review', { ...base, decision: 'edited' }),
    ).rejects.toMatchObject({
      code: 'invalid-argument',
    })
    await expect(
      wb.call('annotations.review', {
        ...base,
        decision: 'edited',
        correction: { entity: { was: 'x', name: 'y' } },
      }),
    ).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(
      wb.call('annotations.review', {
        ...base,
        decision: 'rejected',
        correction: { stanceCue: { isNotCue: true } },
      }),
    ).rejects.toMatchObject({ code: 'invalid-argument' })
    await wb.call('annotations.review', {
      ...base,
      decision: 'edited',
      correction: { stanceCue: { isNotCue: true } },
    })
    const reviewed = applyReviews(analysis, wb.projects.annotations)
    expect(reviewed.stanceCues.some((x) => x.id === c.id)).toBe(false)
    expect(reviewed.stanceCues).toHaveLength(analysis.stanceCues.length - 1)
  })

  it('corrections survive save and reopen', async () => {
    const { docId, analysis } = await firstDoc()
    const a = analysis.attributions[0]!
    await wb.call('annotations.review', {
      layer: 'attribution',
      machineId: a.id,
      docId,
      start: a.content.start,
      end: a.content.end,
      decision: 'edited',
      correction: { attribution: { speaker: null } },
    })
    const path = join(dir, 'reviews.parallax')
    await wb.projects.session.save(path)
    const opened = await openProject(path)
    expect(opened.project.annotations[0]!.correction).toEqual({ attribution: { speaker: null } })
  })
})

/** A small RFC 4180 reader (quoted fields with commas, quotes and line breaks). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [[]]
  let field = ''
  let isQuoted = false
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!
    if (isQuoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') isQuoted = false
      else field += c
    } else if (c === '"') isQuoted = true
    else if (c === ',') {
      rows.at(-1)!.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      rows.at(-1)!.push(field)
      field = ''
      rows.push([])
    } else field += c
  }
  if (field !== '' || rows.at(-1)!.length > 0) rows.at(-1)!.push(field)
  return rows.filter((r) => r.length > 1)
}
