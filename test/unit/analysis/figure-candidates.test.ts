import { describe, expect, it } from 'vitest'
import { hasFoldingChar, rx } from '../../../src/main/analysis/figure-patterns'
import { mayEndQualifier, nextCandidate } from '../../../src/main/analysis/figure-candidates'
import { findMeasure } from '../../../src/main/analysis/figure-subjects'
import { lexicons } from '../../../src/main/analysis/lexicons'
import { wordAt } from '../../../src/main/analysis/words-around'
import { seeded } from '../seeded-random'
import { KELVIN, LONG_S, sentences } from './generated-text'

// The fast paths search with an ASCII start regex and try the sticky regex only where it hits;
// the reference is the global regex they replaced (`candidate` and `measure`, flags 'giu'),
// built afresh from the same source so that no state is shared with the code under test.

const r = rx()

function matchOf(m: RegExpExecArray | null): unknown {
  return m && { index: m.index, groups: [...m] }
}

/**
 * The candidates nextCandidate finds in `s`, each with the regex's lastIndex after it, and the
 * global regex's on the same walk. The caller moves lastIndex between calls (past a parsed
 * number, or one character on): `skip` picks where, the same for both.
 */
function walkCandidates(s: string, folds: boolean, next: () => number): [unknown[], unknown[]] {
  const reference = new RegExp(r.candidate.source, 'giu')
  const got: unknown[] = []
  const want: unknown[] = []
  r.candidate.lastIndex = 0
  for (let guard = 0; guard < 200; guard++) {
    const from = r.candidate.lastIndex
    reference.lastIndex = from
    const w = reference.exec(s)
    const g = nextCandidate(s, r, folds)
    want.push([matchOf(w), reference.lastIndex])
    got.push([matchOf(g), r.candidate.lastIndex])
    if (!w || !g) break
    // Past the whole match, or somewhere inside it (a number parsed shorter than it matched).
    const end = w.index + w[0].length
    const to = next() < 0.7 ? end : w.index + 1 + Math.floor(next() * (end - w.index))
    r.candidate.lastIndex = to
  }
  return [got, want]
}

describe('nextCandidate (start regex + sticky regex) against the global candidate regex', () => {
  it('finds the same candidates on generated sentences', () => {
    const next = seeded(21)
    let matches = 0
    for (const s of sentences(22, 3000)) {
      const [got, want] = walkCandidates(s, hasFoldingChar(s), next)
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ s, got }).toEqual({ s, got: want })
      matches += want.length - 1
    }
    expect(matches).toBeGreaterThan(3000)
  })

  it('finds the same candidates without the fold check on text with neither folding letter', () => {
    const next = seeded(23)
    for (const s of sentences(24, 2000)) {
      if (hasFoldingChar(s)) continue
      const [got, want] = walkCandidates(s, false, next)
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ s, got }).toEqual({ s, got: want })
    }
  })

  it.each([
    'Officials said 2,000 people attended.',
    'At least a dozen were hurt and twenty-one missing, up from 1.3 million.',
    'Between 12 and 15 died; some 17k fled, 5km away, 40pc of them.',
    'F-16s flew at 10:30; No. 7 and #3 and foo_12 and x12 are not candidates.',
    'Hundreds of thousands, dozens, two hundred and fifty thousand.',
    `${LONG_S}even ${LONG_S}everal ${KELVIN}illed, ${LONG_S}ix of them`,
  ])('matches the global regex on %j', (s) => {
    const [got, want] = walkCandidates(s, hasFoldingChar(s), seeded(25))
    expect(got).toEqual(want)
  })

  it('needs the fold check: the ASCII start regex cannot see "ſ" where the global regex does', () => {
    // "ſeven" is "seven" under 'iu'; the fast path alone would miss it.
    const s = `they were ${LONG_S}even`
    expect(hasFoldingChar(s)).toBe(true)
    const [withFolds, want] = walkCandidates(s, true, seeded(26))
    expect(withFolds).toEqual(want)
    expect(want[0]).toEqual([
      { index: 10, groups: [`${LONG_S}even`, undefined, undefined, undefined, `${LONG_S}even`] },
      15,
    ])
    const [fastOnly] = walkCandidates(s, false, seeded(26))
    expect(fastOnly).not.toEqual(want)
  })

  it('hasFoldingChar sees exactly "ſ" and the Kelvin sign', () => {
    expect(hasFoldingChar('plain text, é ß İ ı')).toBe(false)
    expect(hasFoldingChar(`a ${LONG_S}`)).toBe(true)
    expect(hasFoldingChar(`${KELVIN}m`)).toBe(true)
    // They are the only non-ASCII characters that match an ASCII letter under 'iu'.
    const folding: string[] = []
    for (let c = 128; c < 0x10000; c++) {
      const ch = String.fromCharCode(c)
      if (/[a-z]/iu.test(ch)) folding.push(ch)
    }
    expect(folding).toEqual([LONG_S, KELVIN])
  })
})

