import { describe, expect, it } from 'vitest'
import { analyzeDocument, ANALYSER_VERSION } from '../../../src/main/analysis/index'
import { newsText } from '../../bench/analysis'

function analyse(
  text: string,
  segments: { start: number; end: number; role: 'body' | 'comments' | 'title' }[] = [],
) {
  return analyzeDocument({ docId: 'r', text, segments, published: null })
}

describe('bad input', () => {
  it('analyses an empty document to empty lists', () => {
    const a = analyse('')
    expect([a.figures, a.entities, a.attributions, a.sentences, a.dates]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ])
    expect(a.analyserVersion).toBe(ANALYSER_VERSION)
  })

  it('finishes on a 100,000-character line of words, digits or one unbroken token', () => {
    const words =
      'the army said that about 2,000 troops and dozens of rebels were killed near Aleppo '
    const line = words.repeat(Math.ceil(100_000 / words.length)).slice(0, 100_000)
    const a = analyse(line)
    expect(a.figures.length).toBeGreaterThan(1000)
    expect(analyse('1,'.repeat(50_000)).figures.length).toBeLessThan(50_001)
    expect(analyse('a'.repeat(100_000)).figures).toEqual([])
    expect(analyse('“'.repeat(50_000) + 'x').attributions.length).toBeLessThanOrEqual(1)
  })

  it('copes with Arabic and Chinese text and keeps the offsets right', () => {
    const text =
      'قتل 13 شخصا في حلب يوم الأحد. 据报道，至少 40 人在叙利亚死亡。 At least 40 people died.'
    const a = analyse(text)
    for (const f of a.figures) expect(text.slice(f.start, f.end)).toBe(f.text)
    expect(a.figures.map((f) => f.value)).toEqual(expect.arrayContaining([13, 40]))
    for (const s of a.sentences) expect(s.end).toBeLessThanOrEqual(text.length)
  })

  it('marks numbers in reader comments as comment figures, not the article’s', () => {
    const body = 'At least 40 people were killed in Aleppo.'
    const comments = '\n\nComment: I heard 500 died, not 40.'
    const a = analyse(body + comments, [
      { start: 0, end: body.length, role: 'body' },
      { start: body.length, end: body.length + comments.length, role: 'comments' },
    ])
    expect(a.figures.filter((f) => f.segmentRole === 'body').map((f) => f.value)).toEqual([40])
    expect(a.figures.filter((f) => f.segmentRole === 'comments').map((f) => f.value)).toEqual([
      500, 40,
    ])
    expect(a.attributions.every((x) => x.content.start < body.length)).toBe(true)
  })

  it('finishes a 5 MB text', { timeout: 600_000 }, async () => {
    const text = await newsText(5_000_000)
    const a = analyse(text)
    expect(a.figures.length).toBeGreaterThan(10_000)
    expect(a.sentences.at(-1)!.end).toBeLessThanOrEqual(text.length)
  })
})
