import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { memoisedWordTag, memoiseWordTags, runNlp } from '../../../src/main/analysis/nlp'
import { forEachWord, WordSet } from '../../../src/main/analysis/word-scan'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

function sentences(text: string, segments: { start: number; end: number }[] = []): string[] {
  const segs = segments.map((s) => ({ ...s, role: 'body' as const }))
  return runNlp(text, segs).sentences.map((s) => text.slice(s.start, s.end))
}

describe('sentence splitter', () => {
  it('does not cut at titles, initials, dotted acronyms, decimals or web addresses', () => {
    expect(
      sentences(
        'Gen. Qassem Soleimani met Mr. Assad. George W. Bush and P.J. Fleck spoke in the U.S. on Friday. ' +
          'About 2.5 million people read Moneycontrol.com daily. The toll rose.',
      ),
    ).toEqual([
      'Gen. Qassem Soleimani met Mr. Assad.',
      'George W. Bush and P.J. Fleck spoke in the U.S. on Friday.',
      'About 2.5 million people read Moneycontrol.com daily.',
      'The toll rose.',
    ])
  })

  it('reads "No." and "etc." by what follows', () => {
    expect(sentences('He lives at No. 10 Downing Street. “No. You tell me,” she said.')).toEqual([
      'He lives at No. 10 Downing Street.',
      '“No.',
      'You tell me,” she said.',
    ])
    expect(sentences('Tanks, trucks, etc. were seen. They had guns, etc. The army left.')).toEqual([
      'Tanks, trucks, etc. were seen.',
      'They had guns, etc.',
      'The army left.',
    ])
  })

  it('keeps closing quotes with their sentence and a speech tag with its quote', () => {
    expect(
      sentences('“We will not leave!” he told them. “Why?” Holmes asked. Then he left.'),
    ).toEqual(['“We will not leave!” he told them.', '“Why?”', 'Holmes asked.', 'Then he left.'])
    expect(sentences('If you wait... you will lose. It works.')).toEqual([
      'If you wait... you will lose.',
      'It works.',
    ])
  })

  it('always cuts at line breaks and segment starts, and trims spaces', () => {
    const text = 'Headline without a stop\n  First line. Second\nthird  '
    expect(sentences(text)).toEqual(['Headline without a stop', 'First line.', 'Second', 'third'])
    const joined = 'Title text Body begins here.'
    expect(sentences(joined, [{ start: 11, end: joined.length }])).toEqual([
      'Title text',
      'Body begins here.',
    ])
  })

  it('finds the seeds’ sentences with offsets into the text', async () => {
    const text = await readFile(
      join(ROOT, '..', 'shared', 'seeds', 'iran-admits-heavy-casualties.txt'),
      'utf8',
    )
    const { sentences: found } = runNlp(text, [])
    expect(found.length).toBeGreaterThan(20)
    for (const s of found) {
      expect(s.end).toBeGreaterThan(s.start)
      expect(text.slice(s.start, s.end)).toBe(text.slice(s.start, s.end).trim())
      expect(text.slice(s.start, s.end)).not.toContain('\n')
    }
  })
})

describe('tags on demand', () => {
  it('agrees with wink reading each sentence in context on the fixtures', async () => {
    const dir = join(ROOT, 'test', 'fixtures', 'analysis')
    const files = (await readdir(dir)).filter((f) => f.endsWith('.txt'))
    const wink = winkNLP(model, ['sbd', 'pos'])
    let compared = 0
    let agreed = 0
    for (const f of files) {
      const text = await readFile(join(dir, f), 'utf8')
      const { tokens, sentences: found } = runNlp(text, [])
      for (const s of found) {
        const doc = wink.readDoc(text.slice(s.start, s.end))
        const tags = doc.tokens().out(wink.its.pos) as string[]
        const values = doc.tokens().out(wink.its.value) as string[]
        let at = s.start
        values.forEach((v, i) => {
          const start = text.indexOf(v, at)
          at = start + v.length
          // Plain words are what the rules ask about; punctuation never is.
          if (!/^\p{L}+$/u.test(v)) return
          compared++
          if (tokens.posAt(start) === tags[i]) agreed++
        })
      }
    }
    expect(compared).toBeGreaterThan(500)
    // 0.972 when written: the words that differ are ones no rule asks about ("to", "that").
    expect(agreed / compared).toBeGreaterThan(0.96)
  })

  it('settles noun-or-verb words by the word before, as wink does', () => {
    const text = 'Industry analysts say sales will rise. They won a 6-1 win. They win often.'
    const { tokens } = runNlp(text, [])
    expect(tokens.posAt(text.indexOf('say'))).toBe('VERB')
    expect(tokens.posAt(text.indexOf('win.'))).toBe('NOUN')
    expect(tokens.posAt(text.indexOf('win often'))).toBe('VERB')
    expect(tokens.posAt(text.indexOf('Industry'))).not.toBe('X')
    expect(tokens.prevPosAt(text.indexOf('say'))).toBe('NOUN')
  })

  it('tags a sentence with wink when a word is not plain', () => {
    const text = 'Forces loyal to Bashar al-Assad said 13 were killed.'
    const { tokens } = runNlp(text, [])
    expect(tokens.posAt(text.indexOf('Assad'))).toBe('PROPN')
    const t = tokens.sentenceTokens(0)
    expect(t).not.toBeNull()
    expect(t!.pos.length).toBe(t!.starts.length)
  })
})

