import { readdir, readFile, stat, symlink, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Library, type ImportProgress } from '../../../src/main/library'
import { sha256Hex } from '../../../src/main/library/blob-store'
import { bodyText, countWords } from '../../../src/shared/document'
import { article, cleanUp, tempFolder, textFile } from './fixtures'

afterEach(cleanUp)

const SHELLING = article(
  'Shelling resumes near the northern crossing',
  'Artillery fire resumed on Tuesday near the northern border crossing, local officials said.',
  'At least twelve people were wounded, according to the regional health office, which asked for calm.',
)
const FLOODS = article(
  'Floods cut off mountain villages',
  'Heavy rain washed away two bridges overnight and left several villages without electricity.',
  'Rescue teams reached the first hamlets by noon, the civil protection agency said.',
)

describe('importing files', () => {
  it('imports good files, reports each bad one, and keeps going', async () => {
    const dataDir = await tempFolder()
    const library = await Library.open({ dataDir })
    const progress: ImportProgress[] = []
    const randomPdf = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251)
    const report = await library.importFiles(
      [
        textFile('shelling.txt', SHELLING),
        { name: 'empty.txt', bytes: new Uint8Array(0) },
        { name: 'scan.pdf', bytes: randomPdf },
        textFile('notes/floods.md', FLOODS),
        textFile('notes/.DS_Store', 'Bud1 finder metadata'),
        textFile('notes/.git/HEAD', 'ref: refs/heads/main'),
      ],
      (p) => progress.push(p),
    )

    expect(report.results.map((r) => [r.file, r.status])).toEqual([
      ['shelling.txt', 'imported'],
      ['empty.txt', 'failed'],
      ['scan.pdf', 'failed'],
      ['notes/floods.md', 'imported'],
    ])
    expect(report.results[1]!.error).toMatchObject({ code: 'empty-file', file: 'empty.txt' })
    expect(report.results[2]!.error?.file).toBe('scan.pdf')
    expect(report.results[2]!.error?.message.length).toBeGreaterThan(5)
    expect(progress.map((p) => [p.done, p.total, p.result.file])).toEqual([
      [1, 4, 'shelling.txt'],
      [2, 4, 'empty.txt'],
      [3, 4, 'scan.pdf'],
      [4, 4, 'notes/floods.md'],
    ])

    const list = library.list()
    expect(list).toHaveLength(2)
    const floods = list.find((r) => r.fileName === 'floods.md')!
    expect(floods.id).toBe(sha256Hex(new TextEncoder().encode(FLOODS)))
    expect(floods.size).toBe(new TextEncoder().encode(FLOODS).byteLength)
    expect(floods.title).toContain('Floods cut off mountain villages')

    const view = await library.get(floods.id)
    expect(view.text).toContain('Rescue teams reached the first hamlets')
    expect(floods.wordCount).toBe(countWords(bodyText(view.text, view.segments)))
    expect(floods.wordCount).toBeGreaterThan(20)

    // Content-addressed blobs on disk: original bytes and the text with its record.
    const original = await readFile(path.join(dataDir, 'originals', floods.id), 'utf8')
    expect(original).toBe(FLOODS)
    const stored = JSON.parse(
      await readFile(path.join(dataDir, 'texts', `${floods.id}.json`), 'utf8'),
    )
    expect(stored.record).toEqual(floods)
    expect(stored.text).toBe(view.text)
    await library.close()
  })

  it('recognises the same bytes under another name as a duplicate', async () => {
    const library = await Library.open({ dataDir: await tempFolder() })
    const first = await library.importFiles([
      textFile('a.txt', SHELLING),
      textFile('copy of a.txt', SHELLING),
    ])
    expect(first.results.map((r) => r.status)).toEqual(['imported', 'duplicate'])
    expect(first.results[1]!.record!.id).toBe(first.results[0]!.record!.id)

    const second = await library.importFiles([
      textFile('again.txt', SHELLING),
      textFile('b.txt', FLOODS),
    ])
    expect(second.results.map((r) => r.status)).toEqual(['duplicate', 'imported'])
    expect(second.results[0]!.record!.fileName).toBe('a.txt')
    expect(library.list()).toHaveLength(2)
    expect(library.info().documentCount).toBe(2)
    await library.close()
  })

  it('lists the newest import first', async () => {
    const library = await Library.open({ dataDir: await tempFolder() })
    await library.importFiles([textFile('one.txt', SHELLING)])
    await library.importFiles([textFile('two.txt', FLOODS)])
    expect(library.list().map((r) => r.fileName)).toEqual(['two.txt', 'one.txt'])
    await library.close()
  })

  it('refuses a library folder that cannot be created', async () => {
    const parent = await tempFolder()
    const blocker = path.join(parent, 'not-a-folder')
    await writeFile(blocker, 'a file where the library folder should go')
    await expect(Library.open({ dataDir: path.join(blocker, 'lib') })).rejects.toMatchObject({
      code: 'unreadable',
    })
  })

  it('does not lose records when two imports run at once', async () => {
    const dataDir = await tempFolder()
    const library = await Library.open({ dataDir })
    const batch = (prefix: string) =>
      Array.from({ length: 6 }, (_, i) =>
        textFile(
          `${prefix}-${i}.txt`,
          article(
            `${prefix} report number ${i}`,
            `Paragraph ${i} of the ${prefix} batch, with enough words.`,
          ),
        ),
      )
    const [a, b] = await Promise.all([
      library.importFiles(batch('north')),
      library.importFiles(batch('south')),
    ])
    expect([...a.results, ...b.results].every((r) => r.status === 'imported')).toBe(true)
    expect(library.list()).toHaveLength(12)
    await library.close()

    const reopened = await Library.open({ dataDir })
    expect(reopened.list()).toHaveLength(12)
    await reopened.close()
  })
})

