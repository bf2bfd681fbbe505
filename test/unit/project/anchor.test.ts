import { describe, expect, it } from 'vitest'
import { makeTarget, reanchor, reanchorAll } from '../../../src/main/project/anchor'
import { annotationOn, SAMPLE_FILES, sampleDocument } from './fixtures'

describe('reanchor', () => {
  it('keeps the offsets when the text is unchanged', async () => {
    const doc = await sampleDocument(SAMPLE_FILES[1])
    const a = annotationOn(doc, '13 military advisers had been killed')
    expect(reanchor(a.target, doc.text)).toEqual({
      start: a.target.start,
      end: a.target.end,
      method: 'position',
    })
  })

  it('finds the quote again after text is inserted before it', async () => {
    const doc = await sampleDocument(SAMPLE_FILES[1])
    const a = annotationOn(doc, '13 military advisers had been killed')
    const edited = `Editor's note: this article was updated on 10 May.\n\n${doc.text}`
    const m = reanchor(a.target, edited)!
    expect(m.method).toBe('quote')
    expect(edited.slice(m.start, m.end)).toBe('13 military advisers had been killed')
  })

  it('uses prefix and suffix to choose between repeated quotes', () => {
    const text =
      'The Fars news agency said 13 died. Later, the Tasnim news agency said 13 died. End.'
    const second = text.lastIndexOf('13 died')
    const target = makeTarget('d', text, second, second + '13 died'.length)
    // Delete the first sentence's opening: both occurrences move, the context decides.
    const edited = text.replace('The Fars news agency said', 'Fars said')
    const m = reanchor(target, edited)!
    expect(m.start).toBe(edited.lastIndexOf('13 died'))
    const first = makeTarget('d', text, text.indexOf('13 died'), text.indexOf('13 died') + 7)
    expect(reanchor(first, `Intro. ${text}`)!.start).toBe(`Intro. ${text}`.indexOf('13 died'))
  })

  it('re-attaches a quote that was itself lightly edited (typo fixed, quote marks changed)', async () => {
    const doc = await sampleDocument(SAMPLE_FILES[1])
    const quote = 'it has suffered “heavy casualities” of at least 700 dead from its ground forces'
    const a = annotationOn(doc, quote)
    const edited = doc.text
      .replace('“heavy casualities”', '"heavy casualties"')
      .replace('The Iranian government has confirmed', 'Iran’s government confirmed on Monday')
    const m = reanchor(a.target, edited)!
    expect(m).not.toBeNull()
    expect(m.method).toBe('fuzzy')
    expect(edited.slice(m.start, m.end)).toContain('"heavy casualties" of at least 700 dead')
    expect(Math.abs(m.end - m.start - quote.length)).toBeLessThan(8)
  })

  it('returns null when the passage was removed', async () => {
    const doc = await sampleDocument(SAMPLE_FILES[1])
    const a = annotationOn(doc, 'Contrary to Western propaganda')
    const edited = doc.text.replace(/Contrary to Western propaganda[^\n]*\n/, '')
    expect(reanchor(a.target, edited)).toBeNull()
  })

  it('stays fast on a long text with many near-matches (no quadratic scan)', () => {
    const para = 'The ministry said 13 soldiers were killed and 21 wounded near Aleppo. '
    const text = para.repeat(20_000)
    const start = para.length * 15_000 + 18
    const target = makeTarget(
      'd',
      text,
      start,
      start + 'killed and 21 wounded near Aleppo'.length + 5,
    )
    const edited = `${text.slice(0, start)}X${text.slice(start + 1)}`
    const m = reanchor({ ...target, start: 0, end: 5 }, edited)
    // Correctness only (timing belongs in the bench): a match close in content is returned.
    expect(m).not.toBeNull()
  })
})

describe('reanchorAll', () => {
  it('reports attached, fuzzy and orphaned annotations and drops none', async () => {
    const doc = await sampleDocument(SAMPLE_FILES[1])
    const other = await sampleDocument(SAMPLE_FILES[0])
    const kept = annotationOn(doc, '13 military advisers had been killed')
    const moved = annotationOn(doc, 'Revolutionary Guards official')
    const gone = annotationOn(doc, 'Contrary to Western propaganda')
    const elsewhere = annotationOn(other, 'at least 40 member')
    const edited = `Update: corrected.\n${doc.text.replace(/Contrary to Western propaganda[^\n]*\n/, '')}`
    const report = reanchorAll([kept, moved, gone, elsewhere], new Map([[doc.record.id, edited]]))
    expect(report.annotations).toHaveLength(4)
    expect(report.attached.sort()).toEqual([kept.id, moved.id].sort())
    expect(report.orphaned.map((a) => a.id)).toEqual([gone.id])
    expect(report.annotations[2]!.target.isOrphaned).toBe(true)
    expect(report.annotations[3]).toBe(elsewhere)
    for (const a of report.annotations.slice(0, 2)) {
      expect(edited.slice(a.target.start, a.target.end)).toBe(a.target.exact)
      expect(edited.slice(a.target.start - a.target.prefix.length, a.target.start)).toBe(
        a.target.prefix,
      )
    }
  })
})

describe('reanchor with very common quotes', () => {
  it('finds a short quote by its context even when it occurs thousands of times before it', () => {
    const filler = 'and the army said the toll rose. '.repeat(3000)
    const text = `${filler}Gen. Salami told state TV that the Guards had doubled their troops. ${filler}`
    const at = text.indexOf('that the Guards') + 'that '.length
    const target = makeTarget('d', text, at, at + 3)
    const edited = `New lead paragraph.\n${text}`
    const m = reanchor(target, edited)!
    expect(m.start).toBe(at + 'New lead paragraph.\n'.length)
  })
})

describe('reanchorAll carries the shift of an edit to the next annotations', () => {
  it('places a quote in repetitive text by the shift its neighbour showed', () => {
    const text = `Dateline Aleppo, 9 May. ${'and the army said the toll rose. '.repeat(3000)}`
    const first = makeTarget('d', text, 0, 'Dateline Aleppo'.length)
    const at = text.length - 200 + text.slice(-200).indexOf('the toll')
    const common = makeTarget('d', text, at, at + 3)
    const insert = 'Updated: '
    const edited = `${insert}${text}`
    const base = annotationAnchors([first, common])
    const report = reanchorAll(base, new Map([['d', edited]]))
    expect(report.annotations.map((a) => a.target.start)).toEqual([
      insert.length,
      at + insert.length,
    ])
  })
})

function annotationAnchors(targets: ReturnType<typeof makeTarget>[]) {
  return targets.map((target, i) => ({
    id: `a${i}`,
    target,
    kind: 'note' as const,
    status: 'accepted' as const,
    links: [],
    author: '',
    created: '2026-11-21T00:00:00.000Z',
    modified: '2026-11-21T00:00:00.000Z',
  }))
}
