/**
 * The speaker before a reporting verb: the noun phrase that is the verb's subject, found by
 * cutting auxiliaries, dates, clause words, openers and asides off the words before it.
 */
import type { Span } from '../../shared/analysis'
import { isJsSpace } from './char-codes'
import {
  AsciiWords,
  codePointAt,
  countWords,
  isAllSpace,
  isAsciiLetter,
  isSurrogatePair,
  isWordAt,
  isWordChar,
  trimSpacesBefore,
  trimSpan,
} from './attribution-text-scan'

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec'
const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday'

// Words that may sit between a speaker and the verb ("has also said", "on May 7 quoted").
const TRAILING_WORDS =
  'has|have|had|was|were|is|are|will|would|also|later|then|reportedly|previously|again|repeatedly|did|does|do|further|recently|officially|publicly|regularly|once|not|never|subsequently|earlier|today|yesterday|clearly|openly|finally'
const STATEMENT_KINDS = 'statement|press\\s+release|tweet|post|interview|speech|report'
const TRAILING = new RegExp(
  `(?:\\s+(?:${TRAILING_WORDS})|\\s+on\\s+(?:${MONTHS})\\.?\\s+\\d{1,2}(?:,?\\s+\\d{4})?|\\s+on\\s+(?:${WEEKDAYS})|\\s+in\\s+an?\\s+(?:${STATEMENT_KINDS}))\\s*$`,
  'i',
)
// Every TRAILING match ends in a digit or in one of these words (lower case): a segment ending
// otherwise is not tried at all. TRAILING has no 'u' flag, so only ASCII letters fold.
const TRAILING_LAST_WORDS = new AsciiWords(
  [
    ...TRAILING_WORDS.split('|'),
    ...WEEKDAYS.split('|'),
    ...STATEMENT_KINDS.split('|').map((k) => k.split('\\s+').pop() ?? k),
  ].map((w) => w.toLowerCase()),
)
// Clause words that end the subject's search: /\s(?:that|but|…)\s/i, read backwards (see
// lastBoundary).
const BOUNDARY_WORDS = new AsciiWords(
  'that|but|which|who|because|when|while|as|and|where|after|before|if|so|than'.split('|'),
)

const POSSESSIVES_AFTER_AND = ['its', 'their', 'his', 'her']
const OPENER_PHRASES = [
  'for\\s+the\\s+first\\s+time',
  'for\\s+the\\s+second\\s+time',
  `on\\s+(?:${MONTHS})\\.?\\s+\\d{1,2}`,
  `on\\s+(?:${WEEKDAYS})`,
  'in\\s+\\d{4}',
  'meanwhile',
  'however',
  'earlier',
  'later',
  'now',
  'today',
  'yesterday',
  'separately',
  'in\\s+response',
  'in\\s+turn',
]
const OPENERS = new RegExp(`^(?:${OPENER_PHRASES.join('|')})\\s+`, 'i')
// Every opener begins with one of these ASCII letters (lower case): a subject beginning with
// another character is not cut and tried.
const OPENER_FIRST_LETTERS = new Set(OPENER_PHRASES.map((p) => p.charCodeAt(0)))
const FINITE = /\b(?:is|are|was|were|has|have|had|been|be|do|does|did)\b/i

