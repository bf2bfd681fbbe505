import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzeDocument } from '../../../src/main/analysis/index'
import { extractDocument } from '../../../src/main/ingest/index'
import { analyzeStance } from '../../../src/main/analysis/stance/index'

const run = (text: string, segments: Parameters<typeof analyzeStance>[0]['segments'] = []) =>
  analyzeStance({ text, segments, sentences: [], entities: [] })

describe('stance on awkward input', () => {
  it('returns nothing for an empty text', () => {
    expect(run('')).toEqual({ actors: [], stanceCues: [], stanceSummary: null })
  })

  it('treats a text without segments as body', () => {
    const r = run('The regime’s so-called elections were a sham.')
    expect(r.stanceCues.map((c) => [c.kind, c.text])).toEqual([
      ['label', 'regime’s'],
      ['distancing', 'so-called'],
      ['loaded_term', 'sham'],
    ])
    expect(r.stanceCues.every((c) => c.segmentRole === 'body')).toBe(true)
  })

  it('survives unbalanced and nested quote marks', () => {
    const text = "He said “the “rebels” had won. It’s 5\" long and the 'mob' left. “Unclosed"
    const r = run(text)
    for (const c of r.stanceCues) expect(text.slice(c.start, c.end)).toBe(c.text)
    expect(r.stanceCues.some((c) => c.kind === 'scare_quote' && c.text === "'mob'")).toBe(true)
  })

  it('does not read apostrophes as quotes', () => {
    const r = run('The Shi’ite militias’ commanders didn’t say it’s over.')
    expect(r.stanceCues.filter((c) => c.kind === 'scare_quote')).toEqual([])
  })

  it('ignores a document that is all reader comments unless asked', () => {
    const text = 'These rioters and thugs are monsters.'
    const segments = [{ start: 0, end: text.length, role: 'comments' as const }]
    expect(run(text, segments)).toEqual({ actors: [], stanceCues: [], stanceSummary: null })
    const withComments = analyzeStance({
      text,
      segments,
      sentences: [],
      entities: [],
      includeComments: true,
    })
    expect(withComments.stanceCues.map((c) => c.text)).toEqual(['rioters', 'thugs', 'monsters'])
    expect(withComments.stanceCues.every((c) => c.segmentRole === 'comments')).toBe(true)
  })

  it('does not take a lower-case "us" or "is" for an acronym', () => {
    const r = run('They told us the town is quiet. The US envoy blamed the IS group.')
    const names = r.actors.map((a) => a.name).sort()
    expect(names).toEqual(['Islamic State', 'the West'].sort())
    expect(r.actors.find((a) => a.name === 'the West')!.labels.map((l) => l.text)).toEqual(['US'])
  })
})

describe('headlines in Title Case', () => {
  it('still finds loaded words, but not inside names in the body', () => {
    const text =
      'Police Restore Order After Brutal Night\n\nThe Liberation Front and the Heroes Brigade marched.'
    const r = run(text, [
      { start: 0, end: 40, role: 'title' },
      { start: 40, end: text.length, role: 'body' },
    ])
    expect(r.stanceCues.map((c) => [c.segmentRole, c.text])).toEqual([
      ['title', 'Restore Order'],
      ['title', 'Brutal'],
    ])
  })
})

describe('reader comments as their own layer', () => {
  it('finds cues in the comments without counting them toward the article', async () => {
    const file = join(
      resolve(import.meta.dirname, '../../..'),
      'resources/samples/iran-admits-heavy-casualties.txt',
    )
    const doc = await extractDocument(new Uint8Array(await readFile(file)), 'b.txt')
    const analysis = analyzeDocument({
      docId: 'b',
      text: doc.text,
      segments: doc.segments,
      published: null,
    })
    const inComments = analysis.stanceCues.filter((c) => c.segmentRole === 'comments')
    // "Isis are monsters not humans" is a reader's word, not the article's.
    expect(inComments.some((c) => c.text.toLowerCase().includes('monsters'))).toBe(true)
    const ids = analysis.stanceCues.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    const commentSpans = doc.segments.filter((s) => s.role === 'comments')
    const inside = (o: number) => commentSpans.some((s) => o >= s.start && o < s.end)
    for (const actor of analysis.actors) {
      for (const e of actor.stance.evidence) expect(inside(e.start)).toBe(false)
      for (const l of actor.labels) expect(inside(l.start)).toBe(false)
    }
  })
})
