import { access, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Library } from '../../../src/main/library'
import { ParallaxError } from '../../../src/shared/errors'
import { article, cleanUp, SAMPLES_DIR, tempFolder, textFile } from './fixtures'

afterEach(cleanUp)

const REPORTS = [
  textFile(
    'ceasefire.txt',
    article(
      'Ceasefire holds for a second day',
      'Both sides reported no violations overnight, monitors said.',
    ),
  ),
  textFile(
    'talks.md',
    article(
      'Talks move to Geneva',
      'Negotiators agreed to meet again next week in Geneva, a spokesman said.',
    ),
  ),
  textFile(
    'aid.txt',
    article(
      'Aid convoy reaches the city',
      'Forty trucks carrying food and medicine arrived on Monday, the agency said.',
    ),
  ),
]

async function rejection(promise: Promise<unknown>): Promise<ParallaxError> {
  try {
    await promise
  } catch (err) {
    if (err instanceof ParallaxError) return err
    throw err
  }
  throw new Error('expected a ParallaxError')
}

describe('library storage', () => {
  it('survives a restart with the same list and texts', async () => {
    const dataDir = await tempFolder()
    const library = await Library.open({ dataDir, samplesDir: SAMPLES_DIR })
    await library.importFiles(REPORTS)
    const before = library.list()
    const texts = await Promise.all(before.map((r) => library.get(r.id)))
    await library.close()

    const reopened = await Library.open({ dataDir, samplesDir: SAMPLES_DIR })
    expect(reopened.list()).toEqual(before)
    expect(before).toHaveLength(5)
    for (const view of texts) expect(await reopened.get(view.record.id)).toEqual(view)
    expect(reopened.info()).toMatchObject({ dataDir, documentCount: 5, recoveredFrom: null })
    // Search works straight after the restart: the index is rebuilt from the stored texts.
    expect(reopened.search('Geneva')[0]?.id).toBe(before.find((r) => r.fileName === 'talks.md')!.id)
    await reopened.close()
  })

  it('moves a damaged library.json aside and rebuilds the list from the texts', async () => {
    const dataDir = await tempFolder()
    const library = await Library.open({ dataDir })
    await library.importFiles(REPORTS)
    await library.update(library.list().find((r) => r.fileName === 'aid.txt')!.id, {
      tags: ['aid'],
    })
    const before = library.list()
    await library.close()

    const damaged = '{"format":"parallax-library","version":1,"records":[{"id":'
    await writeFile(path.join(dataDir, 'library.json'), damaged)
    const recovered = await Library.open({ dataDir, samplesDir: SAMPLES_DIR })

    const info = recovered.info()
    expect(info.recoveredFrom).toMatch(/library\.json\.corrupt-/)
    expect(await readFile(info.recoveredFrom!, 'utf8')).toBe(damaged)
    expect(info.notices.join(' ')).toMatch(/damaged.*3 documents were rebuilt/)
    // Same documents, edits included; the samples were not re-added to a library that existed.
    expect(recovered.list()).toEqual(before)
    expect(recovered.list().find((r) => r.fileName === 'aid.txt')!.tags).toEqual(['aid'])
    const rewritten = JSON.parse(await readFile(path.join(dataDir, 'library.json'), 'utf8'))
    expect(rewritten.records).toHaveLength(3)
    await recovered.close()

    const third = await Library.open({ dataDir })
    expect(third.info().recoveredFrom).toBeNull()
    expect(third.list()).toEqual(before)
    await third.close()
  })

  it('removes at once, brings back on undo, and purges on the next start', async () => {
    const dataDir = await tempFolder()
    const library = await Library.open({ dataDir })
    await library.importFiles(REPORTS)
    const talks = library.list().find((r) => r.fileName === 'talks.md')!
    const aid = library.list().find((r) => r.fileName === 'aid.txt')!

    const receipt = await library.remove([talks.id, aid.id])
    expect(receipt.removed.map((r) => r.id).sort()).toEqual([talks.id, aid.id].sort())
    expect(library.list().map((r) => r.fileName)).toEqual(['ceasefire.txt'])
    expect(library.search('Geneva')).toEqual([])
    expect((await rejection(library.get(talks.id))).code).toBe('not-found')
    // Files are kept while undo is possible.
    await access(path.join(dataDir, 'texts', `${talks.id}.json`))

    const restored = await library.undoRemove(receipt.token)
    expect(restored.map((r) => r.id).sort()).toEqual([talks.id, aid.id].sort())
    expect(library.list()).toHaveLength(3)
    expect(library.search('Geneva')[0]?.id).toBe(talks.id)
    expect((await rejection(library.undoRemove(receipt.token))).code).toBe('not-found')
    expect((await rejection(library.remove(['0'.repeat(64)]))).code).toBe('not-found')
    expect(library.list()).toHaveLength(3)

    await library.writeAnalysis(aid.id, 'v1', { figures: 1 })
    await library.remove([aid.id])
    await library.close()

    const reopened = await Library.open({ dataDir })
    expect(
      reopened
        .list()
        .map((r) => r.fileName)
        .sort(),
    ).toEqual(['ceasefire.txt', 'talks.md'])
    expect(await readdir(path.join(dataDir, 'texts'))).not.toContain(`${aid.id}.json`)
    expect(await readdir(path.join(dataDir, 'originals'))).not.toContain(aid.id)
    expect(await readdir(path.join(dataDir, 'analysis'))).toEqual([])
    // The same file can come back later as a fresh import.
    const again = await reopened.importFiles([REPORTS[2]!])
    expect(again.results[0]!.status).toBe('imported')
    await reopened.close()
  })

  it('edits metadata, refuses bad edits, and keeps edits across restarts', async () => {
    const dataDir = await tempFolder()
    const library = await Library.open({ dataDir })
    await library.importFiles(REPORTS)
    const id = library.list().find((r) => r.fileName === 'ceasefire.txt')!.id

    const edited = await library.update(id, {
      title: '  Truce holds,   second day ',
      outlet: ' Field Wire ',
      author: '',
      published: '2016-05-09',
      tags: ['truce', ' Truce ', '', 'monitors'],
    })
    expect(edited).toMatchObject({
      title: 'Truce holds, second day',
      outlet: 'Field Wire',
      author: null,
      published: '2016-05-09',
      tags: ['truce', 'monitors'],
    })
    expect((await rejection(library.update(id, { title: '   ' }))).code).toBe('invalid-argument')
    expect((await rejection(library.update(id, { published: '2015-02-30' }))).code).toBe(
      'invalid-argument',
    )
    expect((await rejection(library.update(id, { published: 'last Tuesday' }))).code).toBe(
      'invalid-argument',
    )
    expect((await rejection(library.update('f'.repeat(64), { title: 'x' }))).code).toBe('not-found')
    expect(await library.update(id, { published: null })).toMatchObject({ published: null })
    expect(library.search('truce')[0]?.id).toBe(id)
    expect(library.search('Field Wire')[0]?.id).toBe(id)
    await library.close()

    const reopened = await Library.open({ dataDir })
    expect((await reopened.get(id)).record).toMatchObject({
      title: 'Truce holds, second day',
      tags: ['truce', 'monitors'],
    })
    expect(reopened.search('monitors')[0]?.id).toBe(id)
    await reopened.close()
  })

  it('caches analyses per document and analyser version', async () => {
    const dataDir = await tempFolder()
    const library = await Library.open({ dataDir })
    await library.importFiles(REPORTS)
    const id = library.list()[0]!.id
    expect(await library.readAnalysis(id, '1.0.0')).toBeNull()
    await library.writeAnalysis(id, '1.0.0', { figures: [{ value: 40 }] })
    expect(await library.readAnalysis(id, '1.0.0')).toEqual({ figures: [{ value: 40 }] })
    expect(await library.readAnalysis(id, '1.0.1')).toBeNull()
    expect((await rejection(library.writeAnalysis(id, '../escape', {}))).code).toBe(
      'invalid-argument',
    )
    expect((await rejection(library.writeAnalysis('0'.repeat(64), '1.0.0', {}))).code).toBe(
      'not-found',
    )
    await writeFile(path.join(dataDir, 'analysis', `${id}.broken.json`), '{"trunc')
    expect(await library.readAnalysis(id, 'broken')).toBeNull()
    await library.close()

    const reopened = await Library.open({ dataDir })
    expect(await reopened.readAnalysis(id, '1.0.0')).toEqual({ figures: [{ value: 40 }] })
    await reopened.close()
  })
})
