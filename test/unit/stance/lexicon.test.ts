import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { lexiconEntrySchema, lexiconSchema } from '../../../src/shared/lexicon'
import { SchemaError } from '../../../src/shared/validate'
import { analyzeStance } from '../../../src/main/analysis/stance/index'
import { PhraseTrie } from '../../../src/main/analysis/stance/phrase-trie'
import { tokenize } from '../../../src/main/analysis/stance/tokenize'
import { loadFixtureText, segmentPlainText } from './documents'

const analyse = (
  text: string,
  userLexicon = [] as Parameters<typeof analyzeStance>[0]['userLexicon'],
) =>
  analyzeStance({
    text,
    segments: segmentPlainText(text),
    sentences: [],
    entities: [],
    userLexicon,
  })

describe('the lexicon entry schema', () => {
  it('accepts a researcher entry and drops unknown keys', () => {
    const parsed = lexiconEntrySchema.parse({
      term: 'freedom fighters',
      kind: 'actor-label',
      actor: 'Liberation Front',
      connotation: 'sympathetic',
      polarity: 0.5,
      __proto__: { polluted: true },
      extra: 1,
    })
    expect(parsed).toEqual({
      term: 'freedom fighters',
      kind: 'actor-label',
      actor: 'Liberation Front',
      connotation: 'sympathetic',
      polarity: 0.5,
    })
  })

  it('rejects a bad kind, connotation or polarity, naming the field', () => {
    expect(() => lexiconEntrySchema.parse({ term: 'x', kind: 'slur' })).toThrow(SchemaError)
    expect(() =>
      lexiconEntrySchema.parse({ term: 'x', kind: 'loaded', connotation: 'rude' }),
    ).toThrow(/connotation/)
    expect(() => lexiconEntrySchema.parse({ term: 'x', kind: 'loaded', polarity: 2 })).toThrow(
      /polarity/,
    )
    expect(() => lexiconEntrySchema.parse({ term: '', kind: 'hedge' })).toThrow(/term/)
  })
})

describe('matching', () => {
  it('takes the longest term at each position and respects short acronyms’ case', () => {
    const trie = new PhraseTrie<string>()
    for (const t of ['Syrian opposition', 'Syrian opposition forces', 'opposition', 'US'])
      trie.add(t, t)
    const text = 'The Syrian opposition forces told us that the US and the opposition disagree.'
    const found = trie.scan(text, tokenize(text)).map((m) => text.slice(m.start, m.end))
    expect(found).toEqual(['Syrian opposition forces', 'US', 'opposition'])
  })

  it('does not join words across a sentence break', () => {
    const trie = new PhraseTrie<string>()
    trie.add('Iran Tehran', 'x')
    const text = 'They went to Iran. Tehran said nothing.'
    expect(trie.scan(text, tokenize(text))).toHaveLength(0)
  })

  it('normalises curly apostrophes and possessives as the lexicon writes them', () => {
    expect(tokenize('Lebanon’s Hezbollah and Shi’ite militias').map((t) => t.norm)).toEqual([
      'lebanon',
      'hezbollah',
      'and',
      "shi'ite",
      'militias',
    ])
  })
})

describe('the researcher’s lexicon', () => {
  const dirs: string[] = []
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true })
  })

  it('overrides a shipped entry and adds new ones, read from a saved file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parallax-stance-'))
    dirs.push(dir)
    const file = join(dir, 'lexicon.json')
    await writeFile(
      file,
      JSON.stringify([
        {
          term: 'militants',
          kind: 'actor-label',
          actor: 'Liberation Front',
          connotation: 'pejorative',
          note: 'this outlet uses it as a slur',
        },
        {
          term: 'Liberation Front',
          kind: 'actor-label',
          actor: 'Liberation Front',
          connotation: 'neutral',
        },
        { term: 'repeatedly', kind: 'booster' },
      ]),
    )
    const user = lexiconSchema.parse(JSON.parse(await readFile(file, 'utf8')))
    const doc = await loadFixtureText('sahel-insurgent-outlet.txt')
    const before = analyzeStance({
      text: doc.text,
      segments: doc.segments,
      sentences: [],
      entities: [],
    })
    const after = analyzeStance({
      text: doc.text,
      segments: doc.segments,
      sentences: [],
      entities: [],
      userLexicon: user,
    })

    // Shipped: "militants" is a neutral generic label, so not a cue.
    expect(before.stanceCues.some((c) => c.text === 'militants')).toBe(false)
    const militants = after.stanceCues.find((c) => c.text === 'militants')!
    expect(militants.kind).toBe('label')
    expect(militants.connotation).toBe('pejorative')
    expect(militants.rule).toContain('user-lexicon "militants"')
    expect(militants.rule).toContain('this outlet uses it as a slur')
    const front = after.actors.find((a) => a.name === 'Liberation Front')!
    expect(front.labels.map((l) => l.text)).toEqual(
      expect.arrayContaining(['Liberation Front', 'militants']),
    )
    expect(after.stanceCues.find((c) => c.text === 'repeatedly')?.kind).toBe('booster')
    // Shipped entries the researcher did not touch still work.
    expect(after.stanceCues.find((c) => c.text === 'mujahideen')?.kind).toBe('label')
  })

  it('can neutralise a shipped loaded term', () => {
    const text = 'Headline\n\nThe ministry denounced the propaganda of the rebels.'
    expect(analyse(text).stanceCues.some((c) => c.text === 'propaganda')).toBe(true)
    const neutral = analyse(text, [{ term: 'propaganda', kind: 'evaluative', polarity: 0 }])
    const cue = neutral.stanceCues.find((c) => c.text === 'propaganda')!
    expect(cue.kind).toBe('evaluative')
    expect(cue.polarity).toBe(0)
  })
})
