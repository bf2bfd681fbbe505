import { describe, expect, it } from 'vitest'
import { bodyText } from '../../../src/shared/document'
import { extractDocument } from '../../../src/main/ingest/index'
import { buildPdf, docx, STORY } from '../../fixtures/ingest/builders'
import { expectWellFormed, fixture, roleOf } from './helpers'

/** The same bytes as a view into a bigger buffer, as Node's pooled Buffers often are. */
function offsetView(bytes: Uint8Array): Uint8Array {
  const big = new Uint8Array(bytes.length + 37)
  big.fill(0x41)
  big.set(bytes, 17)
  return big.subarray(17, 17 + bytes.length)
}

describe('inputs that are valid but unusual', () => {
  it.each(['article.pdf', 'article.docx', 'article.html', 'utf-16le.txt', 'article.mhtml'])(
    'reads %s from a view with a byte offset exactly as from its own buffer',
    async (name) => {
      const plain = await extractDocument(fixture(name), name)
      const viewed = await extractDocument(offsetView(fixture(name)), name)
      expect(viewed.text).toBe(plain.text)
      expect(viewed.segments).toEqual(plain.segments)
    },
  )

  it('takes a PDF title from its first large line when the metadata has none', async () => {
    const pdf = buildPdf({
      pages: [
        [
          { text: 'Storm Damage Report', size: 22 },
          {
            text: 'Strong winds damaged 120 roofs in the old town on Friday night, the fire',
            size: 11,
            gapBefore: 10,
          },
          {
            text: 'brigade said. Three cars were crushed by falling trees near the station.',
            size: 11,
          },
          {
            text: 'Nobody was injured, but two streets stayed closed until Saturday afternoon',
            size: 11,
            gapBefore: 10,
          },
          { text: 'while crews cleared the debris.', size: 11 },
        ],
      ],
    })
    const doc = await extractDocument(pdf, 'storm.pdf')
    expectWellFormed(doc)
    expect(doc.title).toBe('Storm Damage Report')
    expect(roleOf(doc, 'Storm Damage Report')).toBe('title')
    expect(bodyText(doc.text, doc.segments).split('\n\n')).toEqual([
      'Strong winds damaged 120 roofs in the old town on Friday night, the fire brigade said. Three cars were crushed by falling trees near the station.',
      'Nobody was injured, but two streets stayed closed until Saturday afternoon while crews cleared the debris.',
    ])
  })

  it('reads a web archive whose HTML part is base64 and UTF-8', async () => {
    const html = `<html><head><title>${STORY.title}</title></head><body><article>${STORY.paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`
    const b64 = Buffer.from(html, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n')
    const mhtml = [
      'MIME-Version: 1.0',
      'Content-Type: multipart/related; boundary="b1"; type="text/html"',
      '',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      '--b1--',
      '',
    ].join('\r\n')
    const doc = await extractDocument(new TextEncoder().encode(mhtml), 'saved page.mht')
    expect(doc.format).toBe('mhtml')
    expect(doc.title).toBe(STORY.title)
    expect(roleOf(doc, '“We have never seen the water come up this fast,”')).toBe('body')
  })

  it('reads a long Word document with every paragraph in order', async () => {
    const extra = Array.from(
      { length: 200 },
      (_, i) => `Paragraph number ${i} of the appendix, with its own sentence.`,
    )
    const doc = await extractDocument(docx(extra), 'long.docx')
    const body = bodyText(doc.text, doc.segments).split('\n\n')
    expect(body.slice(-200)).toEqual(extra)
  })

  it('a page without any title gets the file name', async () => {
    const html =
      '<html><body><p>Some text that is long enough to count as an article paragraph for the reader, written plainly.</p></body></html>'
    const doc = await extractDocument(new TextEncoder().encode(html), 'Notes from the field.html')
    expect(doc.title).toBe('Notes from the field')
    expect(roleOf(doc, 'Some text that is long enough')).toBe('body')
  })
})
