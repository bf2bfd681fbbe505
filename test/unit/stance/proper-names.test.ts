import { describe, expect, it } from 'vitest'
import { isCapitalToken, isInProperName } from '../../../src/main/analysis/stance/proper-names'
import { TokenTable } from '../../../src/main/analysis/stance/tokenize'

// Before the speed pass a token was capitalised when CAPITAL.test(text[start]) said so; the scan
// answers ASCII from the character code and asks the regex only beyond it.
const CAPITAL = /\p{Lu}/u

/** A table of the text's space-separated words (the vocabulary numbers do not matter here). */
function wordsOf(text: string): TokenTable {
  const table = new TokenTable()
  for (const m of text.matchAll(/[^ ]+/g)) table.push(m.index, m.index + m[0].length, 0)
  return table
}

describe('isCapitalToken agrees with /\\p{Lu}/u on the first code unit', () => {
  it('on every UTF-16 code unit', () => {
    const disagreements: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      const text = `${String.fromCharCode(c)}x`
      const tokens = new TokenTable()
      tokens.push(0, 2, 0)
      if (isCapitalToken(text, tokens, 0) !== CAPITAL.test(text[0]!))
        disagreements.push(`U+${c.toString(16)}`)
    }
    expect(disagreements).toEqual([])
  })

  it('reads one code unit, as the regex on text[start] did: an astral capital is not one', () => {
    const tokens = wordsOf('𝐀lpha Émile émile')
    expect(isCapitalToken('𝐀lpha Émile émile', tokens, 0)).toBe(false)
    expect(isCapitalToken('𝐀lpha Émile émile', tokens, 1)).toBe(true)
    expect(isCapitalToken('𝐀lpha Émile émile', tokens, 2)).toBe(false)
  })

  it('is false for tokens that do not exist', () => {
    const tokens = wordsOf('Army')
    expect(isCapitalToken('Army', tokens, -1)).toBe(false)
    expect(isCapitalToken('Army', tokens, 1)).toBe(false)
  })
})

describe('isInProperName', () => {
  const inName = (text: string, word: string): boolean => {
    const tokens = wordsOf(text)
    const start = text.indexOf(word)
    let first = 0
    while (tokens.start[first] !== start) first++
    return isInProperName(text, tokens, { first, last: first })
  }

  it('"Liberation" in "the Popular Liberation Front" is part of a name', () => {
    expect(inName('the Popular Liberation Front', 'Liberation')).toBe(true)
  })

  it('a capital word after a capital one is in a name unless a break comes between', () => {
    expect(inName('the Free Liberation movement', 'Liberation')).toBe(true)
    expect(inName('back in the U.S. Liberation came', 'Liberation')).toBe(false)
    expect(inName('said the Army: Liberation came', 'Liberation')).toBe(false)
  })

  it('a lower-case word is never in a name', () => {
    expect(inName('the Popular liberation Front', 'liberation')).toBe(false)
  })
})
