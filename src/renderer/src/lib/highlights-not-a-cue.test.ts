import { describe, expect, it } from 'vitest'
import type { DocumentAnalysis, StanceCue } from '../../../shared/analysis'
import type { Annotation, ReviewCorrection } from '../../../shared/annotation'
import { LAYERS, type LayerId } from './highlights'
import { buildDocumentHighlights, hidesMachineItem, rejectedItems } from './highlights-annotations'

const text = 'The regime’s so-called reforms were a sham, officials admitted.'
const at = (s: string) => {
  const start = text.indexOf(s)
  if (start < 0) throw new Error(`no ${s}`)
  return { start, end: start + s.length, text: s }
}

function cue(id: string, words: string, kind: StanceCue['kind']): StanceCue {
  return {
    id,
    ...at(words),
    kind,
    actor: null,
    polarity: -0.6,
    rule: 'test',
    segmentRole: 'body',
  }
}

const cues = [cue('c-0', 'so-called', 'scare_quote'), cue('c-1', 'sham', 'loaded_term')]

const analysis: DocumentAnalysis = {
  docId: 'd1',
  analyserVersion: 't',
  sentences: [{ start: 0, end: text.length }],
  figures: [],
  dates: [],
  entities: [],
  attributions: [],
  actors: [],
  stanceCues: cues,
  stanceSummary: null,
  elapsedMs: 1,
}

let serial = 0
function stanceReview(
  id: string,
  status: Annotation['status'],
  correction?: ReviewCorrection,
  docId = 'd1',
): Annotation {
  const c = cues.find((x) => x.id === id)
  if (!c) throw new Error(`no cue ${id}`)
  serial += 1
  return {
    id: `rev-${serial}`,
    target: { docId, start: c.start, end: c.end, exact: c.text, prefix: '', suffix: '' },
    kind: 'machine-review',
    status,
    machineRef: { layer: 'stance', id },
    ...(correction ? { correction } : {}),
    links: [],
    author: 'tester',
    created: '2026-01-01T00:00:00Z',
    modified: '2026-01-01T00:00:00Z',
  }
}

const all = new Set<LayerId>(LAYERS)
const stanceIds = (annotations: Annotation[], docId = 'd1') =>
  buildDocumentHighlights({ ...analysis, docId }, docId, all, { annotations, codes: new Map() })
    .filter((h) => h.layer === 'stance')
    .map((h) => h.targetId)

describe('stance cues corrected as "not a cue"', () => {
  it('are hidden like rejected ones, and only those', () => {
    expect(stanceIds([])).toEqual(['c-0', 'c-1'])
    const notACue = stanceReview('c-1', 'edited', { stanceCue: { isNotCue: true } })
    expect(stanceIds([notACue])).toEqual(['c-0'])
    const rejected = stanceReview('c-0', 'rejected')
    expect(stanceIds([notACue, rejected])).toEqual([])
  })

  it('other corrections of a cue keep it on the page', () => {
    const retyped = stanceReview('c-1', 'edited', { stanceCue: { kind: 'hedge', polarity: 0 } })
    const notNot = stanceReview('c-0', 'edited', { stanceCue: { isNotCue: false } })
    const accepted = stanceReview('c-0', 'accepted')
    expect(stanceIds([retyped, notNot, accepted])).toEqual(['c-0', 'c-1'])
    expect([retyped, notNot, accepted].map(hidesMachineItem)).toEqual([false, false, false])
  })

  it('count per document, with the cue span as the hidden range', () => {
    const elsewhere = stanceReview('c-1', 'edited', { stanceCue: { isNotCue: true } }, 'd2')
    expect(stanceIds([elsewhere], 'd1')).toEqual(['c-0', 'c-1'])
    expect(stanceIds([elsewhere], 'd2')).toEqual(['c-0'])
    expect(rejectedItems([elsewhere], 'd2')).toEqual([
      { layer: 'stance', id: 'c-1', ...{ start: at('sham').start, end: at('sham').end } },
    ])
  })
})
