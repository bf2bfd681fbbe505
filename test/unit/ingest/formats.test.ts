import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { bodyText } from '../../../src/shared/document'
import { extractDocument } from '../../../src/main/ingest/index'
import { expectWellFormed, fixture, roleOf } from './helpers'

const TITLE = 'Floodwaters Cut Off Three Villages in the Sava Valley'
const P1 =
  'At least 40 families were evacuated on Tuesday after the river Sava burst its banks near the town of Brod, local officials said.'
const P5 =
  'The national weather service expects the rain to ease by the weekend, but warned that a second flood wave could reach the lower valley on Sunday.'
const CAPTION = 'Rescue boats on the flooded main street of Brod on Tuesday.'

describe('saved web page (article.html)', () => {
  it('reads title, outlet, author and date from the page metadata', async () => {
    const doc = await extractDocument(fixture('article.html'), 'article.html')
    expectWellFormed(doc)
    expect(doc.format).toBe('html')
    expect(doc.encoding).toBe('utf-8')
    expect(doc.title).toBe(TITLE)
    expect(doc.outlet).toBe('The Parallax Gazette')
    expect(doc.author).toBe('Mira Kovács')
    expect(doc.published?.slice(0, 10)).toBe('2024-03-14')
  })

  it('keeps the article as body and the rest of the page as other roles', async () => {
    const doc = await extractDocument(fixture('article.html'), 'article.html')
    expect(doc.segments[0]?.role).toBe('title')
    expect(roleOf(doc, P1)).toBe('body')
    expect(roleOf(doc, P5)).toBe('body')
    expect(roleOf(doc, CAPTION)).toBe('caption')
    expect(roleOf(doc, 'Recommended For You')).toBe('widget')
    expect(roleOf(doc, 'Dam safety inspections were delayed')).toBe('widget')
    expect(roleOf(doc, 'Thoughts and prayers to everyone in Brod')).toBe('comments')
    expect(roleOf(doc, 'Leave a Reply')).toBe('comments')
    expect(roleOf(doc, 'We use cookies to improve your experience')).toBe('boilerplate')
    const body = bodyText(doc.text, doc.segments)
    expect(body).not.toMatch(/Recommended|cookies|Leave a Reply|Share on Facebook|prayers/)
    // Body first, then non-body material: the article reads top to bottom.
    const lastBody = Math.max(...doc.segments.map((s, i) => (s.role === 'body' ? i : -1)))
    expect(doc.segments.slice(lastBody + 1).every((s) => s.role !== 'body')).toBe(true)
  })

  it('keeps no script, style or handler text from a hostile page', async () => {
    for (const name of ['article.html', 'hostile.html']) {
      const doc = await extractDocument(fixture(name), name)
      expectWellFormed(doc)
      expect(doc.text).not.toMatch(
        /alert|HACKED|pwned|INJECTED|NOSCRIPT|while\(true\)|javascript:|onerror|font-family|tracker/,
      )
    }
    const hostile = await extractDocument(fixture('hostile.html'), 'hostile.html')
    expect(roleOf(hostile, 'The council approved the budget with 12 votes')).toBe('body')
  })
})

describe('HTML encodings', () => {
  const page = (charset: string | null): string =>
    `<!doctype html><html><head>${charset ? `<meta charset="${charset}">` : ''}<title>Café crème in Zürich</title></head><body><article>` +
    `<p>Le café crème coûte désormais 5 francs à Zürich, a déclaré l’association des cafetiers jeudi.</p>`.repeat(
      3,
    ) +
    '</article></body></html>'

  it('respects <meta charset> for legacy pages', async () => {
    const bytes = new Uint8Array(iconv.encode(page('windows-1252'), 'windows-1252'))
    const doc = await extractDocument(bytes, 'legacy.html')
    expect(doc.encoding).toBe('windows-1252')
    expect(doc.title).toBe('Café crème in Zürich')
    expect(
      roleOf(doc, 'Le café crème coûte désormais 5 francs à Zürich, a déclaré l’association'),
    ).toBe('body')
  })

  it('detects a legacy encoding when the page declares none', async () => {
    const bytes = new Uint8Array(iconv.encode(page(null), 'windows-1252'))
    const doc = await extractDocument(bytes, 'undeclared.html')
    expect(doc.text).toContain('Le café crème coûte désormais')
    expect(doc.encoding).not.toBe('utf-8')
  })

  it('trusts valid UTF-8 bytes over a stale latin-1 declaration', async () => {
    const doc = await extractDocument(new TextEncoder().encode(page('iso-8859-1')), 'resaved.html')
    expect(doc.encoding).toBe('utf-8')
    expect(doc.title).toBe('Café crème in Zürich')
  })
})

describe('web archive (article.mhtml)', () => {
  it('decodes the quoted-printable windows-1252 HTML part and reads it as a page', async () => {
    const doc = await extractDocument(fixture('article.mhtml'), 'article.mhtml')
    expectWellFormed(doc)
    expect(doc.format).toBe('mhtml')
    expect(doc.encoding).toBe('windows-1252')
    expect(doc.title).toBe(TITLE)
    expect(doc.author).toBe('Mira Kovács')
    expect(roleOf(doc, P1)).toBe('body')
    expect(roleOf(doc, '“We have never seen the water come up this fast,” said Ana Horváth')).toBe(
      'body',
    )
    expect(roleOf(doc, 'Thoughts and prayers')).toBe('comments')
  })
})

