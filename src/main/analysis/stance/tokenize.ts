/** A word of the text with its offsets and the form lexicons are matched against. */
export interface Token {
  start: number
  end: number
  /** Lower-cased, curly apostrophes straightened, possessive "'s" dropped. */
  norm: string
}

// A token is what /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*/gu matches, scanned by
// hand below (≈3× faster; checked equal on fuzzed text with astral letters and surrogates).
// Dotted acronyms ("U.S.") first so they stay one token; words keep inner apostrophes and
// hyphens ("so-called", "Shi’ite", "al-Assad") because lexicon terms are written that way.

/** Normalises one word the way lexicon terms and text tokens are compared. */
export function normaliseWord(raw: string): string {
  // Possessives name the same actor ("Iran’s", "Lebanon’s Hezbollah").
  return normaliseLowered(raw.toLowerCase())
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u
const UPPER = /^\p{Lu}$/u
// Character classes of BMP code units, filled as they are met: 0 not yet known, 1 no, 2 yes.
// A flat table instead of a Map: this is asked for every character of every document.
const bmpWordChar = new Uint8Array(0x10000)
const bmpUpper = new Uint8Array(0x10000)
const astralWordChar = new Map<number, boolean>()
const astralUpper = new Map<number, boolean>()
for (let c = 0; c < 128; c++) {
  const word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
  bmpWordChar[c] = word ? 2 : 1
  bmpUpper[c] = c >= 65 && c <= 90 ? 2 : 1
}

function classify(
  cp: number,
  bmp: Uint8Array,
  astral: Map<number, boolean>,
  pattern: RegExp,
): boolean {
  if (cp <= 0xffff) {
    const known = bmp[cp]!
    if (known !== 0) return known === 2
    const v = pattern.test(String.fromCodePoint(cp))
    bmp[cp] = v ? 2 : 1
    return v
  }
  let v = astral.get(cp)
  if (v === undefined) {
    v = pattern.test(String.fromCodePoint(cp))
    astral.set(cp, v)
  }
  return v
}

// ASCII letters and digits as they read in a normalised form (lower case); 0 for other ASCII.
const ASCII_WORD_LOWER = new Uint8Array(128)
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) ASCII_WORD_LOWER[c] = c
  else if (c >= 65 && c <= 90) ASCII_WORD_LOWER[c] = c + 32
}

const isWordChar = (cp: number): boolean =>
  cp < 128 ? bmpWordChar[cp] === 2 : classify(cp, bmpWordChar, astralWordChar, LETTER_OR_DIGIT)
const isUpper = (cp: number): boolean =>
  cp < 128 ? cp >= 65 && cp <= 90 : classify(cp, bmpUpper, astralUpper, UPPER)

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff
const isJoiner = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2d || c === 0x2010

/**
 * End of the token that starts at `i` (a letter or digit): the same match as the regex above,
 * scanned by hand because this runs over every word of every document.
 */
function wordEnd(text: string, i: number): number {
  // Dotted acronyms: (?:\p{Lu}\.){2,}
  let j = i
  let pairs = 0
  for (;;) {
    const cp = text.codePointAt(j)
    if (cp === undefined || !isUpper(cp)) break
    const w = cp > 0xffff ? 2 : 1
    if (text.charCodeAt(j + w) !== 0x2e) break
    j += w + 1
    pairs++
  }
  if (pairs >= 2) return j
  // [\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*
  j = i
  for (;;) {
    for (;;) {
      const c = text.charCodeAt(j)
      // ASCII letters and digits, the bulk of every text, without a call.
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
        j++
        continue
      }
      if (c !== c || c < 128) break // NaN: end of text
      const cp = text.codePointAt(j)!
      if (!isWordChar(cp)) break
      j += cp > 0xffff ? 2 : 1
    }
    const after = text.codePointAt(j + 1)
    if (!isJoiner(text.charCodeAt(j)) || after === undefined || !isWordChar(after)) return j
    j += 1
  }
}

