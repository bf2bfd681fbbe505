/**
 * Character and word scans the attribution rules share: each reads the text in place with
 * `charCodeAt` (no string cut) and says which regex or String method it stands for.
 */
import type { Span } from '../../shared/analysis'
import { isJsSpace } from './char-codes'

// The run of letters and marks at an offset, tried in place (sticky): see wordEndAt.
const WORD_AT = /[\p{L}\p{M}]+/uy

/**
 * Lower-case ASCII words compared in place with the text in any case, as a case-insensitive
 * regex without the 'u' flag compares them: no string is cut or lower-cased.
 */
export class AsciiWords {
  private readonly byLength: string[][] = []

  constructor(words: Iterable<string>) {
    for (const w of words) (this.byLength[w.length] ??= []).push(w.toLowerCase())
  }

  /** Whether text[a, b) is one of the words. */
  has(text: string, a: number, b: number): boolean {
    const list = this.byLength[b - a]
    if (list) for (const w of list) if (isWordAt(text, a, w)) return true
    return false
  }
}

export function isAsciiLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122
}

/** Whether `c` is a regex word character (\w without the 'u' flag). */
export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95
}

/**
 * Whether text[start, start + word.length) is `word` (lower-case ASCII letters) in any case, as
 * a case-insensitive regex without the 'u' flag reads it: no string is cut.
 */
export function isWordAt(text: string, start: number, word: string): boolean {
  if (start < 0 || start + word.length > text.length) return false
  for (let i = 0; i < word.length; i++)
    if ((text.charCodeAt(start + i) | 32) !== word.charCodeAt(i)) return false
  return true
}

/**
 * Whether text[from, to) matches /\b(?:word)\s+$/i for one of `words`: a word, then spaces up to
 * `to`. Read backwards from `to`, without cutting the text.
 */
export function endsWithWordAndSpaces(
  text: string,
  from: number,
  to: number,
  words: readonly string[],
): boolean {
  let j = to
  while (j > from && isJsSpace(text.charCodeAt(j - 1))) j--
  if (j === to) return false
  for (const w of words) {
    const a = j - w.length
    if (a >= from && isWordAt(text, a, w) && (a === from || !isWordChar(text.charCodeAt(a - 1))))
      return true
  }
  return false
}

export function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) }
}

/** Whether a span may begin after `c`: whitespace and stray punctuation are trimmed off. */
function isTrimmedAtStart(c: number): boolean {
  return (
    isJsSpace(c) || c === 44 || c === 59 || c === 58 || c === 0x2014 || c === 0x2013 || c === 45
  )
}

/** Whether a span may end before `c` (as at the start, but a full stop instead of a hyphen). */
function isTrimmedAtEnd(c: number): boolean {
  return (
    isJsSpace(c) || c === 44 || c === 59 || c === 58 || c === 0x2014 || c === 0x2013 || c === 46
  )
}

/** Trims whitespace and stray punctuation off both ends of [start, end). */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && isTrimmedAtStart(text.charCodeAt(start))) start++
  while (end > start && isTrimmedAtEnd(text.charCodeAt(end - 1))) end--
  return [start, end]
}

/** `end` moved back over whitespace, not before `from` (String.prototype.trimEnd in place). */
export function trimSpacesBefore(text: string, from: number, end: number): number {
  while (end > from && isJsSpace(text.charCodeAt(end - 1))) end--
  return end
}

export function isAllSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isJsSpace(text.charCodeAt(i))) return false
  return true
}

export function isSurrogatePair(text: string, i: number, e: number): boolean {
  const c = text.charCodeAt(i)
  if (c < 0xd800 || c > 0xdbff || i + 1 >= e) return false
  const d = text.charCodeAt(i + 1)
  return d >= 0xdc00 && d <= 0xdfff
}

/**
 * The length (1 or 2) of the code point at `i` when the sticky one-code-point pattern `rx`
 * matches it inside text[…, e), else 0.
 */
export function codePointAt(rx: RegExp, text: string, i: number, e: number): number {
  // A low surrogate here is a lone one (pairs are stepped over whole), which matches nothing;
  // a sticky 'u' regex would step back to its pair's first half and match that.
  const c = text.charCodeAt(i)
  if (c >= 0xdc00 && c <= 0xdfff) return 0
  rx.lastIndex = i
  if (!rx.test(text)) return 0
  // A pair cut by `e` is a lone surrogate in the phrase: no letter.
  return rx.lastIndex <= e ? rx.lastIndex - i : 0
}

/** The end of the run of letters and marks (/[\p{L}\p{M}]+/u) at `offset`. */
export function wordEndAt(text: string, offset: number): number {
  let i = offset
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (isAsciiLetter(c)) {
      i++
      continue
    }
    if (c >= 128) {
      WORD_AT.lastIndex = i
      if (WORD_AT.test(text)) i = WORD_AT.lastIndex
    }
    break
  }
  return i
}

/** How many whitespace-separated words text[s, e) has, counting no further than `limit`. */
export function countWords(text: string, s: number, e: number, limit: number): number {
  let n = 0
  let inWord = false
  for (let i = s; i < e; i++) {
    const space = isJsSpace(text.charCodeAt(i))
    if (!space && !inWord && ++n >= limit) return n
    inWord = !space
  }
  return n
}
