import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { createWriteStream } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyText, countWords } from '../../../src/shared/document'
import { extractDocument, MAX_INPUT_BYTES } from '../../../src/main/ingest/index'
import { writeZip } from '../../fixtures/ingest/zip-writer'
import { expectParallaxError, expectWellFormed, fixture } from './helpers'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'parallax-ingest-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('files that cannot be imported get a specific, human error', () => {
  it('a zero-byte file', async () => {
    const e = await expectParallaxError(
      () => extractDocument(new Uint8Array(0), 'empty.txt'),
      'empty-file',
      'empty.txt',
    )
    expect(e.message).toMatch(/empty/)
  })

  it('random bytes named .pdf', async () => {
    await expectParallaxError(
      () => extractDocument(fixture('broken.pdf'), 'broken.pdf'),
      'corrupt-file',
      'broken.pdf',
    )
  })

  it('plain text named .pdf or .docx', async () => {
    const text = new TextEncoder().encode('This is not really a PDF, just words typed into a file.')
    await expectParallaxError(() => extractDocument(text, 'fake.pdf'), 'corrupt-file', 'fake.pdf')
    await expectParallaxError(() => extractDocument(text, 'fake.docx'), 'corrupt-file', 'fake.docx')
  })

  it('a truncated PDF and a truncated DOCX', async () => {
    await expectParallaxError(
      () => extractDocument(fixture('truncated.pdf'), 'truncated.pdf'),
      'corrupt-file',
      'truncated.pdf',
    )
    await expectParallaxError(
      () => extractDocument(fixture('truncated.docx'), 'truncated.docx'),
      'corrupt-file',
      'truncated.docx',
    )
  })

  it('a PDF without a text layer asks for OCR', async () => {
    const e = await expectParallaxError(
      () => extractDocument(fixture('scanned.pdf'), 'scanned.pdf'),
      'no-text-layer',
      'scanned.pdf',
    )
    expect(e.message).toBe('no text layer — run OCR first')
  })

  it('a password-protected PDF', async () => {
    await expectParallaxError(
      () => extractDocument(fixture('encrypted.pdf'), 'encrypted.pdf'),
      'encrypted',
      'encrypted.pdf',
    )
  })

  it.each([
    ['photo.png', /PNG image/],
    ['program.exe', /Windows program/],
    ['sheet.xlsx', /Excel workbook/],
  ])('an unsupported type (%s) is named in the message', async (name, what) => {
    const e = await expectParallaxError(
      () => extractDocument(fixture(name), name),
      'unsupported-type',
      name,
    )
    expect(e.message).toMatch(what)
  })

  it('the extension does not decide: a PNG named .html is still refused, an HTML page named .txt is read', async () => {
    await expectParallaxError(
      () => extractDocument(fixture('photo.png'), 'page.html'),
      'unsupported-type',
      'page.html',
    )
    const doc = await extractDocument(fixture('article.html'), 'notes.txt')
    expect(doc.format).toBe('html')
  })

  it('a plain zip archive', async () => {
    const zip = writeZip([{ name: 'a.txt', data: 'hello' }])
    const e = await expectParallaxError(
      () => extractDocument(zip, 'bundle.zip'),
      'unsupported-type',
      'bundle.zip',
    )
    expect(e.message).toMatch(/zip archive/)
  })

  it('a text file with no words', async () => {
    await expectParallaxError(
      () => extractDocument(fixture('no-words.txt'), 'no-words.txt'),
      'no-text',
      'no-words.txt',
    )
  })

  it('a file over 200 MB is refused before parsing', async () => {
    const big = new Uint8Array(MAX_INPUT_BYTES + 1)
    const e = await expectParallaxError(
      () => extractDocument(big, 'huge.txt'),
      'too-large',
      'huge.txt',
    )
    expect(e.message).toMatch(/200 MB/)
  })
})

