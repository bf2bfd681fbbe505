/**
 * Values by lower-case word, looked up in place: `keyAt(text, start, end)` is the key equal to
 * `text.slice(start, end).toLowerCase()`, if any, but ASCII is folded as it is read instead of
 * cutting and lower-casing a string (a runtime call, and the bulk of the word look-ups here).
 * Text with other characters takes that slow way, which keeps toLowerCase's rules.
 */
export class WordTable<V> {
  private readonly byWord = new Map<string, V>()
  /** Key by hash of its characters; null where two keys share a hash (those go the slow way). */
  private readonly byHash = new Map<number, string | null>()

  constructor(entries: Iterable<readonly [string, V]>) {
    for (const [word, value] of entries) {
      this.byWord.set(word, value)
      const h = wordHash(word, 0, word.length)
      const known = this.byHash.get(h)
      this.byHash.set(h, known === undefined || known === word ? word : null)
    }
  }

  keyAt(text: string, start: number, end: number): string | undefined {
    const h = wordHash(text, start, end)
    const word = h === -1 ? null : this.byHash.get(h)
    if (word === undefined) return undefined
    if (word === null) {
      const lower = text.slice(start, end).toLowerCase()
      return this.byWord.has(lower) ? lower : undefined
    }
    if (word.length !== end - start) return undefined
    for (let i = 0; i < word.length; i++) {
      const c = text.charCodeAt(start + i)
      if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(i)) return undefined
    }
    return word
  }

  getAt(text: string, start: number, end: number): V | undefined {
    const key = this.keyAt(text, start, end)
    return key === undefined ? undefined : this.byWord.get(key)
  }
}

/** Hash of text[start, end) lower-cased, or -1 when it has a non-ASCII character. */
function wordHash(text: string, start: number, end: number): number {
  let h = end - start
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c >= 128) return -1
    h = (Math.imul(h, 31) + (c >= 65 && c <= 90 ? c + 32 : c)) & 0x3fffffff
  }
  return h
}

/**
 * A WordTable of an object's own keys, for the lexicon tables (`lexicons()` gives them no
 * prototype, so "constructor" in the text is no key).
 */
export function keyTable<V>(obj: Record<string, V>): WordTable<V> {
  return new WordTable(Object.entries(obj))
}

/**
 * `s.toLowerCase().replace(/\s+/g, ' ')`, the key of a phrase matched in the text, without new
 * strings when `s` is one already (most are: "killed", "at least").
 */
export function phraseKey(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (
      c >= 128 ||
      (c >= 65 && c <= 90) ||
      (c >= 9 && c <= 13) ||
      (c === 32 && i > 0 && s.charCodeAt(i - 1) === 32)
    )
      return s.toLowerCase().replace(/\s+/g, ' ')
  }
  return s
}

/** A WordTable for a set of words. */
export function wordSet(words: Iterable<string>): WordTable<true> {
  return new WordTable([...words].map((w) => [w, true] as const))
}