/** The first and the last match of the global measure regex in `t`. */
function referenceMeasure(t: string): [unknown, unknown] {
  const re = new RegExp(r.measure.source, 'giu')
  let first: RegExpExecArray | null = null
  let last: RegExpExecArray | null = null
  for (let m = re.exec(t); m; m = re.exec(t)) {
    first ??= m
    last = m
  }
  return [matchOf(first), matchOf(last)]
}

describe('findMeasure (start regex + sticky regex) against the global measure regex', () => {
  it('finds the same first and last measure on generated text', () => {
    let found = 0
    for (const t of sentences(31, 3000, 24)) {
      const folds = hasFoldingChar(t)
      const want = referenceMeasure(t)
      const got = [
        matchOf(findMeasure(r, t, false, folds)),
        matchOf(findMeasure(r, t, true, folds)),
      ]
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ t, got }).toEqual({ t, got: want })
      if (want[0]) found++
    }
    expect(found).toBeGreaterThan(1000)
  })

  it.each([
    'at least 27 people were killed and 40 wounded in the attack',
    'dead, injured, KILLED; lost their lives',
    'unkilled killedx xkilled',
    `${KELVIN}illed and ${LONG_S}lain`,
    'no measure here',
  ])('matches the global regex on %j', (t) => {
    const folds = hasFoldingChar(t)
    expect([
      matchOf(findMeasure(r, t, false, folds)),
      matchOf(findMeasure(r, t, true, folds)),
    ]).toEqual(referenceMeasure(t))
  })

  it('needs the fold check on the Kelvin sign', () => {
    const t = `${KELVIN}illed`
    const want = referenceMeasure(t)
    expect(want[0]).not.toBeNull()
    expect(matchOf(findMeasure(r, t, false, true))).toEqual(want[0])
    expect(findMeasure(r, t, false, false)).toBeNull()
  })
})

describe('mayEndQualifier', () => {
  // It replaced a pre-check on the word before the number (as wordAt reads it: only spaces, tabs
  // and newlines are skipped) being the last word of a qualifier phrase. Where the regex finds a
  // qualifier, both pre-checks must let it through alike; elsewhere the regex has the last word.
  const lastWords = new Set(lexicons().qualifiersBefore.map((q) => q.phrase.split(' ').pop()!))

  it('lets the qualifier regex run where the older pre-check did', () => {
    let matched = 0
    let letThrough = 0
    for (const s of sentences(41, 1500, 10)) {
      for (let at = 0; at <= s.length; at++) {
        const windowStart = Math.max(0, at - 40)
        if (!r.qualifierBefore.test(s.slice(windowStart, at))) continue
        matched++
        const want = lastWords.has(wordAt(s, at, -1).toLowerCase())
        if (mayEndQualifier(r, s, at, windowStart) !== want) expect({ s, at }).toBe(want)
        if (want) letThrough++
      }
    }
    expect(matched).toBeGreaterThan(300)
    expect(letThrough).toBeGreaterThan(100)
  })

  it.each([
    ['killed at least ', true],
    ['killed AT  LEAST\t', true],
    ['killed at the least ', false],
    ['killed more than ', true],
    ['the ', false],
  ])('reads %j as %s', (s, want) => {
    expect(mayEndQualifier(r, s, s.length, 0)).toBe(want)
    expect(r.qualifierBefore.test(s)).toBe(want)
  })
})
