import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WorkerPool } from '../../../src/main/worker-pool'
import { analyzeDocument } from '../../../src/main/analysis/index'

const repo = resolve(import.meta.dirname, '../../..')

describe('WorkerPool (worker threads)', () => {
  // Workers cannot load TypeScript: bundle the worker entry to JavaScript first, as the app's
  // build does (the output sits inside the repo so its packages resolve from node_modules).
  const workerFile = join(repo, 'out/test-worker/worker.mjs')
  let pool: WorkerPool
  beforeAll(async () => {
    await build({
      entryPoints: [join(repo, 'src/main/worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: workerFile,
      logLevel: 'error',
    })
    pool = new WorkerPool({ workerUrl: pathToFileURL(workerFile), size: 2 })
  })
  afterAll(() => pool.close())

  it('analyses off the main thread with the same result as inline', async () => {
    const text = await readFile(
      join(repo, 'resources/samples/iran-admits-heavy-casualties.txt'),
      'utf8',
    )
    const input = {
      docId: 'b',
      text,
      segments: [{ start: 0, end: text.length, role: 'body' as const }],
      published: null,
    }
    const [offThread, again] = await Promise.all([
      pool.run(input),
      pool.run({ ...input, docId: 'c' }),
    ])
    const inline = analyzeDocument(input)
    expect(offThread.figures.map((f) => f.text)).toEqual(inline.figures.map((f) => f.text))
    expect(again.docId).toBe('c')
    expect(offThread.figures.length).toBeGreaterThan(5)
    // A bad job comes back as an error value, and the worker lives on for the next one.
    await expect(pool.run({ ...input, text: 42 as unknown as string })).rejects.toMatchObject({
      code: 'invalid-argument',
    })
    expect((await pool.run({ ...input, docId: 'd' })).docId).toBe('d')
  })

  it('extracts files off the main thread, with errors as values naming the file', async () => {
    const pdf = new Uint8Array(await readFile(join(repo, 'test/fixtures/ingest/article.pdf')))
    const doc = await pool.extract(pdf, 'article.pdf')
    expect(doc.format).toBe('pdf')
    expect(doc.title).toBe('Floodwaters Cut Off Three Villages in the Sava Valley')
    const broken = new Uint8Array(await readFile(join(repo, 'test/fixtures/ingest/broken.pdf')))
    await expect(pool.extract(broken, 'broken.pdf')).rejects.toMatchObject({
      code: 'corrupt-file',
      file: 'broken.pdf',
    })
  })
})