// One code point of the subject's word pattern /[\p{L}][\p{L}’'-]*/u, tried in place (sticky).
const LETTER_AT = /\p{L}/uy
const WORD_TAIL_AT = /[\p{L}’'-]/uy

/**
 * Whether TRAILING may match at the end of text[from, end): the segment ends in a digit or in
 * one of the words a TRAILING phrase ends with. Most subjects end in a noun: no regex run.
 */
function mayEndInTrailing(text: string, from: number, end: number): boolean {
  // \s*$ takes any spaces at the end.
  end = trimSpacesBefore(text, from, end)
  if (end <= from) return false
  const last = text.charCodeAt(end - 1)
  if (last >= 48 && last <= 57) return true
  let a = end
  while (a > from && isAsciiLetter(text.charCodeAt(a - 1))) a--
  return a < end && TRAILING_LAST_WORDS.has(text, a, end)
}

/**
 * Where the subject may begin after, relative to `from`: the last comma, semicolon, colon,
 * quotation mark, parenthesis or dash in text[from, end), or the space after the last clause
 * word (BOUNDARY_WORDS between whitespace, with the end counting as a space), whichever is
 * later; -1 for none. Reads backwards from the end and stops at the first answer.
 */
export function lastBoundary(text: string, from: number, end: number): number {
  let cut = -1
  for (let i = end - 1; i >= from; i--) {
    const c = text.charCodeAt(i)
    if (
      c === 44 || // ,
      c === 59 || // ;
      c === 58 || // :
      c === 0x201c || // “
      c === 0x201d || // ”
      c === 34 || // "
      c === 40 || // (
      c === 0x2014 // —
    ) {
      cut = i - from
      break
    }
  }
  // Clause words from the last one back, while the space after one is later than `cut`.
  let b = end
  while (b - from > cut) {
    // text[a, b) is the whitespace-free stretch before the space (or end) at b.
    let a = b
    while (a > from && !isJsSpace(text.charCodeAt(a - 1))) a--
    if (a > from && a < b && BOUNDARY_WORDS.has(text, a, b)) {
      const isAnd = b - a === 3 && isWordAt(text, a, 'and')
      // "Jaish al-Fatah and its affiliates": an "and" before a possessive joins one subject.
      // "The military denied … and said": the subject of the first verb is the speaker.
      if (!(isAnd && (isPossessiveAt(text, b + 1, end) || isAllSpace(text, b + 1, end))))
        return b - from
    }
    // On to the stretch before: back over the spaces before this one.
    b = a - 1
    while (b > from && isJsSpace(text.charCodeAt(b - 1))) b--
    if (b <= from) break
  }
  return cut
}

/**
 * Whether the text after an "and" (from `at`, the subject segment ending at `end` and read with
 * a space after it) begins with /(?:its|their|his|her)\b/i.
 */
function isPossessiveAt(text: string, at: number, end: number): boolean {
  if (at > end) return false
  for (const w of POSSESSIVES_AFTER_AND) {
    const e = at + w.length
    if (e <= end && isWordAt(text, at, w) && (e === end || !isWordChar(text.charCodeAt(e))))
      return true
  }
  return false
}

/**
 * Where the phrase text[s, e) stops being a noun phrase: at the first word after its first that
 * `isFiniteVerbAt` calls a finite verb, else `e`. Words are read as the pattern
 * [\p{L}][\p{L}’'-]* (with the 'u' flag) reads them in text[s, e), a code point at a time,
 * with no string cut.
 */
export function clauseEnd(
  text: string,
  s: number,
  e: number,
  isFiniteVerbAt: (offset: number) => boolean,
): number {
  let i = s
  while (i < e) {
    const c = text.charCodeAt(i)
    const letter = c < 128 ? (isAsciiLetter(c) ? 1 : 0) : codePointAt(LETTER_AT, text, i, e)
    if (letter === 0) {
      // Not a word start: on to the next code point.
      i += isSurrogatePair(text, i, e) ? 2 : 1
      continue
    }
    if (i > s && isFiniteVerbAt(i)) return i
    i += letter
    while (i < e) {
      const t = text.charCodeAt(i)
      const more =
        t < 128
          ? isAsciiLetter(t) || t === 39 || t === 45
            ? 1
            : 0
          : codePointAt(WORD_TAIL_AT, text, i, e)
      if (more === 0) break
      i += more
    }
  }
  return e
}

/**
 * The noun phrase before a reporting verb: its subject ("the Iranian government has
 * confirmed"). Skips auxiliaries and date phrases between them and, for an appositive
 * ("…, Gen. Hossein Salami, admitted"), takes the name between the commas.
 */
export function subjectBefore(
  text: string,
  from: number,
  verbStart: number,
  isFiniteVerbAt: (offset: number) => boolean = () => false,
): Span | null {
  // The segment searched is text[from, segEnd): only ever cut at its end.
  let segEnd = trimSpacesBefore(text, from, verbStart)
  for (let guard = 0; guard < 8; guard++) {
    if (!mayEndInTrailing(text, from, segEnd)) break
    const m = TRAILING.exec(text.slice(from, segEnd))
    if (!m) break
    segEnd = from + m.index
  }
  segEnd = trimSpacesBefore(text, from, segEnd)
  let isAppositive = false
  if (segEnd > from && text.charCodeAt(segEnd - 1) === 44) {
    segEnd--
    isAppositive = true
  }
  let cut = lastBoundary(text, from, segEnd)
  // "An independent count by X, based on drone footage, estimated": the lower-case aside is
  // not the subject; the phrase before it is.
  if (isAppositive && cut >= 0) {
    const seg = text.slice(from, segEnd)
    const cand = seg.slice(cut + 1).trim()
    // "Gen. Hossein Salami, the deputy commander, admitted": the name, not the description.
    const beforeEnd = from + Math.max(0, seg.lastIndexOf(','))
    const prevPart = text.slice(from + lastBoundary(text, from, beforeEnd) + 1, beforeEnd).trim()
    const looksLikeName = (x: string): boolean => /\p{Lu}[\p{L}.]*\s+\p{Lu}\p{L}+/u.test(x)
    if (
      /^(?:the|a|an)\s/.test(cand) &&
      !looksLikeName(cand) &&
      looksLikeName(prevPart) &&
      prevPart.split(/\s+/).length <= 6
    ) {
      segEnd = trimSpacesBefore(text, from, beforeEnd)
      cut = lastBoundary(text, from, segEnd)
    }
    if (/^[a-z]/.test(cand) && !/^(?:the|a|an)\s/.test(cand)) {
      const lastComma = text.slice(from, segEnd).lastIndexOf(',')
      segEnd = trimSpacesBefore(text, from, from + Math.max(0, lastComma))
      cut = lastBoundary(text, from, segEnd)
    }
  }
  let [s, e] = trimSpan(text, from + cut + 1, segEnd)
  // Sentence openers that are not part of the subject ("For the first time a … official confirms").
  if (s < e && OPENER_FIRST_LETTERS.has(text.charCodeAt(s) | 32)) {
    const opener = OPENERS.exec(text.slice(s, e))
    if (opener && opener[0].length < e - s) s += opener[0].length
  }
  // A finite verb inside means the phrase is a clause: keep what comes before the verb.
  e = clauseEnd(text, s, e, isFiniteVerbAt)
  ;[s, e] = trimSpan(text, s, e)
  // A trailing " and" (/\s+and$/i) is dropped with the spaces before it.
  if (e - s >= 4 && isWordAt(text, e - 3, 'and') && isJsSpace(text.charCodeAt(e - 4)))
    e = trimSpacesBefore(text, s, e - 3)
  const count = countWords(text, s, e, 15)
  if (count === 0 || count > 14) return null
  const np = text.slice(s, e)
  if (FINITE.test(np)) return null
  if (!/[\p{L}]/u.test(np)) return null
  // (None of these words is longer than four letters: most phrases skip the regex.)
  if (np.length <= 4 && /^(?:the|a|an|this|that|it|and)$/i.test(np)) return null
  // A quoted stretch is never the speaker.
  if (/[“”"]/.test(np)) return null
  return { start: s, end: e, text: np }
}
