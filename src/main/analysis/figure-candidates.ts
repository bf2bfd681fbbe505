import { lexicons } from './lexicons'
import { parseDigits, parseNumberWords } from './numbers'
import type { FigureRegexes } from './figure-patterns'
import { isAsciiLetter, isSpaceAt, isWordCharAt } from './words-around'
import { phraseKey } from './word-table'

/** A number read from a candidate match: its value, where it ends, and how it was written. */
export interface Parsed {
  value: number
  end: number
  kind: 'digits' | 'words' | 'phrase'
  scaled: boolean
  /** A unit glued to the digits ("5km"). */
  gluedUnit: string | null
  isPercent: boolean
}

/** Parses the candidate match `m` found at sentence offset `m.index`. Null when it is no number. */
export function parseCandidate(m: RegExpExecArray, s: string): Parsed | null {
  const lex = lexicons()
  const start = m.index
  if (m[1] !== undefined) {
    const key = phraseKey(m[1])
    // Vague amounts have no point value; the caller reads their interval from the lexicon.
    const v = lex.phrases[key] ?? lex.fractions[key] ?? (lex.vague[key] ? 0 : undefined)
    if (v === undefined) return null
    return {
      value: v,
      end: start + m[1].length,
      kind: 'phrase',
      scaled: false,
      gluedUnit: null,
      isPercent: false,
    }
  }
  if (m[2] !== undefined) {
    let value = parseDigits(m[2])
    let scaled = false
    let gluedUnit: string | null = null
    let isPercent = false
    const suffix = m[3]
    if (suffix !== undefined) {
      const scale = lex.scaleSuffixes[suffix] ?? lex.scaleSuffixes[suffix.toLowerCase()]
      if (scale !== undefined && /^(?:k|K|m|M|mn|bn|b|tn|mln)$/.test(suffix)) {
        value *= scale
        scaled = true
      } else if (lex.distanceUnits[suffix.toLowerCase()] !== undefined && suffix.length > 1) {
        gluedUnit = lex.distanceUnits[suffix.toLowerCase()]!
      } else if (suffix.toLowerCase() === 'pc') {
        isPercent = true
      } else return null
    }
    void s
    return { value, end: start + m[0].length, kind: 'digits', scaled, gluedUnit, isPercent }
  }
  if (m[4] !== undefined) {
    const p = parseNumberWords(m[4])
    if (!p) return null
    return {
      value: p.value,
      end: start + p.length,
      kind: 'words',
      scaled: false,
      gluedUnit: null,
      isPercent: false,
    }
  }
  return null
}

/**
 * `r.candidate.exec(s)`, same match and same `lastIndex`, but the sticky regex is tried only
 * where the start regex (no Unicode mode, no lookbehind over \p classes) finds that a candidate
 * can start: the global regex tried its lookaheads and lookbehind at every position, a third of
 * the figures phase. `folds` says the sentence has a character the start regex cannot see.
 */
export function nextCandidate(s: string, r: FigureRegexes, folds: boolean): RegExpExecArray | null {
  const start = r.candidateStart
  if (start === null || folds) return r.candidate.exec(s)
  start.lastIndex = r.candidate.lastIndex
  for (let h = start.exec(s); h; h = start.exec(s)) {
    r.candidateSticky.lastIndex = h.index
    const m = r.candidateSticky.exec(s)
    if (m) {
      r.candidate.lastIndex = h.index + m[0].length
      return m
    }
    start.lastIndex = h.index + 1
  }
  r.candidate.lastIndex = 0
  return null
}

/**
 * Whether `r.qualifierBefore` can match s[windowStart, at): the word before `at` (as wordAt reads
 * it) must end a qualifier phrase, and when all such phrases have several words, the run of
 * letters before it (after white space) must be the word before in one of them ("at" before
 * "least"), as the regex reads it: cut at the window's start. Non-ASCII letters there, which
 * case-fold in ways lower-casing does not, leave the decision to the regex.
 */
export function mayEndQualifier(
  r: FigureRegexes,
  s: string,
  at: number,
  windowStart: number,
): boolean {
  let b = at
  while (b > 0 && isSpaceAt(s, b - 1)) b--
  let a = b
  while (a > 0 && b - a < 40 && isWordCharAt(s, a - 1)) a--
  const before = r.qualifierEnds.getAt(s, a, b)
  if (before === undefined) return false
  // A word cut by the window's start: rare, and the regex reads the cut word.
  if (before === null || a < windowStart) return true
  let e = a
  while (e > windowStart && isSpaceAt(s, e - 1)) e--
  if (e === a) return false
  let d = e
  while (d > windowStart && isAsciiLetter(s.charCodeAt(d - 1))) d--
  if (d > windowStart && s.charCodeAt(d - 1) >= 128) return true
  return before.keyAt(s, d, e) !== undefined
}
