import { describe, expect, it } from 'vitest'
import type { DocumentAnalysis } from '../../../shared/analysis'
import type { Annotation, Code } from '../../../shared/annotation'
import { LAYERS, splitRuns, type LayerId } from './highlights'
import {
  buildDocumentHighlights,
  columnLinks,
  correctionKey,
  hideRejected,
  indexAnnotations,
  rejectedItems,
  UNCODED_COLOUR,
} from './highlights-annotations'

const text =
  'Officials said the Revolutionary Guards lost 40 men; the Revolutionary Guards denied it.'
const at = (s: string, from = 0) => {
  const start = text.indexOf(s, from)
  if (start < 0) throw new Error(`no ${s}`)
  return { start, end: start + s.length, text: s }
}
const first = at('Revolutionary Guards')
const second = at('Revolutionary Guards', first.end)
const forty = at('40')

const analysis: DocumentAnalysis = {
  docId: 'd1',
  analyserVersion: 't',
  sentences: [{ start: 0, end: text.length }],
  figures: [
    {
      id: 'fig-0',
      ...forty,
      segmentRole: 'body',
      value: 40,
      low: 40,
      high: 40,
      qualifier: 'exact',
      qualifierText: null,
      kind: 'count',
      unit: null,
      measure: null,
      subject: null,
      timeScope: null,
      location: null,
      source: null,
      sentence: { start: 0, end: text.length },
      evidence: [],
      confidence: 0.8,
    },
  ],
  dates: [],
  entities: [
    {
      id: 'irgc',
      type: 'organisation',
      name: 'IRGC',
      aliases: [],
      mentions: [first, second],
      evidence: [],
    },
  ],
  attributions: [],
  actors: [],
  stanceCues: [],
  stanceSummary: null,
  elapsedMs: 1,
}

let serial = 0
function annotation(patch: Partial<Annotation> & { start: number; end: number }): Annotation {
  const { start, end, ...rest } = patch
  serial += 1
  return {
    id: `ann-${serial}`,
    target: { docId: 'd1', start, end, exact: text.slice(start, end), prefix: '', suffix: '' },
    kind: 'code',
    status: 'accepted',
    links: [],
    author: 'tester',
    created: '2026-01-01T00:00:00Z',
    modified: '2026-01-01T00:00:00Z',
    ...rest,
  }
}

function review(
  layer: 'figure' | 'entity',
  id: string,
  span: { start: number; end: number },
  status: Annotation['status'],
): Annotation {
  return annotation({ ...span, kind: 'machine-review', machineRef: { layer, id }, status })
}

const casualties: Code = {
  id: 'c1',
  name: 'Casualties',
  parentId: null,
  colour: '#e03131',
  description: '',
}
const codes = new Map([[casualties.id, casualties]])
const all = new Set<LayerId>(LAYERS)

