import { isJsSpace } from './char-codes'
import { isLetterAt } from './word-scan'

const WORD_CHAR = /[\p{L}\p{N}'’.-]/u

/**
 * The word right after (dir 1) or before (dir -1) `from`, skipping white space (any `\s`: a
 * no-break space in "at least 40" is common in pasted text). Scans by hand: hot path.
 */
export function wordAt(s: string, from: number, dir: 1 | -1): string {
  if (dir === 1) {
    let a = from
    while (a < s.length && isSpaceAt(s, a)) a++
    let b = a
    while (b < s.length && b - a < 60 && isWordCharAt(s, b)) b++
    return s.slice(a, b)
  }
  let b = from
  while (b > 0 && isSpaceAt(s, b - 1)) b--
  let a = b
  while (a > 0 && b - a < 40 && isWordCharAt(s, a - 1)) a--
  return s.slice(a, b)
}

/** WORD_CHAR.test(s[i]), decided without the regex (and a one-character string) for ASCII. */
export function isWordCharAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i)
  if (c < 128) return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 39 || c === 46 || c === 45
  return WORD_CHAR.test(s[i]!)
}

/** /\s/.test(s[i]), decided without the regex (see isJsSpace). */
export function isSpaceAt(s: string, i: number): boolean {
  return isJsSpace(s.charCodeAt(i))
}

/**
 * The word that `lead` ends with, before trailing space and an optional "of " ("magnitude ",
 * "a magnitude of "): what /([\p{L}]+)\s+(?:of\s+)?$/u captures, scanned from the end.
 */
export function wordBeforeEnd(lead: string): string | null {
  const b = spaceRunBefore(lead, lead.length)
  if (b === lead.length) return null
  const a = letterRunBefore(lead, b)
  if (a === b) return null
  if (lead.slice(a, b) === 'of') {
    const b2 = spaceRunBefore(lead, a)
    if (b2 < a) {
      const a2 = letterRunBefore(lead, b2)
      if (a2 < b2) return lead.slice(a2, b2)
    }
  }
  return lead.slice(a, b)
}

function letterRunBefore(lead: string, end: number): number {
  let a = end
  while (a > 0 && isLetterAt(lead, a - 1, false)) a--
  return a
}

function spaceRunBefore(lead: string, end: number): number {
  let a = end
  while (a > 0 && isSpaceAt(lead, a - 1)) a--
  return a
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/**
 * Whether s[.., at) ends with `word` (lower-case ASCII letters) in any case, then white space:
 * what /word\s+$/i needs there.
 */
export function endsWithWordAndSpace(s: string, at: number, word: string): boolean {
  let e = at
  while (e > 0 && isSpaceAt(s, e - 1)) e--
  if (e === at || e < word.length) return false
  for (let k = 0; k < word.length; k++) {
    const c = s.charCodeAt(e - word.length + k)
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(k)) return false
  }
  return true
}