describe('PDF (article.pdf)', () => {
  it('rebuilds paragraphs, joins hyphenation and sets running headers and page numbers apart', async () => {
    const doc = await extractDocument(fixture('article.pdf'), 'article.pdf')
    expectWellFormed(doc)
    expect(doc.format).toBe('pdf')
    expect(doc.title).toBe(TITLE)
    expect(doc.author).toBe('Mira Kovács')
    expect(doc.published).toBe('2024-03-14')
    const body = bodyText(doc.text, doc.segments)
    expect(body).toContain(P1)
    expect(body).toContain('the reconstruction of the damaged embankment')
    expect(body).not.toContain('recon-')
    expect(body).not.toContain('Field Report')
    expect(body.split('\n\n')).toContain(P5)
    expect(roleOf(doc, 'The Parallax Gazette - Field Report')).toBe('furniture')
    const numbers = doc.segments.filter(
      (s) => s.role === 'furniture' && /^\d+$/.test(doc.text.slice(s.start, s.end).trim()),
    )
    expect(numbers.map((s) => doc.text.slice(s.start, s.end).trim())).toEqual(['1', '2', '3'])
  })
})

describe('Word document (article.docx)', () => {
  it('reads paragraphs, headings, captions, footnotes and core properties', async () => {
    const doc = await extractDocument(fixture('article.docx'), 'article.docx')
    expectWellFormed(doc)
    expect(doc.format).toBe('docx')
    expect(doc.title).toBe(TITLE)
    expect(doc.author).toBe('Mira Kovács')
    expect(doc.published?.slice(0, 10)).toBe('2024-03-14')
    expect(doc.segments[0]?.role).toBe('title')
    expect(roleOf(doc, P1)).toBe('body')
    expect(roleOf(doc, 'Situation on Wednesday')).toBe('body')
    expect(roleOf(doc, CAPTION)).toBe('caption')
    expect(roleOf(doc, 'Figures from the regional crisis office, 13 March 2024.')).toBe('notes')
  })
})

describe('plain text and Markdown', () => {
  it('finds title, byline, caption, widget and comments in text copied from a page', async () => {
    const doc = await extractDocument(fixture('article.txt'), 'article.txt')
    expectWellFormed(doc)
    expect(doc.format).toBe('txt')
    expect(doc.title).toBe(TITLE)
    expect(roleOf(doc, 'By Mira Kovács')).toBe('byline')
    expect(roleOf(doc, P1)).toBe('body')
    expect(roleOf(doc, CAPTION)).toBe('caption')
    expect(roleOf(doc, 'Recommended For You')).toBe('widget')
    expect(roleOf(doc, '1. Thoughts and prayers')).toBe('comments')
    expect(roleOf(doc, 'Your email address will not be published')).toBe('comments')
  })

  it('strips Markdown markup and starts paragraphs at headings', async () => {
    const doc = await extractDocument(fixture('article.md'), 'article.md')
    expectWellFormed(doc)
    expect(doc.format).toBe('md')
    expect(doc.title).toBe(TITLE)
    expect(doc.text).not.toMatch(/[#*`]|\]\(|https:/)
    expect(doc.text).toContain('See the crisis office update.')
    expect(doc.text).toContain('\n\nSituation on Wednesday\n\n')
    expect(roleOf(doc, 'second point with code')).toBe('body')
  })

  it.each([
    ['windows-1252.txt', 'windows-1252', 'Café owners in Brod said the “worst is over” — for now.'],
    ['utf-16le.txt', 'utf-16le', 'Život je težak, rekla je Ana — 生活'],
    ['utf-16be.txt', 'utf-16be', 'Život je težak, rekla je Ana — 生活'],
    ['utf-8-bom.txt', 'utf-8', P1],
  ])('decodes %s as %s, with \\n line ends', async (name, encoding, sentence) => {
    const doc = await extractDocument(fixture(name), name)
    expectWellFormed(doc)
    expect(doc.encoding).toBe(encoding)
    expect(doc.text).toContain(sentence)
    expect(doc.text).not.toContain('\ufeff')
    expect(doc.title).toBe(TITLE)
    expect(roleOf(doc, P1)).toBe('body')
  })

  it.each(['utf-16le', 'utf-16be'] as const)(
    'recognises %s saved without a byte-order mark',
    async (enc) => {
      const text = `${P1}\n\nŽivot je težak — ${P5}`
      const bytes = new Uint8Array(iconv.encode(text, enc))
      const doc = await extractDocument(bytes, 'no-bom.txt')
      expect(doc.encoding).toBe(enc)
      expect(doc.text).toBe(text)
    },
  )

  it('NFC-normalises decomposed text', async () => {
    const nfd =
      'Re\u0301sume\u0301 of the day\n\nThe cafe\u0301 owners met the mayor on Friday to discuss the damage done by the flood.'
    const doc = await extractDocument(new TextEncoder().encode(nfd), 'nfd.txt')
    expect(doc.text).toContain('café owners')
    expect(doc.title).toBe('Résumé of the day')
  })
})
