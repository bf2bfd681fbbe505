import { describe, expect, it } from 'vitest'
import {
  TokenTable,
  Vocabulary,
  normaliseWord,
  tokenize,
  tokenizeInto,
} from '../../../src/main/analysis/stance/tokenize'
import { analyzeStance } from '../../../src/main/analysis/stance/index'
import {
  CONTRAST,
  NEGATOR,
  PATIENT_MARKER,
  REPORTING_VERB,
  SPEECH_PRONOUN,
  VALENCE_PAIR_START,
  compileLexicon,
  pairKey,
} from '../../../src/main/analysis/stance/stance-lexicon'
import { SEED_A, SEED_B, loadFixtureText, loadSeed } from './documents'

const FIXTURES = [
  'myanmar-wire.txt',
  'protest-organisers-account.txt',
  'protest-police-statement.txt',
  'sahel-insurgent-outlet.txt',
  'sahel-state-media.txt',
  'ukraine-kyiv-outlet.txt',
  'ukraine-russian-state-media.txt',
  'wire-neutral.txt',
]

// Pieces that exercise every branch of the scanner: ASCII and other scripts, capitals that change
// length when lower-cased (İ), astral letters and lone surrogates, joiners, possessives, dotted
// acronyms, quote marks and breaks.
const PIECES = [
  'the',
  'Regime',
  'rebels',
  'US',
  'U.S.',
  'U.S.A',
  'A.',
  'B.C',
  'Iran’s',
  "Iran's",
  "it's",
  'ʼs',
  '’s',
  "'S",
  'Shi’ite',
  'so-called',
  'so‐called',
  'al-Assad',
  '-',
  '‐',
  '’',
  "'",
  '“',
  '”',
  '"',
  ' ',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '.',
  ',',
  '!',
  '?',
  '…',
  '42',
  '3.5',
  'Ωmega',
  'МОСКВА',
  'straße',
  'Vučić',
  'ΟΔΟΣ',
  'Σ',
  'ς',
  'İ',
  'İstanbul',
  'ǅ',
  '𝒜𝒷',
  '\ud835',
  '\udc9c',
  '😀',
  'élan',
  'ÉTAT',
  'ﬁre',
  'K',
  'S',
  's',
]

/** A deterministic pseudo-random text (the same on every run, so a failure can be replayed). */
function fuzzText(seed: number, pieces: number): string {
  let x = seed
  const next = (n: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    return (x >>> 8) % n
  }
  let out = ''
  for (let k = 0; k < pieces; k++) out += PIECES[next(PIECES.length)]!
  return out
}

/** What `tokenizeInto` must give: `tokenize`'s tokens, each numbered by its form. */
function expected(text: string, vocabulary: Vocabulary, from: number, to: number): number[][] {
  return tokenize(text, from, to).map((t) => [t.start, t.end, vocabulary.get(t.norm)])
}

function actual(text: string, vocabulary: Vocabulary, from: number, to: number): number[][] {
  const table = new TokenTable(1)
  tokenizeInto(table, vocabulary, text, from, to)
  const rows: number[][] = []
  for (let i = 0; i < table.count; i++) rows.push([table.start[i]!, table.end[i]!, table.word[i]!])
  return rows
}

