import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractDocument } from '../../../src/main/ingest/index'
import { expectWellFormed, REPO_ROOT, roleOf } from './helpers'

interface Expected {
  documents: Record<string, { file: string; title: string }>
  non_body: Record<string, string[]>
  figures: Array<{ doc: string; quote: string; file: string }>
}

const expected = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'test/fixtures/seeds-expected.json'), 'utf8'),
) as Expected
const seed = (file: string): Uint8Array =>
  new Uint8Array(readFileSync(path.join(REPO_ROOT, 'resources/samples', file)))

describe('the sample articles (shared/seeds)', () => {
  for (const [key, info] of Object.entries(expected.documents)) {
    it(`document ${key}: title, and every figure quote inside the body`, async () => {
      const doc = await extractDocument(seed(info.file), info.file)
      expectWellFormed(doc)
      expect(doc.title).toBe(info.title)
      const first = doc.segments[0]!
      expect(first.role).toBe('title')
      // The file's title has a no-break space where expected.json has a space; the text keeps the file's.
      expect(doc.text.slice(first.start, first.end).replace(/\s+/g, ' ').trim()).toBe(info.title)
      const quotes = expected.figures.filter((f) => f.doc === key).map((f) => f.quote)
      expect(quotes.length).toBeGreaterThan(0)
      for (const q of quotes) expect(roleOf(doc, q), q).toBe('body')
    })
  }

  it("document B: expected.json's non-body material comes out as non-body", async () => {
    const file = expected.documents['B']!.file
    const doc = await extractDocument(seed(file), file)
    const listed = expected.non_body['B'] ?? []
    expect(listed.length).toBe(4)
    // The entries name a line and, in parentheses, what it is; the last one describes the comments.
    const lines = listed
      .filter((l) => !l.startsWith('the two'))
      .map((l) => l.replace(/\s*\([^)]*\)\s*$/, ''))
    expect(lines).toHaveLength(3)
    for (const line of lines) expect(roleOf(doc, line), line).not.toBe('body')
    expect(roleOf(doc, 'The Iranian army in action against ISIS in Syria.')).toBe('caption')
    expect(roleOf(doc, 'Recommended For You')).toBe('widget')
    for (const c of [
      'Isis has become a reincarnation of the Hydra',
      'Muslims fighting Muslim. Arab fighting Arab.',
      'It’s absolutely nothing to do with us',
      'Leave a Reply',
      'Your email address will not be published',
    ]) {
      expect(roleOf(doc, c), c).toBe('comments')
    }
  })

  it('document A has no non-body material taken out of its article', async () => {
    const file = expected.documents['A']!.file
    const doc = await extractDocument(seed(file), file)
    expect(doc.segments.filter((s) => s.role !== 'title' && s.role !== 'body')).toEqual([])
  })
})