describe('importing from disk', () => {
  it('walks folders recursively, skips hidden entries and symlink loops, names files relatively', async () => {
    const root = await tempFolder('parallax-drop-')
    const folder = path.join(root, 'Event dossier')
    await mkdir(path.join(folder, 'sources', 'wire'), { recursive: true })
    await mkdir(path.join(folder, '.git'), { recursive: true })
    await writeFile(path.join(folder, 'shelling.txt'), SHELLING)
    await writeFile(path.join(folder, 'sources', 'wire', 'floods.txt'), FLOODS)
    await writeFile(path.join(folder, '.DS_Store'), new Uint8Array([0, 0, 0, 1, 66, 117, 100, 49]))
    await writeFile(path.join(folder, '.git', 'config'), '[core]\n\tbare = false\n')
    await writeFile(
      path.join(folder, 'sources', '.hidden note.txt'),
      article('Hidden', 'Should never be imported.'),
    )
    await symlink(folder, path.join(folder, 'sources', 'loop'))
    const single = path.join(root, 'single item.md')
    await writeFile(
      single,
      article('A single item', 'Given as a file, not a folder, to the import.'),
    )

    const library = await Library.open({ dataDir: await tempFolder() })
    const progress: number[] = []
    const missing = path.join(root, 'does-not-exist')
    const report = await library.importPaths([folder, single, missing], (p) =>
      progress.push(p.done),
    )

    expect(report.results.map((r) => [r.file, r.status])).toEqual([
      ['shelling.txt', 'imported'],
      ['sources/wire/floods.txt', 'imported'],
      ['single item.md', 'imported'],
      [missing, 'failed'],
    ])
    expect(report.results[3]!.error?.code).toBe('unreadable')
    expect(progress).toEqual([1, 2, 3, 4])
    expect(
      library
        .list()
        .map((r) => r.fileName)
        .sort(),
    ).toEqual(['floods.txt', 'shelling.txt', 'single item.md'])
    await library.close()
  })
})

describe('first run', () => {
  it('adds the samples once, with the metadata from samples.json, and never again', async () => {
    const { SAMPLES_DIR } = await import('./fixtures')
    const manifest = JSON.parse(await readFile(path.join(SAMPLES_DIR, 'samples.json'), 'utf8')) as {
      documents: { file: string; title: string; published: string; tags: string[] }[]
    }
    const dataDir = await tempFolder()
    const library = await Library.open({ dataDir, samplesDir: SAMPLES_DIR })
    const list = library.list()
    expect(list).toHaveLength(manifest.documents.length)
    for (const sample of manifest.documents) {
      const record = list.find((r) => r.fileName === sample.file)!
      expect(record.isSample).toBe(true)
      expect(record.title).toBe(sample.title)
      expect(record.published).toBe(sample.published)
      expect(record.tags).toEqual(sample.tags)
      expect(record.wordCount).toBeGreaterThan(100)
      const view = await library.get(record.id)
      expect(view.text).toContain(sample.title.slice(0, 10))
    }
    await library.remove(list.map((r) => r.id))
    await library.close()

    const again = await Library.open({ dataDir, samplesDir: SAMPLES_DIR })
    expect(again.list()).toEqual([])
    // The deleted samples' files were purged at this start.
    expect(await readdir(path.join(dataDir, 'texts'))).toEqual([])
    expect(await readdir(path.join(dataDir, 'originals'))).toEqual([])
    await again.close()
    expect((await stat(path.join(dataDir, 'library.json'))).size).toBeGreaterThan(0)
  })
})