describe('annotation highlights', () => {
  it("draws the researcher's annotations with their code's colour and kind, and not the others", () => {
    const coded = annotation({ ...at('lost 40 men'), code: 'c1' })
    const note = annotation({ ...at('denied it'), kind: 'note', note: 'a denial' })
    const orphan = annotation({ ...at('Officials') })
    orphan.target = { ...orphan.target, isOrphaned: true }
    const rejected = annotation({ ...at('Officials said'), status: 'rejected' })
    const elsewhere = annotation({ ...at('said') })
    elsewhere.target = { ...elsewhere.target, docId: 'd2' }
    const input = { annotations: [coded, note, orphan, rejected, elsewhere], codes }

    const hs = buildDocumentHighlights(analysis, 'd1', all, input)
    const mine = hs.filter((h) => h.layer === 'annotations')
    expect(mine.map((h) => [h.targetId, h.variant, h.colour])).toEqual([
      [coded.id, 'code', '#e03131'],
      [note.id, 'note', UNCODED_COLOUR],
    ])
    // Sorted with the machine layers, so runs over "40" carry the figure and the annotation.
    const runs = splitRuns(0, text.length, hs)
    const over40 = runs.find((r) => text.slice(r.start, r.end) === '40')
    expect(over40?.highlights.map((h) => h.layer).sort()).toEqual(['annotations', 'figures'])

    const off = buildDocumentHighlights(analysis, 'd1', new Set<LayerId>(['figures']), input)
    expect(off.some((h) => h.layer === 'annotations')).toBe(false)
  })

  it('a rejected review hides the machine highlight it reviews, per entity mention', () => {
    const rejectSecond = review('entity', 'irgc', second, 'rejected')
    const acceptFigure = review('figure', 'fig-0', forty, 'accepted')
    const input = { annotations: [rejectSecond, acceptFigure], codes }
    const hs = buildDocumentHighlights(analysis, 'd1', all, input)
    const entityStarts = hs.filter((h) => h.layer === 'entities').map((h) => h.start)
    expect(entityStarts).toEqual([first.start])
    expect(hs.filter((h) => h.layer === 'figures')).toHaveLength(1)
    // Reviews themselves are not drawn as annotation marks.
    expect(hs.filter((h) => h.layer === 'annotations')).toHaveLength(0)

    const rejectFigure = review('figure', 'fig-0', forty, 'rejected')
    const hidden = buildDocumentHighlights(analysis, 'd1', all, {
      annotations: [rejectFigure],
      codes,
    })
    expect(hidden.filter((h) => h.layer === 'figures')).toHaveLength(0)
    // The same machine id in another document is not touched.
    expect(
      buildDocumentHighlights({ ...analysis, docId: 'd2' }, 'd2', all, {
        annotations: [rejectFigure],
        codes,
      }).filter((h) => h.layer === 'figures'),
    ).toHaveLength(1)
  })

  it('a rejection needs the same layer, id and an overlapping span', () => {
    const hs = buildDocumentHighlights(analysis, 'd1', all, { annotations: [], codes })
    const sameIdElsewhere = [{ layer: 'entities' as const, id: 'irgc', start: 0, end: 5 }]
    expect(hideRejected(hs, sameIdElsewhere)).toHaveLength(hs.length)
    const otherLayer = [{ layer: 'figures' as const, id: 'irgc', ...first }]
    expect(hideRejected(hs, otherLayer)).toHaveLength(hs.length)
    const point = [{ layer: 'figures' as const, id: 'fig-0', start: forty.start, end: forty.start }]
    expect(hideRejected(hs, point)).toHaveLength(hs.length - 1)
    expect(rejectedItems([review('figure', 'fig-0', forty, 'edited')], 'd1')).toEqual([])
  })

  it('indexes corrections and links from both ends, and links between columns', () => {
    const a = annotation({ ...at('lost 40 men') })
    const b = annotation({ ...at('denied it') })
    b.target = { ...b.target, docId: 'd2' }
    const c = annotation({ ...at('Officials') })
    a.links = [
      { to: b.id, relation: 'contradicts' },
      { to: c.id, relation: 'supports' },
    ]
    const edited = review('figure', 'fig-0', forty, 'edited')
    edited.figure = { value: 35, qualifier: 'about' }
    const lookup = indexAnnotations([a, b, c, edited], codes, new Map([['d2', 'Other paper']]))
    expect(lookup.corrections.get(correctionKey('figures', 'fig-0', 'd1'))?.figure?.value).toBe(35)
    expect(lookup.links.get(b.id)).toEqual([
      { from: a.id, to: b.id, relation: 'contradicts', other: a, isIncoming: true },
    ])
    expect(lookup.links.get(a.id)?.map((l) => l.other.id)).toEqual([b.id, c.id])

    // c is in the same document as a: no line; d2 shown in column 1: one line.
    const lines = columnLinks([a, b, c], ['d1', 'd2'])
    expect(lines).toEqual([
      {
        key: `${a.id}>${b.id}`,
        from: { id: a.id, doc: 0, start: a.target.start },
        to: { id: b.id, doc: 1, start: b.target.start },
        relation: 'contradicts',
      },
    ])
    expect(columnLinks([a, b, c], ['d1'])).toEqual([])
  })
})