describe('zip bombs are refused before mammoth unpacks them', () => {
  it('too many entries', async () => {
    const files = Array.from({ length: 5001 }, (_, i) => ({
      name: `word/media/f${i}.xml`,
      data: '',
      store: true,
    }))
    files.push({ name: 'word/document.xml', data: '<w:document/>', store: true })
    const e = await expectParallaxError(
      () => extractDocument(writeZip(files), 'many.docx'),
      'zip-bomb',
      'many.docx',
    )
    expect(e.message).toMatch(/5002 entries/)
  })

  it('a total unpacked size over 200 MB', async () => {
    // The directory alone says 7 × 40 MB: refused before a byte is unpacked.
    const files = Array.from({ length: 7 }, (_, i) => ({
      name: i === 0 ? 'word/document.xml' : `word/part${i}.xml`,
      data: '<w:p/>',
      declaredSize: 40 * 1024 * 1024,
    }))
    const e = await expectParallaxError(
      () => extractDocument(writeZip(files), 'big.docx'),
      'zip-bomb',
      'big.docx',
    )
    expect(e.message).toMatch(/280 MB/)
  })

  it('an absurd compression ratio', async () => {
    const files = [{ name: 'word/document.xml', data: new Uint8Array(60 * 1024 * 1024) }]
    const e = await expectParallaxError(
      () => extractDocument(writeZip(files), 'ratio.docx'),
      'zip-bomb',
      'ratio.docx',
    )
    expect(e.message).toMatch(/× its size/)
  })

  it('an entry that unpacks to more than its directory declares', async () => {
    const files = [
      { name: 'word/document.xml', data: new Uint8Array(5 * 1024 * 1024), declaredSize: 1000 },
    ]
    const e = await expectParallaxError(
      () => extractDocument(writeZip(files), 'liar.docx'),
      'zip-bomb',
      'liar.docx',
    )
    expect(e.message).toMatch(/more than it declares/)
  })
})

describe('hard but valid input is imported', () => {
  it('a 50 MB text file, written and read back from disk', async () => {
    const file = path.join(dir, 'big.txt')
    const out = createWriteStream(file)
    const para =
      'The river rose by another ten centimetres overnight, officials in Brod said on Wednesday morning.'
    const chunk = `${Array.from({ length: 100 }, (_, i) => `${para} Paragraph ${i}.`).join('\n\n')}\n\n`
    let written = 0
    out.write('A Very Long Report\n\n')
    while (written < 50 * 1024 * 1024) {
      out.write(chunk)
      written += chunk.length
    }
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    )
    const bytes = new Uint8Array(await readFile(file))
    expect(bytes.length).toBeGreaterThan(50 * 1024 * 1024)
    const doc = await extractDocument(bytes, 'big.txt')
    expect(doc.title).toBe('A Very Long Report')
    expect(doc.segments.length).toBeLessThan(10)
    expect(doc.segments[1]?.role).toBe('body')
    expect(doc.text.length).toBeGreaterThan(50 * 1024 * 1024 - 100)
  })

  it('a single 100,000-character line', async () => {
    const line = 'alpha beta gamma delta '.repeat(5000).slice(0, 100_000)
    expect(line.length).toBe(100_000)
    const doc = await extractDocument(new TextEncoder().encode(line), 'one-line.txt')
    expectWellFormed(doc)
    expect(doc.segments).toHaveLength(1)
    expect(doc.segments[0]?.role).toBe('body')
    expect(countWords(bodyText(doc.text, doc.segments))).toBeGreaterThan(16_000)
  })

  it('a 100,000-character Markdown line full of unclosed markup', async () => {
    const line = '[a **b _c `d <e '.repeat(6250)
    expect(line.length).toBe(100_000)
    const doc = await extractDocument(new TextEncoder().encode(line), 'unclosed.md')
    expectWellFormed(doc)
    expect(doc.format).toBe('md')
    expect(countWords(doc.text)).toBeGreaterThanOrEqual(25_000)
  })

  it('an HTML page with nothing but scripts has no text', async () => {
    const html =
      '<!doctype html><html><head><script>var a = "words words words"</script></head><body><script>alert(1)</script><style>p{}</style></body></html>'
    await expectParallaxError(
      () => extractDocument(new TextEncoder().encode(html), 'scripts.html'),
      'no-text',
      'scripts.html',
    )
  })

  it('file names with Unicode, NFD, emoji and spaces, read from disk', async () => {
    const names = [
      'Café report 🙂.txt',
      'Cafe\u0301 NFD name.md',
      'Željko – šišmiš ЖЖ.txt',
      '  spaced   name  .html',
    ]
    const source = fixture('article.txt')
    for (const name of names) await writeFile(path.join(dir, name), source)
    const onDisk = (await readdir(dir)).filter((n) => n !== 'big.txt')
    expect(onDisk).toHaveLength(names.length)
    for (const name of onDisk) {
      const doc = await extractDocument(new Uint8Array(await readFile(path.join(dir, name))), name)
      expect(doc.title).toBe('Floodwaters Cut Off Three Villages in the Sava Valley')
    }
    await expectParallaxError(
      () => extractDocument(new Uint8Array(0), names[0]!),
      'empty-file',
      names[0]!,
    )
  })

  it('a file without a title line gets its file name (NFC) as title', async () => {
    const doc = await extractDocument(
      new TextEncoder().encode(
        'The water rose again this morning. Officials said that 40 families had to leave their homes near the river.',
      ),
      'Cafe\u0301 notes.txt',
    )
    expect(doc.title).toBe('Café notes')
  })
})