/** Start of the first token at or after `i` (a word character), or `to` when there is none. */
function nextWordStart(text: string, i: number, to: number): number {
  while (i < to) {
    const c = text.charCodeAt(i)
    if (c < 128) {
      if (bmpWordChar[c] === 2) return i
      i++
      continue
    }
    const cp = text.codePointAt(i)!
    if (isWordChar(cp)) return i
    i += cp > 0xffff ? 2 : 1
  }
  return i
}

/** Where scanning `text` from `from` begins: like the /u regex, inside a surrogate pair reads the pair. */
function scanStart(text: string, from: number): number {
  return from > 0 &&
    isLowSurrogate(text.charCodeAt(from)) &&
    isHighSurrogate(text.charCodeAt(from - 1))
    ? from - 1
    : from
}

/** Tokens of `text` between `from` and `to`, in order. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = []
  // Lower-casing the stretch once is much cheaper than word by word; it is only valid when no
  // character changes length on the way (e.g. 'İ' becomes two code units).
  const lowered = text.slice(from, to).toLowerCase()
  const sameLength = lowered.length === to - from
  for (let i = nextWordStart(text, scanStart(text, from), to); i < to;) {
    const end = wordEnd(text, i)
    if (end > to) break
    const norm = sameLength
      ? normaliseLowered(lowered.slice(i - from, end - from))
      : normaliseWord(text.slice(i, end))
    out.push({ start: i, end, norm })
    i = nextWordStart(text, end, to)
  }
  return out
}

function normaliseLowered(w: string): string {
  if (w.includes('’') || w.includes('‐')) w = w.replace(/’/g, "'").replace(/‐/g, '-')
  if (w.length > 3 && w.endsWith("'s")) w = w.slice(0, -2)
  return w
}

/** The normalised words of a lexicon term, as the text tokens would read. */
export function termWords(term: string): string[] {
  return tokenize(term).map((t) => t.norm)
}

/** A normalised form compares ’ as ' and ‐ as -. */
const foldCode = (c: number): number => (c === 0x2019 ? 0x27 : c === 0x2010 ? 0x2d : c)

/** A character as it reads in a normalised form, for ASCII letters, joiners and lowered text. */
const lowerFold = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : foldCode(c))

// FNV-1a over UTF-16 code units: cheap to update one character at a time while scanning.
const HASH_SEED = 0x811c9dc5
const mix = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193)

/**
 * The words the lexicons know, numbered from 1. Document tokens carry the number of their
 * normalised form (0 for every other word), so matching compares numbers and never builds a
 * string per word.
 */
export class Vocabulary {
  private readonly words: string[] = ['']
  private readonly ids = new Map<string, number>()
  // Open addressing on the hash of the normalised form, kept at most a quarter full so that an
  // unknown word (most words) usually lands on an empty slot. Slots hold ids (0: empty) and the
  // full hash, so a probe compares characters only on a real hit.
  private slotId = new Int32Array(512)
  private slotHash = new Int32Array(512)

  /** Number of `word`, numbering it if new. */
  intern(word: string): number {
    const known = this.ids.get(word)
    if (known !== undefined) return known
    const id = this.words.length
    this.words.push(word)
    this.ids.set(word, id)
    if (id * 4 > this.slotId.length) this.rehash(this.slotId.length * 4)
    else this.place(id)
    return id
  }

  /** Number of `word`, 0 when the vocabulary does not have it. */
  get(word: string): number {
    return this.ids.get(word) ?? 0
  }

  get size(): number {
    return this.words.length
  }

  /**
   * Number of the normalised form of lowered[from, to) (a lower-cased word of a text, where
   * ASCII capitals may remain), 0 when the vocabulary does not have it: what
   * `get(normaliseLowered(lowered.slice(from, to)))` gives for the word lower-cased.
   */
  lookup(lowered: string, from: number, to: number): number {
    if (
      to - from > 3 &&
      lowerFold(lowered.charCodeAt(to - 1)) === 0x73 &&
      foldCode(lowered.charCodeAt(to - 2)) === 0x27
    )
      to -= 2
    let h = HASH_SEED
    for (let k = from; k < to; k++) h = mix(h, lowerFold(lowered.charCodeAt(k)))
    return this.find(h, lowered, from, to - from)
  }

