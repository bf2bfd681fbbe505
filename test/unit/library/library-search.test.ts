import { afterEach, describe, expect, it } from 'vitest'
import { Library } from '../../../src/main/library'
import { makeSnippet } from '../../../src/main/library/search-index'
import { cleanUp, SAMPLES_DIR, tempFolder } from './fixtures'

afterEach(cleanUp)

async function openWithSamples(): Promise<Library> {
  return Library.open({ dataDir: await tempFolder(), samplesDir: SAMPLES_DIR })
}

describe('search', () => {
  it('finds a document by a word of its body and marks it in the snippet', async () => {
    const library = await openWithSamples()
    const admits = library.list().find((r) => r.fileName === 'iran-admits-heavy-casualties.txt')!
    const hits = library.search('Velayati')
    expect(hits.map((h) => h.id)).toEqual([admits.id])
    const hit = hits[0]!
    expect(hit.score).toBeGreaterThan(0)
    expect(hit.snippet.length).toBeLessThanOrEqual(180)
    expect(hit.matches.length).toBeGreaterThan(0)
    for (const m of hit.matches) expect(hit.snippet.slice(m.start, m.end)).toBe('Velayati')
    await library.close()
  })

  it('is fuzzy, prefix-matching and accent-blind', async () => {
    const library = await openWithSamples()
    const admits = library.list().find((r) => r.fileName === 'iran-admits-heavy-casualties.txt')!
    expect(library.search('Velayatti')[0]?.id).toBe(admits.id)
    expect(library.search('Khame')[0]?.id).toBe(admits.id)
    expect(library.search('Veláyati')[0]?.id).toBe(admits.id)
    const fuzzy = library.search('Velayatti')[0]!
    expect(fuzzy.matches.map((m) => fuzzy.snippet.slice(m.start, m.end))).toContain('Velayati')
    await library.close()
  })

  it('prefers the snippet where several query words meet', async () => {
    const library = await openWithSamples()
    const hit = library.search('Khan Tuman insurgents')[0]!
    const marked = hit.matches.map((m) => hit.snippet.slice(m.start, m.end).toLowerCase())
    expect(new Set(marked)).toEqual(new Set(['khan', 'tuman', 'insurgents']))
    await library.close()
  })

  it('finds titles and tags, and nothing for an empty query', async () => {
    const library = await openWithSamples()
    expect(library.search('')).toEqual([])
    expect(library.search('  ,;  ')).toEqual([])
    expect(library.search('sample')).toHaveLength(2)
    expect(library.search('sample', 1)).toHaveLength(1)
    expect(library.search('zzyzx quorble')).toEqual([])
    await library.close()
  })
})

describe('makeSnippet', () => {
  it('cuts around the match at word boundaries with collapsed whitespace', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(20)
    const body = `${filler}the convoy\n\nreached   Aleppo on Tuesday ${filler}`
    const { snippet, matches } = makeSnippet(body, ['aleppo', 'convoy'])
    expect(snippet.startsWith('… ')).toBe(true)
    expect(snippet.endsWith(' …')).toBe(true)
    expect(snippet).toContain('the convoy reached Aleppo on Tuesday')
    expect(matches.map((m) => snippet.slice(m.start, m.end))).toEqual(['convoy', 'Aleppo'])
    expect(snippet.length).toBeLessThanOrEqual(170)
    expect(snippet).not.toMatch(/\s{2}/)
  })

  it('falls back to the start of the body when the body has no match', () => {
    const { snippet, matches } = makeSnippet('Short body text.', ['title'])
    expect(snippet).toBe('Short body text.')
    expect(matches).toEqual([])
  })
})
