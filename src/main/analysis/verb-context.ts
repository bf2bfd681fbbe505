/**
 * What the words right around a reporting verb say about it: a passive before it, a comma before
 * its subject, "that" or a colon before the report.
 */
import { isJsSpace } from './char-codes'
import { AsciiWords, isWordAt, isWordChar, trimSpacesBefore } from './attribution-text-scan'

/** Whether only spaces, "that", a colon, a comma or "as saying" stand between a verb and its quote. */
export function isQuoteVerbGap(gap: string): boolean {
  return /^(?:\s|that|:|,|as\s+saying)*$/i.test(gap)
}

const BE_FORMS = new AsciiWords(['is', 'are', 'was', 'were', 'been', 'be', 'being'])
export const PASSIVE_BEFORE = /\b(?:is|are|was|were|been|be|being)\s+(?:\w+ly\s+)?$/i

/**
 * Whether the words before a verb end like a passive, /\b(?:is|…|being)\s+(?:\w+ly\s+)?$/i over
 * text[from, to): the word before the spaces is a form of "be" or ends in "ly". Necessary for
 * the regex to match, and false for most verbs without running it.
 */
export function mayBePassiveBefore(text: string, from: number, to: number): boolean {
  const b = trimSpacesBefore(text, from, to)
  if (b === to) return false
  let a = b
  while (a > from && isWordChar(text.charCodeAt(a - 1))) a--
  if (b - a >= 2 && isWordAt(text, b - 2, 'ly')) return true
  return BE_FORMS.has(text, a, b)
}

/** Whether text[from, to) ends in a comma and optional spaces (/,\s*$/). */
export function endsWithComma(text: string, from: number, to: number): boolean {
  const b = trimSpacesBefore(text, from, to)
  return b > from && text.charCodeAt(b - 1) === 44
}

/** The length of /^\s*(?:that\b)?/i at text[at, end): spaces, then "that" if it is a word. */
export function thatPrefixLength(text: string, at: number, end: number): number {
  let i = at
  while (i < end && isJsSpace(text.charCodeAt(i))) i++
  if (
    i + 4 <= end &&
    isWordAt(text, i, 'that') &&
    (i + 4 === end || !isWordChar(text.charCodeAt(i + 4)))
  )
    i += 4
  return i - at
}