  /**
   * Number of the word whose hash is `h` and whose characters are those of chars[from,
   * from + length) lower-cased (ASCII) and folded, 0 when there is none.
   */
  find(h: number, chars: string, from: number, length: number): number {
    const mask = this.slotId.length - 1
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = this.slotId[s]!
      if (id === 0) return 0
      if (this.slotHash[s] !== h) continue
      const w = this.words[id]!
      if (w.length !== length) continue
      let k = 0
      for (; k < length; k++) {
        const want = w.charCodeAt(k)
        const c = chars.charCodeAt(from + k)
        // Most characters of a text are already as the vocabulary writes them.
        if (c !== want && lowerFold(c) !== want) break
      }
      if (k === length) return id
    }
  }

  private place(id: number): void {
    const w = this.words[id]!
    let h = HASH_SEED
    for (let k = 0; k < w.length; k++) h = mix(h, w.charCodeAt(k))
    const mask = this.slotId.length - 1
    let s = h & mask
    while (this.slotId[s] !== 0) s = (s + 1) & mask
    this.slotId[s] = id
    this.slotHash[s] = h
  }

  private rehash(size: number): void {
    this.slotId = new Int32Array(size)
    this.slotHash = new Int32Array(size)
    for (let id = 1; id < this.words.length; id++) this.place(id)
  }
}

/**
 * The tokens of a document as parallel arrays (no object or string per word): offsets, and the
 * vocabulary number of each normalised form.
 */
export class TokenTable {
  count = 0
  start: Int32Array
  end: Int32Array
  /** Vocabulary number of the token's normalised form, 0 for words no lexicon knows. */
  word: Int32Array

  constructor(capacity = 64) {
    this.start = new Int32Array(capacity)
    this.end = new Int32Array(capacity)
    this.word = new Int32Array(capacity)
  }

  push(start: number, end: number, word: number): void {
    if (this.count === this.start.length) this.grow()
    this.start[this.count] = start
    this.end[this.count] = end
    this.word[this.count] = word
    this.count++
  }

  private grow(): void {
    const size = this.start.length * 2
    const copy = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size)
      b.set(a)
      return b
    }
    this.start = copy(this.start)
    this.end = copy(this.end)
    this.word = copy(this.word)
  }
}

// BMP code units that lower-case to themselves wherever they stand: 0 not yet known, 1 no, 2 yes.
const bmpLowerStable = new Uint8Array(0x10000)

/**
 * Whether lower-casing changes nothing in text[i, end) but ASCII capitals, character by
 * character and in any context (capital sigma lower-cases by context; astral characters are not
 * looked at).
 */
function isLowerStable(text: string, i: number, end: number): boolean {
  for (let k = i; k < end; k++) {
    const c = text.charCodeAt(k)
    if (c < 128) continue
    let known = bmpLowerStable[c]!
    if (known === 0) {
      const ch = String.fromCharCode(c)
      const stable = c !== 0x3a3 && !(c >= 0xd800 && c <= 0xdfff) && ch.toLowerCase() === ch
      known = bmpLowerStable[c] = stable ? 2 : 1
    }
    if (known === 1) return false
  }
  return true
}

/** Lower-cased text of the range being tokenised, made only if a word needs it. */
interface Lowered {
  text: string | null
  sameLength: boolean
}

/**
 * Number of the token text[i, end) the way `tokenize` reads it: from the lower-cased range when
 * that keeps every character in place, else word by word.
 */
