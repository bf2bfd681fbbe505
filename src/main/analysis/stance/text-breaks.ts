import { isJsSpace } from '../char-codes'

// What /[.!?\n]/, /[,;:—–()]/ and /[.!?:\n]\s*$/ would say of text[from, to), read in place
// instead of on a slice.

/** Whether text[from, to) holds a sentence end: . ! ? or a line break. */
export function hasSentenceEnd(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k)
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a) return true
  }
  return false
}

/** Whether text[from, to) holds a clause break: , ; : — – ( or ). */
export function hasClauseBreak(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k)
    if (
      c === 0x2c ||
      c === 0x3b ||
      c === 0x3a ||
      c === 0x2014 ||
      c === 0x2013 ||
      c === 0x28 ||
      c === 0x29
    )
      return true
  }
  return false
}

/** Whether text[from, to) ends in . ! ? : or a line break, then only white space. */
export function isAfterBreak(text: string, from: number, to: number): boolean {
  for (let k = to - 1; k >= from; k--) {
    const c = text.charCodeAt(k)
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3a || c === 0x0a) return true
    if (!isJsSpace(c)) return false
  }
  return false
}