describe('numbered tokens', () => {
  it('are the tokens of tokenize, with the number of each normalised form', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const text = fuzzText(seed, 40)
      // Number about half of the forms the text holds, so both hits and misses occur.
      const vocabulary = new Vocabulary()
      tokenize(text).forEach((t, k) => k % 2 === 0 && vocabulary.intern(t.norm))
      vocabulary.intern(normaliseWord(PIECES[seed % PIECES.length]!))
      const from = seed % 7
      const to = Math.max(from, text.length - (seed % 5))
      expect(actual(text, vocabulary, from, to), `seed ${seed}`).toEqual(
        expected(text, vocabulary, from, to),
      )
    }
  })

  it('number a real article with the shipped vocabulary as its words read', async () => {
    const doc = await loadFixtureText('sahel-insurgent-outlet.txt')
    const { vocabulary } = compileLexicon()
    const rows = actual(doc.text, vocabulary, 0, doc.text.length)
    expect(rows).toEqual(expected(doc.text, vocabulary, 0, doc.text.length))
    // The article's lexicon words are found, not numbered 0 wholesale.
    expect(rows.filter((r) => r[2] !== 0).length).toBeGreaterThan(rows.length / 4)
  })

  it('keep possessives and curly apostrophes apart from other endings', () => {
    const vocabulary = new Vocabulary()
    const iran = vocabulary.intern('iran')
    const shiite = vocabulary.intern("shi'ite")
    // "it's" is longer than three characters, so it loses its "'s" like a possessive.
    const it = vocabulary.intern('it')
    const text = "Iran’s IRAN'S Shi’ite it's Iranis Iran’S"
    expect(actual(text, vocabulary, 0, text.length).map((r) => r[2])).toEqual([
      iran,
      iran,
      shiite,
      it,
      0,
      iran,
    ])
  })

  it('grow past their first capacity', () => {
    const text = 'word '.repeat(1000)
    const vocabulary = new Vocabulary()
    const word = vocabulary.intern('word')
    const rows = actual(text, vocabulary, 0, text.length)
    expect(rows).toHaveLength(1000)
    expect(rows.every((r) => r[2] === word)).toBe(true)
    expect(rows[999]).toEqual([4995, 4999, word])
  })
})

describe('the word lists by number', () => {
  it('say of every token what the lists by spelling say of its form', async () => {
    const lex = compileLexicon([{ term: 'steadfast ally', kind: 'evaluative', polarity: 0.4 }])
    const numberOf = (norm: string): number => lex.vocabulary.get(norm)
    const lists: [ReadonlySet<string>, number][] = [
      [lex.negators, NEGATOR],
      [lex.contrast, CONTRAST],
      [lex.reportingVerbs, REPORTING_VERB],
      [lex.speechPronouns, SPEECH_PRONOUN],
      [lex.patientMarkers, PATIENT_MARKER],
      [lex.valencePairStarts, VALENCE_PAIR_START],
    ]
    let checked = 0
    const docs = [
      ...(await Promise.all(FIXTURES.map(loadFixtureText))),
      await loadSeed(SEED_A),
      await loadSeed(SEED_B),
    ]
    for (const { text } of docs) {
      const tokens = tokenize(text)
      tokens.forEach((t, k) => {
        const id = numberOf(t.norm)
        for (const [list, flag] of lists) {
          expect((lex.wordFlags[id]! & flag) !== 0, `${t.norm} ${flag}`).toBe(list.has(t.norm))
        }
        const valence = lex.valence.get(t.norm)
        expect(Number.isNaN(lex.valenceOf[id]) ? undefined : lex.valenceOf[id]).toBe(valence)
        const boost = lex.intensifiers.get(t.norm)
        expect(Number.isNaN(lex.intensifierOf[id]) ? undefined : lex.intensifierOf[id]).toBe(boost)
        const next = tokens[k + 1]
        if (next) {
          expect(lex.pairValence.get(pairKey(id, numberOf(next.norm)))).toBe(
            lex.valence.get(`${t.norm} ${next.norm}`),
          )
        }
        checked++
      })
    }
    expect(checked).toBeGreaterThan(1500)
    // Every list word is numbered, so no list can hold the number of an unknown word.
    for (const [list] of lists) for (const w of list) expect(numberOf(w)).toBeGreaterThan(0)
    expect(lex.wordFlags[0]).toBe(0)
    expect(lex.valenceOf[0]).toBeNaN()
  })
})

describe('the token table kept between analyses', () => {
  it('gives the same analysis before and after a longer and a shorter document', async () => {
    const a = await loadFixtureText('sahel-insurgent-outlet.txt')
    const b = await loadFixtureText('ukraine-kyiv-outlet.txt')
    const input = (d: { text: string; segments: typeof a.segments }) => ({
      text: d.text,
      segments: d.segments,
      sentences: [],
      entities: [],
    })
    const long = { text: b.text.repeat(30), segments: [] }
    const first = analyzeStance(input(a))
    const longFirst = analyzeStance(input(long))
    expect(first.stanceCues.length).toBeGreaterThan(5)
    expect(analyzeStance(input(a))).toEqual(first)
    expect(analyzeStance(input(long))).toEqual(longFirst)
    expect(analyzeStance({ ...input(a), text: '', segments: [] }).stanceCues).toEqual([])
    expect(analyzeStance(input(a))).toEqual(first)
  })
})