function numberOf(
  vocabulary: Vocabulary,
  text: string,
  from: number,
  to: number,
  lowered: Lowered,
  i: number,
  end: number,
): number {
  // A word whose other letters are already in lower case ("Vučić") reads the same in the
  // lower-cased text, whatever the rest of the text does: only its ASCII capitals change.
  if (i >= from && isLowerStable(text, i, end)) return vocabulary.lookup(text, i, end)
  if (lowered.text === null) {
    lowered.text = text.slice(from, to).toLowerCase()
    // 'İ' becomes two code units: offsets in the lower-cased text no longer match.
    lowered.sameLength = lowered.text.length === to - from
  }
  if (!lowered.sameLength) return vocabulary.get(normaliseWord(text.slice(i, end)))
  if (i >= from) return vocabulary.lookup(lowered.text, i - from, end - from)
  return vocabulary.get(normaliseLowered(lowered.text.slice(i - from, end - from)))
}

/**
 * Appends the tokens of text[from, to) to `table`: the same tokens as `tokenize`, each with the
 * vocabulary number of its normalised form instead of the form itself.
 */
export function tokenizeInto(
  table: TokenTable,
  vocabulary: Vocabulary,
  text: string,
  from = 0,
  to = text.length,
): void {
  const lowered: Lowered = { text: null, sameLength: true }
  let i = nextWordStart(text, scanStart(text, from), to)
  // Every character is read once (`c` is text[i], then text[j]): charCodeAt is the bulk of the
  // cost here, as it dispatches on the string's representation at every call.
  let c = text.charCodeAt(i)
  while (i < to) {
    if (c >= 128 || i < from || (c <= 90 && c >= 65 && text.charCodeAt(i + 1) === 0x2e)) {
      // The rare shapes (a word opening with a non-ASCII letter, a dotted acronym, a token from
      // before `from`): the general path.
      const end = wordEnd(text, i)
      if (end > to) break
      table.push(i, end, numberOf(vocabulary, text, from, to, lowered, i, end))
      i = nextWordStart(text, end, to)
      c = text.charCodeAt(i)
      continue
    }
    // One pass over the word: find its end (as `wordEnd`) while hashing its normalised form,
    // which for ASCII letters, digits and joiners is the text's own characters lower-cased one by
    // one (other letters make it take the general lookup). `beforeJoiner` is the hash up to the
    // last joiner, the form's hash if the word ends in "'s".
    let h = HASH_SEED
    let beforeJoiner = h
    let lastPiece = i
    let simple = true
    let j = i
    for (;;) {
      for (;;) {
        if (c < 128) {
          const lower = ASCII_WORD_LOWER[c]!
          if (lower === 0) break
          h = mix(h, lower)
          c = text.charCodeAt(++j)
          continue
        }
        if (c !== c) break // NaN: end of text
        const cp = text.codePointAt(j)!
        if (!isWordChar(cp)) break
        simple = false
        j += cp > 0xffff ? 2 : 1
        c = text.charCodeAt(j)
      }
      if (!isJoiner(c)) break
      const after = text.codePointAt(j + 1)
      if (after === undefined || !isWordChar(after)) break
      beforeJoiner = h
      h = mix(h, foldCode(c))
      lastPiece = ++j
      c = text.charCodeAt(j)
    }
    if (j > to) break
    if (!simple) {
      table.push(i, j, numberOf(vocabulary, text, from, to, lowered, i, j))
    } else {
      let length = j - i
      if (
        length > 3 &&
        j - lastPiece === 1 &&
        (text.charCodeAt(lastPiece) | 0x20) === 0x73 &&
        foldCode(text.charCodeAt(lastPiece - 1)) === 0x27
      ) {
        h = beforeJoiner
        length -= 2
      }
      table.push(i, j, vocabulary.find(h, text, i, length))
    }
    // The next word's start (as `nextWordStart`): ASCII separators here, the rest there.
    i = j
    while (i < to && c < 128 && ASCII_WORD_LOWER[c] === 0) c = text.charCodeAt(++i)
    if (i < to && c >= 128) {
      i = nextWordStart(text, i, to)
      c = text.charCodeAt(i)
    }
  }
}