describe('the wink POS clusters resource', () => {
  it('matches the installed wink model (regenerate it when the model changes)', async () => {
    type Core = {
      features: { posClusters: { list: Set<number>[] }; lexeme: { list: string[] } }
      packing: { layout: Record<string, number[]>; size: number }
      lexicon: Uint32Array
      pos: { list: string[] }
    }
    const core = (model as unknown as { core: () => Core }).core()
    const { layout, size } = core.packing
    const l = layout.lexemeCID!
    const expected: Record<string, string[]> = {}
    core.features.lexeme.list.forEach((w, i) => {
      const cid = (core.lexicon[l[0]! + i * size]! & l[1]!) >>> l[2]!
      const set = core.features.posClusters.list[cid]
      if (set && set.size > 1 && w === w.toLowerCase() && /^[a-z][a-z'’.-]*$/.test(w)) {
        const k = [...set]
          .map((x) => core.pos.list[x])
          .sort()
          .join(' ')
        ;(expected[k] ??= []).push(w)
      }
    })
    for (const k of Object.keys(expected)) expected[k]!.sort()
    const resource = JSON.parse(
      await readFile(join(ROOT, 'resources', 'lexicons', 'wink-pos-clusters.json'), 'utf8'),
    ) as { clusters: Record<string, string[]> }
    expect(resource.clusters).toEqual(expected)
  })
})

describe('word scan', () => {
  it('finds whole words case-insensitively, cut at the range end', () => {
    const words = new WordSet(['said', 'doubled'])
    const text = 'He SAID it; prices doubled-ish; unsaid; Said.'
    const found: string[] = []
    forEachWord(text, 0, text.length - 3, false, words, (a, b) => found.push(text.slice(a, b)))
    expect(found).toEqual(['SAID', 'doubled'])
    const hyphenated: string[] = []
    forEachWord(text, 0, text.length, true, words, (a, b) => hyphenated.push(text.slice(a, b)))
    expect(hyphenated).toEqual(['SAID', 'Said'])
  })
})

describe('batched word tags', () => {
  it('tags every word as wink tags it read alone, one readDoc for the lot', async () => {
    const seeds = join(ROOT, '..', 'shared', 'seeds')
    const fixtures = join(ROOT, 'test', 'fixtures', 'analysis')
    const texts = await Promise.all([
      ...(await readdir(seeds))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFile(join(seeds, f), 'utf8')),
      ...(await readdir(fixtures))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFile(join(fixtures, f), 'utf8')),
    ])
    // Words wink splits or does not know, accents, capitals, and a word past an odd one.
    const extra = [
      'cannot',
      'gonna',
      'Zelenskyy',
      'Petrović',
      'café',
      'Pro',
      'I',
      'qwxzv',
      'LED',
      'the',
    ]
    const words = [
      ...new Set([...texts.flatMap((t) => t.match(/[\p{L}\p{M}]+/gu) ?? []), ...extra]),
    ]
    expect(words.length).toBeGreaterThan(500)
    memoiseWordTags(words)
    const w = winkNLP(model, ['sbd', 'pos'])
    const wrong: string[] = []
    for (const word of words) {
      const doc = w.readDoc(word)
      const tags = doc.tokens().out(w.its.pos) as string[]
      const expected = {
        tag: tags.length === 1 ? (tags[0] ?? 'X') : 'X',
        known: tags.length === 1 && !doc.isOOV(word.toLowerCase()),
      }
      const got = memoisedWordTag(word)
      if (got?.tag !== expected.tag || got.known !== expected.known)
        wrong.push(`${word}: ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)}`)
    }
    expect(wrong).toEqual([])
    expect(memoisedWordTag('cannot')?.tag).toBe('X')
    expect(memoisedWordTag('the')).toEqual({ tag: 'DET', known: true })
  })
})

describe('tags in context', () => {
  it('answers from a sentence beginning what wink says in the whole sentence', () => {
    const text =
      'Analysts expect the World Health Organization to revise its figures, Other agencies said on Monday in Geneva after a long meeting with officials.'
    const { tokens } = runNlp(text, [])
    const w = winkNLP(model, ['sbd', 'pos'])
    const doc = w.readDoc(text)
    const values = doc.tokens().out(w.its.value) as string[]
    const tags = doc.tokens().out(w.its.pos) as string[]
    // Capitalised common words are the ones answered in context; ask about the first one first,
    // so only a beginning of the sentence is tagged, then about words further on.
    let from = 0
    for (const word of ['Analysts', 'Health', 'Organization', 'Other', 'Geneva']) {
      const at = text.indexOf(word, from)
      from = at + word.length
      expect(tokens.posAt(at), word).toBe(tags[values.indexOf(word)])
    }
    const whole = tokens.sentenceTokens(0)!
    expect(whole.pos).toEqual(tags)
    expect([...whole.starts].map((s, i) => text.slice(s, whole.ends[i]))).toEqual(values)
  })
})
