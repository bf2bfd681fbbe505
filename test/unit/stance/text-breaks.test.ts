import { describe, expect, it } from 'vitest'
import {
  hasClauseBreak,
  hasSentenceEnd,
  isAfterBreak,
} from '../../../src/main/analysis/stance/text-breaks'
import { seeded } from '../seeded-random'

// The scans replaced these regexes, which the targeting rules ran on text.slice(from, to). Each
// scan must say what its regex said, on any text and any range.
const SENTENCE_END = /[.!?\n]/
const CLAUSE_BREAK = /[,;:—–()]/
const AFTER_BREAK = /[.!?:\n]\s*$/

type Scan = (text: string, from: number, to: number) => boolean

const SCANS: [string, Scan, RegExp][] = [
  ['hasSentenceEnd', hasSentenceEnd, SENTENCE_END],
  ['hasClauseBreak', hasClauseBreak, CLAUSE_BREAK],
  ['isAfterBreak', isAfterBreak, AFTER_BREAK],
]

// What news text puts around the words the rules look between: letters in and out of ASCII,
// capitals, hyphens and dashes, apostrophes and quote marks, every kind of white space (and
// look-alikes that are not white space), digits, astral characters and lone surrogates, every
// sentence and clause mark, and the lexicon words the rules are about.
const PIECES = [
  ...'abcxyzABCXYZ',
  ...'éÉßıİΣσжЖ',
  ...'0123456789',
  ...'-‐‑–—',
  ...`'’‘“”"«»„`,
  ...' \t\n\r\v\f\u00a0\u2009\u200a\u2028\u2029\u202f\u3000\ufeff\u200b\u180e\u0085',
  ...'.!?:;,()…[]/',
  '𝐀',
  '😀',
  '\ud800',
  '\udc00',
  ' of ',
  ' the ',
  'regime',
  'rebels',
  'so-called',
  'propaganda',
  'crackdown',
  ' claimed ',
  'Liberation Front',
  'Mr. ',
  'U.S.',
  '3.5',
]

function generatedText(random: () => number): string {
  const length = Math.floor(random() * 14)
  let text = ''
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(random() * PIECES.length)]!
  return text
}

describe('text-break scans agree with the regexes they replaced', () => {
  for (const [name, scan, reference] of SCANS) {
    it(`${name} matches ${String(reference)} on every range of generated text`, () => {
      const random = seeded(0x5eed + name.length)
      const disagreements: { text: string; from: number; to: number }[] = []
      let compared = 0
      for (let n = 0; n < 1500; n++) {
        const text = generatedText(random)
        // Every range, including empty and reversed ones (slice gives '' for those).
        for (let from = 0; from <= text.length; from++) {
          for (let to = Math.max(0, from - 1); to <= text.length; to++) {
            if (scan(text, from, to) !== reference.test(text.slice(from, to)))
              disagreements.push({ text, from, to })
            compared++
          }
        }
      }
      expect(disagreements.slice(0, 5)).toEqual([])
      expect(compared).toBeGreaterThan(50_000)
    })

    it(`${name} matches ${String(reference)} on every single UTF-16 code unit`, () => {
      const disagreements: string[] = []
      for (let c = 0; c < 0x10000; c++) {
        const text = `a${String.fromCharCode(c)}`
        if (scan(text, 1, 2) !== reference.test(text.slice(1, 2)))
          disagreements.push(`U+${c.toString(16)}`)
      }
      expect(disagreements).toEqual([])
    })
  }
})

describe('text-break scans on real sentences', () => {
  /** The scan over the text between the two marked points: "a ‸between‸ b". */
  const between = (scan: Scan, marked: string): boolean => {
    const from = marked.indexOf('‸')
    const to = marked.indexOf('‸', from + 1) - 1
    return scan(marked.replaceAll('‸', ''), from, to)
  }

  it('finds no sentence end inside "the regime of Bashar al-Assad"', () => {
    expect(between(hasSentenceEnd, 'the regime‸ of ‸Bashar al-Assad')).toBe(false)
  })

  it('finds a sentence end between "the armed forces of." and the next sentence', () => {
    expect(between(hasSentenceEnd, 'the armed forces of‸. ‸Iran said')).toBe(true)
    expect(between(hasSentenceEnd, 'the armed forces of‸\n‸Iran said')).toBe(true)
  })

  it('separates "crackdown, organisers say" but not "crackdown by the regime"', () => {
    expect(between(hasClauseBreak, 'a crackdown‸, ‸organisers say')).toBe(true)
    expect(between(hasClauseBreak, 'a crackdown‸ by the ‸regime')).toBe(false)
    expect(between(hasClauseBreak, 'a crackdown‸ — ‸the regime')).toBe(true)
    expect(between(hasClauseBreak, 'a crackdown‸ (the ‸regime')).toBe(true)
  })

  it('does not take a hyphen or an apostrophe for a clause break', () => {
    expect(between(hasClauseBreak, 'US‸-‸backed')).toBe(false)
    expect(between(hasClauseBreak, 'the army‸’s ‸rebels')).toBe(false)
  })

  it('sees a break before a word that opens a sentence, a line or a quoted statement', () => {
    expect(isAfterBreak('End. Liberation', 0, 5)).toBe(true)
    expect(isAfterBreak('said:\u00a0Liberation', 0, 6)).toBe(true)
    expect(isAfterBreak('Headline\n\tLiberation', 0, 10)).toBe(true)
    expect(isAfterBreak('Why?\u3000Liberation', 0, 5)).toBe(true)
  })

  it('sees no break inside a name or after a comma', () => {
    expect(isAfterBreak('the Popular Liberation', 0, 12)).toBe(false)
    expect(isAfterBreak('rebels, Liberation', 0, 8)).toBe(false)
    // A zero-width space is not white space to \s: the break is hidden behind it.
    expect(isAfterBreak('End.\u200bLiberation', 0, 5)).toBe(false)
  })
})
