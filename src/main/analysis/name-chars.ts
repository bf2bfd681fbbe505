// ASCII classes of the characters the name and gazetteer regexes test, one bit each: the scans
// (name-runs.ts, gazetteer-scan.ts, name-typing.ts) test char codes against this table and ask
// a regex only about other characters.
export const UPPER = 1 // \p{Lu}
export const NAME_CHAR = 2 // [\p{L}\p{M}’']
export const NOT_BEFORE_NAME = 4 // [\p{L}\p{N}’'-]
export const WORD_CHAR = 8 // [\p{L}\p{N}]
export const LEAD_CHAR = 16 // [\p{L}\p{M}’'-]
export const ASCII_CLASS = new Uint8Array(128)
for (let c = 0; c < 128; c++) {
  const upper = c >= 65 && c <= 90
  const letter = upper || (c >= 97 && c <= 122)
  const digit = c >= 48 && c <= 57
  ASCII_CLASS[c] =
    (upper ? UPPER : 0) |
    (letter || c === 39 ? NAME_CHAR : 0) |
    (letter || digit || c === 39 || c === 45 ? NOT_BEFORE_NAME : 0) |
    (letter || digit ? WORD_CHAR : 0) |
    (letter || c === 39 || c === 45 ? LEAD_CHAR : 0)
}
// The same classes for other characters, sticky: tested in place, no substring.
const NON_ASCII_CLASS: Record<number, RegExp> = {
  [UPPER]: /\p{Lu}/uy,
  [NAME_CHAR]: /[\p{L}\p{M}’']/uy,
  [NOT_BEFORE_NAME]: /[\p{L}\p{N}’'-]/uy,
  [WORD_CHAR]: /[\p{L}\p{N}]/uy,
  [LEAD_CHAR]: /[\p{L}\p{M}’'-]/uy,
}

/**
 * The length of the character (code point) at `i` when it is in class `cls`, else 0. `i` must
 * not be the second half of a surrogate pair.
 */
export function classAt(text: string, i: number, cls: number): number {
  const c = text.charCodeAt(i)
  if (c < 128) return (ASCII_CLASS[c]! & cls) !== 0 ? 1 : 0
  if (Number.isNaN(c)) return 0 // past the end
  const rx = NON_ASCII_CLASS[cls]!
  rx.lastIndex = i
  return rx.test(text) ? rx.lastIndex - i : 0
}

/** Whether the character (code point) that ends at `i` is in class `cls`, as a lookbehind sees it. */
export function classBefore(text: string, i: number, cls: number): boolean {
  if (i <= 0) return false
  let at = i - 1
  const c = text.charCodeAt(at)
  if (c < 128) return (ASCII_CLASS[c]! & cls) !== 0
  if (c >= 0xdc00 && c <= 0xdfff && at > 0) {
    const hi = text.charCodeAt(at - 1)
    if (hi >= 0xd800 && hi <= 0xdbff) at--
  }
  return classAt(text, at, cls) > 0
}
