import { access, open as openFile, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Library } from '../../../src/main/library'
import { article, cleanUp, tempFolder, textFile } from './fixtures'

afterEach(cleanUp)

const BRIDGE = textFile(
  'bridge.txt',
  article(
    'Bridge reopens after repairs',
    'Engineers declared the suspension bridge safe for lorries on Friday.',
  ),
)
const HARBOUR = textFile(
  'harbour.txt',
  article(
    'Harbour strike enters third week',
    'Dockworkers rejected the latest offer from the port authority.',
  ),
)

describe('the saved search index', () => {
  it('is saved on close and used on the next start', async () => {
    const dataDir = await tempFolder()
    const library = await Library.open({ dataDir })
    await library.importFiles([BRIDGE])
    await library.close()
    const saved = JSON.parse(await readFile(path.join(dataDir, 'search-index.json'), 'utf8'))
    expect(Object.keys(saved.docs)).toEqual([library.list()[0]!.id])

    const reopened = await Library.open({ dataDir })
    expect(reopened.search('suspension')).toHaveLength(1)
    await reopened.close()
  })

  it('catches up with imports and edits made after it was saved (a crash before close)', async () => {
    const dataDir = await tempFolder()
    const first = await Library.open({ dataDir })
    await first.importFiles([BRIDGE])
    await first.close()

    // Second session never closes, like an app that crashed: the saved index is stale.
    const crashed = await Library.open({ dataDir })
    await crashed.importFiles([HARBOUR])
    const bridgeId = crashed.list().find((r) => r.fileName === 'bridge.txt')!.id
    await crashed.update(bridgeId, { title: 'Viaduct reopens', tags: ['infrastructure'] })

    const third = await Library.open({ dataDir })
    expect(third.search('dockworkers')).toHaveLength(1)
    expect(third.search('viaduct')[0]?.id).toBe(bridgeId)
    expect(third.search('infrastructure')[0]?.id).toBe(bridgeId)
    await third.close()
  })

  it('is rebuilt from the texts when the saved copy is damaged', async () => {
    const dataDir = await tempFolder()
    const library = await Library.open({ dataDir })
    await library.importFiles([BRIDGE, HARBOUR])
    await library.close()
    await writeFile(
      path.join(dataDir, 'search-index.json'),
      '{"format":"parallax-search-index","ver',
    )

    const reopened = await Library.open({ dataDir })
    expect(reopened.search('dockworkers')).toHaveLength(1)
    expect(reopened.search('engineers')).toHaveLength(1)
    await reopened.close()
    // Closing wrote a good copy again.
    const saved = JSON.parse(await readFile(path.join(dataDir, 'search-index.json'), 'utf8'))
    expect(Object.keys(saved.docs)).toHaveLength(2)
  })
})

describe('names and sizes', () => {
  it('keeps Unicode file names in NFC and imports saved web pages', async () => {
    const library = await Library.open({ dataDir: await tempFolder() })
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>Dam talks stall | River Post</title>
<meta property="og:site_name" content="River Post"></head><body><article><h1>Dam talks stall</h1>
<p>Delegations from the three riparian states left the summit without an agreement on water quotas.</p>
<p>Officials said the technical committee would meet again in the spring to review the filling schedule.</p>
<p>Farmers downstream have warned that a dry summer could ruin the harvest if releases are cut again.</p>
</article></body></html>`
    const report = await library.importFiles([
      textFile(
        'Cafe\u0301 notes 📰.txt',
        article('Notes from the café', 'Witnesses described the convoy passing at dawn.'),
      ),
      textFile('dam-talks.html', page),
    ])
    expect(report.results.map((r) => r.status)).toEqual(['imported', 'imported'])
    expect(report.results[0]!.record!.fileName).toBe('Caf\u00e9 notes 📰.txt')
    const html = report.results[1]!.record!
    expect(html.format).toBe('html')
    expect(html.title).toMatch(/Dam talks stall/)
    expect(library.search('riparian')[0]?.id).toBe(html.id)
    await library.close()
  })

  it('refuses a file on disk that is too large before reading it', async () => {
    const folder = await tempFolder('parallax-big-')
    const big = path.join(folder, 'huge.txt')
    const handle = await openFile(big, 'w')
    await handle.truncate(300 * 1024 * 1024) // sparse: no disk space, no memory
    await handle.close()
    await writeFile(
      path.join(folder, 'small.txt'),
      article('Small report', 'A normal file beside a huge one.'),
    )

    const library = await Library.open({ dataDir: await tempFolder() })
    const report = await library.importPaths([folder])
    expect(report.results.map((r) => [r.file, r.status, r.error?.code])).toEqual([
      ['huge.txt', 'failed', 'too-large'],
      ['small.txt', 'imported', undefined],
    ])
    await access(big)
    await library.close()
  })
})
