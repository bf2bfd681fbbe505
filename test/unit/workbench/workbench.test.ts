import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiEvent, ImportReport } from '../../../src/shared/api'
import type { DocumentAnalysis } from '../../../src/shared/analysis'
import { Workbench } from '../../../src/main/workbench'

const repo = resolve(import.meta.dirname, '../../..')
const samplesDir = join(repo, 'resources/samples')

describe('Workbench.dispatch (the one entry point of both transports)', () => {
  let dir: string
  let wb: Workbench
  const events: ApiEvent[] = []

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parallax-wb-'))
    wb = await Workbench.create({ dataDir: dir, samplesDir })
    events.length = 0
    wb.onEvent((e) => events.push(e))
  })
  afterEach(async () => {
    await wb.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('answers a known call with the sample library', async () => {
    const res = await wb.dispatch('library.list', [])
    expect(res.ok).toBe(true)
    const titles = res.ok ? (res.value as { title: string }[]).map((r) => r.title).sort() : []
    expect(titles).toEqual([
      'Iranian death toll continues to rise!',
      'Syria: Iran Admits “Heavy Casualties”',
    ])
  })

  it('refuses unknown calls and bad arguments with an error value, not an exception', async () => {
    expect(await wb.dispatch('library.format', [])).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'Unknown call "library.format".' },
    })
    const bad = await wb.dispatch('library.get', [42])
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.error.code).toBe('invalid-argument')
    expect(!bad.ok && bad.error.message).toMatch(/library\.get: argument 1 should be a string/)
    const proto = await wb.dispatch('library.update', [
      'x',
      JSON.parse('{"__proto__": {"polluted": 1}, "title": "T"}'),
    ])
    expect(proto.ok).toBe(false) // 'x' is not in the library: not-found, and nothing polluted
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('reports a missing document as not-found', async () => {
    const res = await wb.dispatch('library.get', ['0'.repeat(64)])
    expect(res).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('imports dropped bytes, emits progress, and analyses the new document in the background', async () => {
    const text =
      'Flood toll rises\n\nAt least 120 people were killed in the floods, the ministry said on Monday.\n'
    const res = await wb.dispatch('library.importFiles', [
      [
        { name: 'flood.txt', bytes: new TextEncoder().encode(text) },
        { name: 'empty.txt', bytes: new Uint8Array() },
      ],
    ])
    expect(res.ok).toBe(true)
    const report = (res.ok ? res.value : null) as ImportReport
    expect(report.results.map((r) => [r.file, r.status])).toEqual([
      ['flood.txt', 'imported'],
      ['empty.txt', 'failed'],
    ])
    expect(report.results[1]!.error).toMatchObject({ code: 'empty-file', file: 'empty.txt' })
    const progress = events.filter((e) => e.type === 'import.progress')
    expect(
      progress.map((e) => e.type === 'import.progress' && [e.done, e.total, e.batchId]),
    ).toEqual([
      [1, 2, report.batchId],
      [2, 2, report.batchId],
    ])
    const id = report.results[0]!.record!.id
    const analysed = await wb.dispatch('analysis.get', [id])
    expect(analysed.ok).toBe(true)
    const analysis = (analysed.ok ? analysed.value : null) as DocumentAnalysis
    const figure = analysis.figures.find((f) => f.text.includes('120'))
    expect(figure).toMatchObject({ value: 120, qualifier: 'at_least', low: 120, high: null })
    // The cache is on disk beside the library, keyed by document and analyser version.
    const cached = JSON.parse(
      await readFile(join(dir, 'analysis', `${id}.${analysis.analyserVersion}.json`), 'utf8'),
    ) as DocumentAnalysis
    expect(cached.figures.length).toBe(analysis.figures.length)
  })
})
