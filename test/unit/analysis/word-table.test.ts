import { describe, expect, it } from 'vitest'
import { lexicons } from '../../../src/main/analysis/lexicons'
import { keyTable, phraseKey, wordSet } from '../../../src/main/analysis/word-table'
import { KELVIN, LONG_S, sentences } from './generated-text'

// WordTable stands for `set.has(text.slice(a, b).toLowerCase())` and keyTable for
// `Object.hasOwn(obj, key) ? obj[key] : undefined` with key = `text.slice(a, b).toLowerCase()`: the look-ups it replaced. Each is checked on every
// span of generated text, then on the spans that hit its shortcuts.

/** Every [a, b) of `s` up to `max` long: many spans, each a possible word. */
function* spans(s: string, max = 14): Generator<[number, number]> {
  for (let a = 0; a < s.length; a++) {
    for (let b = a; b <= Math.min(s.length, a + max); b++) yield [a, b]
  }
}

const lex = lexicons()
const words = [
  ...Object.keys(lex.units),
  ...Object.keys(lex.tens),
  ...Object.keys(lex.scales),
  ...Object.values(lex.measures).flat(),
  ...lex.measureSubjectWords,
  ...lex.qualifiersBefore.map((q) => q.phrase),
  'of',
  'and',
  'the',
  // Keys that share a hash ("b!" and "a@": 31·98 + 33 = 31·97 + 64), so the slow way is taken.
  'b!',
  'a@',
  // A key that is not ASCII: never found by its hash.
  'née',
  'straße',
]
const reference = new Set(words)

describe('wordSet', () => {
  it('finds a span exactly when the lower-cased span is in the set', () => {
    const table = wordSet(words)
    let found = 0
    for (const s of sentences(11, 400)) {
      for (const [a, b] of spans(s)) {
        const lower = s.slice(a, b).toLowerCase()
        const want = reference.has(lower) ? lower : undefined
        const got = table.keyAt(s, a, b)
        if (got !== want) expect({ s, a, b, got }).toEqual({ s, a, b, got: want })
        if (got !== undefined) found++
      }
    }
    // The text does hit the table: the comparison is not only of misses.
    expect(found).toBeGreaterThan(500)
  })

  it.each([
    ['KILLED', 'killed'],
    ['Killed', 'killed'],
    [`${KELVIN}illed`, 'killed'],
    [`thou${LONG_S}and`, undefined],
    ['B!', 'b!'],
    ['A@', 'a@'],
    ['b@', undefined],
    ['NÉE', 'née'],
    ['STRASSE', undefined],
    ['constructor', undefined],
    ['', undefined],
  ])('reads %j as %j', (text, want) => {
    // The Kelvin sign lower-cases to "k" (the table's slow way sees it); "ſ" stays itself.
    const lower = text.toLowerCase()
    expect(reference.has(lower) ? lower : undefined).toBe(want)
    expect(wordSet(words).keyAt(text, 0, text.length)).toBe(want)
  })

  it('reads a span inside a longer text, not the text around it', () => {
    const table = wordSet(['killed'])
    expect(table.keyAt('were KILLED on', 5, 11)).toBe('killed')
    expect(table.keyAt('were KILLED on', 5, 10)).toBeUndefined()
    expect(table.keyAt('were KILLED on', 4, 11)).toBeUndefined()
  })
})

const ownValue = <V>(obj: Record<string, V>, key: string): V | undefined =>
  Object.hasOwn(obj, key) ? obj[key] : undefined

describe('keyTable', () => {
  it("answers as a read of the object's own key, the lower-cased span", () => {
    const obj = lex.prefixUnits
    const table = keyTable(obj)
    let found = 0
    for (const s of sentences(12, 300)) {
      for (const [a, b] of spans(s)) {
        const want = ownValue(obj, s.slice(a, b).toLowerCase())
        const got = table.getAt(s, a, b)
        if (got !== want) expect({ s, a, b, got }).toEqual({ s, a, b, got: want })
        if (got !== undefined) found++
      }
    }
    expect(found).toBeGreaterThan(5)
  })

  // The lexicon tables were plain objects once: "constructor" found Object's function.
  it.each(['constructor', 'CONSTRUCTOR', '__proto__', 'toString', 'tostring', 'valueOf'])(
    'finds no inherited name: %j',
    (text) => {
      expect(keyTable(lex.prefixUnits).getAt(text, 0, text.length)).toBeUndefined()
      expect(keyTable({ magnitude: 'Richter' }).getAt(text, 0, text.length)).toBeUndefined()
    },
  )
})

describe('phraseKey', () => {
  it('is the lower-cased phrase with white space runs made one space', () => {
    for (const s of sentences(13, 2000, 4)) {
      expect(phraseKey(s)).toBe(s.toLowerCase().replace(/\s+/g, ' '))
    }
  })

  it.each(['at least', 'At  least', 'at\tleast', 'at\u00a0least', 'more than', ' x'])(
    'keys %j',
    (s) => {
      expect(phraseKey(s)).toBe(s.toLowerCase().replace(/\s+/g, ' '))
    },
  )
})
