import { describe, expect, it } from 'vitest'
import {
  endsWithWordAndSpace,
  isSpaceAt,
  isWordCharAt,
  wordBeforeEnd,
} from '../../../src/main/analysis/words-around'
import { hasLetter, spaceRuns, wordEndAt } from '../../../src/main/analysis/figure-subjects'
import { KELVIN, LONG_S, sentences } from './generated-text'

// Each scanner against the regex its comment names, on every UTF-16 code unit for the
// one-character tests and on generated text for the others.

describe('one-character tests against their regex classes', () => {
  it('isSpaceAt is /\\s/ on every code unit', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c)
      if (isSpaceAt(ch, 0) !== /\s/.test(ch)) expect({ c, space: isSpaceAt(ch, 0) }).toBe(null)
    }
  })

  it("isWordCharAt is /[\\p{L}\\p{N}'’.-]/u on every code unit and on surrogate pairs", () => {
    const WORD_CHAR = /[\p{L}\p{N}'’.-]/u
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c)
      if (isWordCharAt(ch, 0) !== WORD_CHAR.test(ch)) expect({ c }).toBe(null)
    }
    // s[i] of a pair is its lone high surrogate: no letter, as the regex reads it.
    for (const ch of ['𝐀', '😀']) expect(isWordCharAt(ch, 0)).toBe(WORD_CHAR.test(ch[0]!))
  })
})

describe('wordBeforeEnd', () => {
  const reference = (lead: string): string | null =>
    /([\p{L}]+)\s+(?:of\s+)?$/u.exec(lead)?.[1] ?? null

  it('captures what /([\\p{L}]+)\\s+(?:of\\s+)?$/u does, on every prefix', () => {
    for (const s of sentences(51, 1200, 8)) {
      for (let e = 0; e <= s.length; e++) {
        const lead = s.slice(Math.max(0, e - 40), e)
        if (wordBeforeEnd(lead) !== reference(lead)) {
          expect({ lead, got: wordBeforeEnd(lead) }).toEqual({ lead, got: reference(lead) })
        }
      }
    }
  })

  // Found by this test: isLetterAt read a letter outside the BMP ("𝐀", U+1D400) as two
  // non-letters, so it ended the word where the regex, in 'u' mode, reads on.
  it('reads a letter outside the BMP as the regex does', () => {
    expect(wordBeforeEnd('𝐀magnitude ')).toBe(reference('𝐀magnitude '))
  })

  it.each([
    'a magnitude ',
    'a magnitude of ',
    'a magnitude of\u00a0',
    'magnitude\tof\n',
    'of ',
    'scale-',
    'Richter',
    `${LONG_S}cale `,
    'niveau élevé ',
    '',
  ])('reads %j', (lead) => {
    expect(wordBeforeEnd(lead)).toBe(reference(lead))
  })
})

describe('endsWithWordAndSpace', () => {
  it.each(['between', 'age'])('is /%s\\s+$/i on every prefix', (word) => {
    const re = new RegExp(`${word}\\s+$`, 'i')
    for (const s of [
      ...sentences(52, 800, 8),
      `BETWEEN\u00a0`,
      'Between',
      'agé ',
      `a${KELVIN}e `,
    ]) {
      for (let at = 0; at <= s.length; at++) {
        if (endsWithWordAndSpace(s, at, word) !== re.test(s.slice(0, at))) {
          expect({ s, at }).toBe(re.test(s.slice(0, at)))
        }
      }
    }
  })
})

describe('figure-subjects scanners', () => {
  const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*|[^\s\p{L}\p{N}]/uy

  it('wordEndAt ends where the sticky WORD regex does, at every non-space position', () => {
    for (const s of sentences(53, 1500)) {
      for (let p = 0; p < s.length; p++) {
        if (isSpaceAt(s, p)) continue
        WORD.lastIndex = p
        const want = p + WORD.exec(s)![0].length
        if (wordEndAt(s, p) !== want)
          expect({ s, p, got: wordEndAt(s, p) }).toEqual({ s, p, got: want })
      }
    }
  })

  it.each(["don't-stop 1.5km", 'x’s', '😀x', 'é1.', "a'", '!!', '12,000'])(
    'wordEndAt reads %j as WORD does',
    (s) => {
      WORD.lastIndex = 0
      expect(wordEndAt(s, 0)).toBe(WORD.exec(s)![0].length)
    },
  )

  it('hasLetter is /\\p{L}/u on the span, spaceRuns is the split on white space', () => {
    for (const s of sentences(54, 1500)) {
      for (let a = 0; a < s.length; a += 3) {
        for (let b = a; b <= Math.min(s.length, a + 12); b++) {
          if (hasLetter(s, a, b) !== /\p{L}/u.test(s.slice(a, b))) expect({ s, a, b }).toBe(null)
        }
      }
      for (let end = 0; end <= s.length; end++) {
        const want = s.slice(0, end).split(/\s+/).length - 1
        if (spaceRuns(s, end) !== want) expect({ s, end }).toBe(want)
      }
    }
  })
})
