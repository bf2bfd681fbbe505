/**
 * Whole-word lookups without regexes: a scan over runs of letters and a Set, for the word lists
 * (reporting verbs, ratio words) that used to be long case-insensitive alternations tried at
 * every position of every sentence.
 */

const LETTER = /\p{L}/u

/**
 * Whether text[i] is a letter (or a hyphen, when `hyphens`). ASCII is decided without a regex.
 * A letter outside the BMP ("𝐀") is two code units: each half counts as a letter, as a `u`-flag
 * regex reads the pair as one letter; a lone half is none.
 */
export function isLetterAt(text: string, i: number, hyphens: boolean): boolean {
  const c = text.charCodeAt(i)
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (hyphens && c === 45)
  if (c >= 0xd800 && c <= 0xdfff) return LETTER.test(surrogatePairAt(text, i, c))
  return LETTER.test(text[i]!)
}

/** The surrogate pair text[i] is half of, or the lone half itself. */
function surrogatePairAt(text: string, i: number, c: number): string {
  if (c <= 0xdbff) {
    const low = text.charCodeAt(i + 1)
    return low >= 0xdc00 && low <= 0xdfff ? text.slice(i, i + 2) : text[i]!
  }
  const high = text.charCodeAt(i - 1)
  return high >= 0xd800 && high <= 0xdbff ? text.slice(i - 1, i + 1) : text[i]!
}

const MAX_SHAPE_LENGTH = 32

/** Index of a word's shape (length, first and last ASCII letter) in the bitmap, or -1. */
function shapeIndex(length: number, first: number, last: number): number {
  const f = (first | 32) - 97
  const l = (last | 32) - 97
  if (length >= MAX_SHAPE_LENGTH || f < 0 || f > 25 || l < 0 || l > 25) return -1
  return (length * 26 + f) * 26 + l
}

/**
 * A set of lower-case words, with a pre-check on length and first and last letter (a bitmap
 * lookup) that turns most words away before a string is cut and lower-cased.
 */
export class WordSet {
  private readonly words: Set<string>
  private readonly shapes = new Uint8Array(MAX_SHAPE_LENGTH * 26 * 26)
  /** Words the bitmap cannot describe (non-ASCII ends, very long): always compared in full. */
  private readonly anyShape: boolean

  constructor(words: Iterable<string>) {
    this.words = new Set([...words].map((w) => w.toLowerCase()))
    let anyShape = false
    for (const w of this.words) {
      const i = shapeIndex(w.length, w.charCodeAt(0), w.charCodeAt(w.length - 1))
      if (i < 0) anyShape = true
      else this.shapes[i] = 1
    }
    this.anyShape = anyShape
  }

  /** Whether text[start, end), lower-cased, is one of the words. */
  hasAt(text: string, start: number, end: number): boolean {
    const i = shapeIndex(end - start, text.charCodeAt(start), text.charCodeAt(end - 1))
    // A shape outside the bitmap (non-ASCII letters fold unpredictably) is compared in full.
    if (i >= 0 ? this.shapes[i] === 0 && !this.anyShape : false) return false
    return this.words.has(text.slice(start, end).toLowerCase())
  }
}

/**
 * Calls `found(start, end)` for each maximal run of letters (and hyphens, when `hyphens`) in
 * [from, to) that is one of `words`, in order. A run is cut at `to`, as a regex over the slice
 * text[from, to) would see it.
 */
export function forEachWord(
  text: string,
  from: number,
  to: number,
  hyphens: boolean,
  words: WordSet,
  found: (start: number, end: number) => void,
): void {
  let p = from
  while (p < to) {
    if (!isLetterAt(text, p, hyphens)) {
      p++
      continue
    }
    const a = p
    while (p < to && isLetterAt(text, p, hyphens)) p++
    if (words.hasAt(text, a, p)) found(a, p)
  }
}
