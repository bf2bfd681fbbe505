import type { Attribution, SourceSpan, Span, VerbStrength } from '../../shared/analysis'
import { alternation, firstCharClass, lexicons } from './lexicons'
import { posAt, type SentenceSpan, type TokenTable } from './nlp'
import { isLetterAt, WordSet } from './word-scan'
import { isJsSpace } from './char-codes'

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec'
const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday'

/**
 * Lower-case ASCII words compared in place with the text in any case, as a case-insensitive
 * regex without the 'u' flag compares them: no string is cut or lower-cased.
 */
class AsciiWords {
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
// Verbs between a claim noun and "by" ("the claims made by").
const CLAIM_VERBS = ['made', 'issued', 'published', 'released']
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
const WORD_AT = /[\p{L}\p{M}]+/uy
// One code point of the subject's word pattern /[\p{L}][\p{L}’'-]*/u, tried in place (sticky).
const LETTER_AT = /\p{L}/uy
const WORD_TAIL_AT = /[\p{L}’'-]/uy
const PRONOUNS = /^(?:he|she|they|it|we|i)$/i
const SINGULAR_PRONOUN = /^(?:he|she)$/i

function isAsciiLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122
}

/** Whether `c` is a regex word character (\w without the 'u' flag). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95
}

/**
 * Whether text[start, start + word.length) is `word` (lower-case ASCII letters) in any case, as
 * a case-insensitive regex without the 'u' flag reads it: no string is cut.
 */
function isWordAt(text: string, start: number, word: string): boolean {
  if (start < 0 || start + word.length > text.length) return false
  for (let i = 0; i < word.length; i++)
    if ((text.charCodeAt(start + i) | 32) !== word.charCodeAt(i)) return false
  return true
}

/**
 * Whether text[from, to) matches /\b(?:word)\s+$/i for one of `words`: a word, then spaces up to
 * `to`. Read backwards from `to`, without cutting the text.
 */
function endsWithWordAndSpaces(
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

interface VerbInfo {
  lemma: string
  strength: VerbStrength
}

// Trie children per node: a–z, then '-'.
const TRIE_WIDTH = 27

interface Regexes {
  forms: Map<string, VerbInfo>
  formSet: WordSet
  /**
   * The forms as a trie over lower-case ASCII letters and '-' (child node per letter, 0 for
   * none): a letter run is looked up while it is read, with no string cut or lower-cased.
   */
  formTrie: Int32Array
  /** The form's info at each trie node where a form ends. */
  formAtNode: (VerbInfo | undefined)[]
  /** 1 at each trie node where a (lower-cased) form ends: formSet's answer for ASCII runs. */
  formEnds: Uint8Array
  according: RegExp
  claimNoun: RegExp
  /**
   * The claim nouns' last words, lower-case, for `mayHoldClaimBy`; null when one is not plain
   * ASCII letters (then every sentence with the cue is left to the regex).
   */
  claimLastWords: Set<string> | null
}

let cachedRx: Regexes | null = null

function buildFormTrie(forms: Map<string, VerbInfo>): {
  formTrie: Int32Array
  formAtNode: (VerbInfo | undefined)[]
  formEnds: Uint8Array
} {
  const children: number[] = new Array<number>(TRIE_WIDTH).fill(0)
  const formAtNode: (VerbInfo | undefined)[] = [undefined]
  const ends: number[] = []
  for (const f of forms.keys()) {
    const lower = f.toLowerCase()
    // Only words of ASCII letters and hyphens: a run with other letters is looked up in full.
    if (!/^[a-z-]+$/.test(lower)) continue
    let node = 0
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i)
      const slot = node * TRIE_WIDTH + (c === 45 ? 26 : c - 97)
      let next = children[slot]!
      if (next === 0) {
        next = formAtNode.length
        formAtNode.push(undefined)
        for (let k = 0; k < TRIE_WIDTH; k++) children.push(0)
        children[slot] = next
      }
      node = next
    }
    // As the Map lookup of the lower-cased word would answer.
    formAtNode[node] = forms.get(lower)
    ends.push(node)
  }
  const formEnds = new Uint8Array(formAtNode.length)
  for (const node of ends) formEnds[node] = 1
  return { formTrie: Int32Array.from(children), formAtNode, formEnds }
}

function rx(): Regexes {
  if (cachedRx) return cachedRx
  const lex = lexicons()
  const forms = new Map<string, VerbInfo>()
  for (const [lemma, v] of Object.entries(lex.verbs)) {
    for (const f of v.forms) forms.set(f, { lemma, strength: v.strength })
  }
  cachedRx = {
    forms,
    formSet: new WordSet(forms.keys()),
    ...buildFormTrie(forms),
    claimLastWords: claimLastWords(lex.claimNouns),
    according: new RegExp(
      `(?=${firstCharClass(lex.accordingTo)})\\b(?:${alternation(lex.accordingTo)})\\s+([^,.;:“”"\\n]{2,160}?)(?=\\s*[,.;:“”"]|\\s+that\\b|\\s*$)`,
      'giu',
    ),
    claimNoun: new RegExp(
      `(?=${firstCharClass(lex.claimNouns)})\\b(${alternation(lex.claimNouns)})\\s+(?:${CLAIM_VERBS.map((v) => `${v}\\s+`).join('|')})?by\\s+([^,.;:“”"\\n]{2,120}?)(?=\\s*[,.;:“”"]|\\s+(?:that|regularly|which|who)\\b|\\s*$)`,
      'giu',
    ),
  }
  return cachedRx
}

function claimLastWords(nouns: readonly string[]): Set<string> | null {
  const last = nouns.map((n) => (n.split(' ').pop() ?? n).toLowerCase())
  return last.every((w) => /^[a-z]+$/.test(w)) ? new Set(last) : null
}

/**
 * Whether text[start, end) may hold a claimNoun match, which has a "by" between spaces with a
 * claim noun, or one of CLAIM_VERBS, as the word before: false for most sentences with " by "
 * ("killed by"), without running the regex. Only ASCII words are judged; a word with another
 * letter in it (the regex folds "ſ" to "s") is left to the regex.
 */
function mayHoldClaimBy(
  text: string,
  start: number,
  end: number,
  lastWords: Set<string> | null,
): boolean {
  if (!lastWords) return true
  for (let i = start + 1; i + 2 < end; i++) {
    if ((text.charCodeAt(i) | 32) !== 98) continue
    if (
      (text.charCodeAt(i + 1) | 32) !== 121 ||
      !isJsSpace(text.charCodeAt(i + 2)) ||
      !isJsSpace(text.charCodeAt(i - 1))
    )
      continue
    const b = trimSpacesBefore(text, start, i)
    let a = b
    while (a > start && isAsciiLetter(text.charCodeAt(a - 1))) a--
    if (a > start && text.charCodeAt(a - 1) >= 128) return true
    if (a === b) continue
    const word = text.slice(a, b).toLowerCase()
    if (lastWords.has(word) || CLAIM_VERBS.includes(word)) return true
  }
  return false
}

// The trie slot of each ASCII character of a letter run (isLetterAt with hyphens), -1 for none.
const RUN_SLOT = new Int8Array(128).fill(-1)
for (let c = 0; c < 26; c++) {
  RUN_SLOT[97 + c] = c
  RUN_SLOT[65 + c] = c
}
RUN_SLOT[45] = 26

/**
 * isLetterAt for a non-ASCII `c` at text[i]. The General Punctuation block (U+2000–U+206F:
 * curly quotes, dashes, special spaces; frequent in news) holds no letter: no regex for it.
 */
function isNonAsciiLetterAt(text: string, i: number, c: number): boolean {
  return (c < 0x2000 || c > 0x206f) && isLetterAt(text, i, true)
}

/** isLetterAt(text, i, true), with the ASCII test from RUN_SLOT. */
function isRunCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  return c < 128 ? RUN_SLOT[c]! >= 0 : isNonAsciiLetterAt(text, i, c)
}

/**
 * Whether the letter run text[a, b) is one of the forms, as `formSet.hasAt` answers: through the
 * trie when it is ASCII, in full otherwise.
 */
function isFormRun(r: Regexes, text: string, a: number, b: number): boolean {
  for (let p = a; p < b; p++) if (text.charCodeAt(p) >= 128) return r.formSet.hasAt(text, a, b)
  let node = 0
  for (let p = a; p < b && node >= 0; p++) {
    node = r.formTrie[node * TRIE_WIDTH + RUN_SLOT[text.charCodeAt(p)]!]! || -1
  }
  return node > 0 && r.formEnds[node] === 1
}

/**
 * The reporting verb form that text[start, …) begins with as a maximal run of letters and
 * hyphens ending before `limit`: its end goes to `runEnd.at`, its info is returned (undefined
 * for no form). Reads the run once, walking the trie as it goes.
 */
function formRunAt(
  r: Regexes,
  text: string,
  start: number,
  limit: number,
  runEnd: { at: number },
): VerbInfo | undefined {
  const trie = r.formTrie
  let node = 0
  let ascii = true
  let p = start
  // Through the trie while the run can still be a form …
  for (; p < limit; p++) {
    const c = text.charCodeAt(p)
    if (c >= 128) break
    const k = RUN_SLOT[c]!
    if (k < 0) break
    node = trie[node * TRIE_WIDTH + k]!
    if (node === 0) {
      p++
      break
    }
  }
  // … then on to the run's end (most runs leave the trie at their first letters).
  for (; p < limit; p++) {
    const c = text.charCodeAt(p)
    if (c < 128) {
      if (RUN_SLOT[c]! < 0) break
    } else if (isNonAsciiLetterAt(text, p, c)) ascii = false
    else break
    node = 0
  }
  runEnd.at = p
  if (ascii) return node > 0 ? r.formAtNode[node] : undefined
  // Non-ASCII letters lower-case unpredictably (the Kelvin sign is a 'k'): the word in full.
  return r.formSet.hasAt(text, start, p)
    ? r.forms.get(text.slice(start, p).toLowerCase())
    : undefined
}

function span(text: string, start: number, end: number): Span {
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
function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && isTrimmedAtStart(text.charCodeAt(start))) start++
  while (end > start && isTrimmedAtEnd(text.charCodeAt(end - 1))) end--
  return [start, end]
}

/** `end` moved back over whitespace, not before `from` (String.prototype.trimEnd in place). */
function trimSpacesBefore(text: string, from: number, end: number): number {
  while (end > from && isJsSpace(text.charCodeAt(end - 1))) end--
  return end
}

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
function lastBoundary(text: string, from: number, end: number): number {
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

function isAllSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isJsSpace(text.charCodeAt(i))) return false
  return true
}

/**
 * Where the phrase text[s, e) stops being a noun phrase: at the first word after its first that
 * `isFiniteVerbAt` calls a finite verb, else `e`. Words are read as the pattern
 * [\p{L}][\p{L}’'-]* (with the 'u' flag) reads them in text[s, e), a code point at a time,
 * with no string cut.
 */
function clauseEnd(
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

function isSurrogatePair(text: string, i: number, e: number): boolean {
  const c = text.charCodeAt(i)
  if (c < 0xd800 || c > 0xdbff || i + 1 >= e) return false
  const d = text.charCodeAt(i + 1)
  return d >= 0xdc00 && d <= 0xdfff
}

/**
 * The length (1 or 2) of the code point at `i` when the sticky one-code-point pattern `rx`
 * matches it inside text[…, e), else 0.
 */
function codePointAt(rx: RegExp, text: string, i: number, e: number): number {
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
function wordEndAt(text: string, offset: number): number {
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
function countWords(text: string, s: number, e: number, limit: number): number {
  let n = 0
  let inWord = false
  for (let i = s; i < e; i++) {
    const space = isJsSpace(text.charCodeAt(i))
    if (!space && !inWord && ++n >= limit) return n
    inWord = !space
  }
  return n
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

function isQuoteVerbGap(gap: string): boolean {
  return /^(?:\s|that|:|,|as\s+saying)*$/i.test(gap)
}

const BE_FORMS = new AsciiWords(['is', 'are', 'was', 'were', 'been', 'be', 'being'])
const PASSIVE_BEFORE = /\b(?:is|are|was|were|been|be|being)\s+(?:\w+ly\s+)?$/i

/**
 * Whether the words before a verb end like a passive, /\b(?:is|…|being)\s+(?:\w+ly\s+)?$/i over
 * text[from, to): the word before the spaces is a form of "be" or ends in "ly". Necessary for
 * the regex to match, and false for most verbs without running it.
 */
function mayBePassiveBefore(text: string, from: number, to: number): boolean {
  const b = trimSpacesBefore(text, from, to)
  if (b === to) return false
  let a = b
  while (a > from && isWordChar(text.charCodeAt(a - 1))) a--
  if (b - a >= 2 && isWordAt(text, b - 2, 'ly')) return true
  return BE_FORMS.has(text, a, b)
}

/** Whether text[from, to) ends in a comma and optional spaces (/,\s*$/). */
function endsWithComma(text: string, from: number, to: number): boolean {
  const b = trimSpacesBefore(text, from, to)
  return b > from && text.charCodeAt(b - 1) === 44
}

/** The length of /^\s*(?:that\b)?/i at text[at, end): spaces, then "that" if it is a word. */
function thatPrefixLength(text: string, at: number, end: number): number {
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

// Words a reporting verb must not follow (see the sentence loop).
const ARTICLES = ['a', 'an', 'the']
const AS = ['as']

interface Draft {
  attr: Attribution
  /** Offsets of the verb, so a verb that introduced a quote is not read again as reported speech. */
  verbStart: number
}

/**
 * Quotes, reported speech and "according to" in the text. Sentence-bounded except quotes,
 * which may run over several sentences of one paragraph.
 */
export function findAttributions(
  text: string,
  sentences: readonly SentenceSpan[],
  tagger: TokenTable,
  isBody: (offset: number) => boolean,
): Attribution[] {
  const r = rx()
  const drafts: Draft[] = []
  const consumedVerbs = new Set<number>()
  const sentenceOf = makeSentenceLookup(sentences)
  // The "according to" and "… by X" patterns need a cue word: found in one pass over the text
  // instead of a test on every sentence.
  const mayCite = cueLookup(text, /according|citing|as reported|in the words/gi)
  const mayClaim = cueLookup(text, / by /gi)
  // A verb with a noun or pronoun before it: the clause has its own subject.
  const hasFiniteVerb = (from: number, to: number): boolean => {
    const words = /[\p{L}\p{M}]+/gu
    words.lastIndex = from
    for (let m = words.exec(text); m && m.index < to; m = words.exec(text)) {
      // An "-ing" form never counts: settled before the tagger is asked.
      if (/ing$/i.test(m[0]) || tagger.posAt(m.index) !== 'VERB') continue
      const prev = tagger.prevPosAt(m.index)
      if (prev === 'NOUN' || prev === 'PROPN' || prev === 'PRON') return true
    }
    return false
  }
  const isFiniteVerbAt = (offset: number): boolean => {
    // A finite verb here starts with a lower-case ASCII letter and does not end in "ing"; both
    // read off the text before the tagger is asked.
    const c = text.charCodeAt(offset)
    if (c < 97 || c > 122) return false
    const end = wordEndAt(text, offset)
    if (end - offset >= 3 && isWordAt(text, end - 3, 'ing')) return false
    if (tagger.posAt(offset) !== 'VERB') return false
    const prev = tagger.prevPosAt(offset)
    return prev === 'NOUN' || prev === 'PROPN' || prev === 'PRON' || prev === 'ADJ'
  }

  const reporting = (
    sent: SentenceSpan,
    vStart: number,
    vEnd: number,
    info: VerbInfo,
  ): { speaker: SourceSpan | null; contentStart: number; evidence: string[] } | null => {
    const afterEnd = Math.min(sent.end, vEnd + WINDOW)
    // Built where a reading is returned: most verbs read here give none.
    const verbEvidence = (): string =>
      `reporting verb '${text.slice(vStart, vEnd)}' (reporting-verbs: ${info.lemma}, ${info.strength})`
    // Windows are bounded: a 100,000-character "sentence" must not make this quadratic.
    const from = Math.max(sent.start, vStart - WINDOW)
    const passiveFrom = Math.max(from, vStart - 40)
    if (
      mayBePassiveBefore(text, passiveFrom, vStart) &&
      PASSIVE_BEFORE.test(text.slice(passiveFrom, vStart))
    ) {
      if (!/^\s+(?:to|that)\b/i.test(text.slice(vEnd, afterEnd))) return null
      return {
        speaker: null,
        contentStart: vEnd,
        evidence: [verbEvidence(), 'passive reporting verb: no speaker named'],
      }
    }
    // Only "quote" relays a speaker through "… as saying".
    const chain =
      info.lemma === 'quote'
        ? /^\s+(.{2,100}?)\s+as\s+(?:saying|telling|stating)\b\s*(?:that\b)?/i.exec(
            text.slice(vEnd, afterEnd),
          )
        : null
    const subject = subjectBefore(text, from, vStart, isFiniteVerbAt)
    if (chain) {
      const objStart = vEnd + chain[0].indexOf(chain[1]!)
      const speaker: SourceSpan = span(text, objStart, objStart + chain[1]!.length)
      if (subject) speaker.via = subject
      return {
        speaker,
        contentStart: vEnd + chain[0].length,
        evidence: [
          verbEvidence(),
          `chain: '${text.slice(vStart, vEnd)} … as saying' relays the speaker`,
        ],
      }
    }
    if (subject) {
      // "…, the agency said on Thursday, up from 260": the report is the whole sentence.
      const afterComma = endsWithComma(text, Math.max(sent.start, subject.start - 5), subject.start)
      if (afterComma) {
        const after = text.slice(vEnd, afterEnd)
        const adjunctOnly =
          !/^\s*(?:that\b|:|“|")/.test(after) &&
          !/\b(?:is|are|was|were|has|have|had|will|would)\b/i.test(after) &&
          !hasFiniteVerb(vEnd, afterEnd)
        if (adjunctOnly) {
          return {
            speaker: subject,
            contentStart: -2,
            evidence: [verbEvidence(), 'reporting clause after the report'],
          }
        }
      }
      return {
        speaker: subject,
        contentStart: vEnd + thatPrefixLength(text, vEnd, afterEnd),
        evidence: [verbEvidence()],
      }
    }
    // Inverted: "…, said the official."
    if (endsWithComma(text, from, vStart)) {
      const after = text.slice(vEnd, afterEnd)
      const inv = /^\s+([^,.;:“”"]{2,80}?)\s*[.;]?\s*$/.exec(after)
      if (inv) {
        const a = vEnd + after.indexOf(inv[1]!)
        return {
          speaker: span(text, a, a + inv[1]!.length),
          contentStart: -1,
          evidence: [verbEvidence(), 'inverted speaker after the verb'],
        }
      }
    }
    return null
  }

  // Quotes first: their speakers tell the reported-speech pass which verbs are used up.
  const QUOTE = /“([^“”\n]{1,3000})”|"([^"\n]{1,3000})"/g
  for (let q = QUOTE.exec(text); q; q = QUOTE.exec(text)) {
    const qStart = q.index
    const qEnd = qStart + q[0].length
    // Fewer than four words inside the marks: a title or a scare quote.
    if (countWords(text, qStart + 1, qEnd - 1, 4) < 4) continue
    const sent = sentenceOf(qStart)
    if (!sent) continue
    let found: {
      speaker: SourceSpan | null
      verb: Span
      info: VerbInfo
      evidence: string[]
    } | null = null
    const qFrom = Math.max(sent.start, qStart - WINDOW)
    // The last reporting verb before the quote.
    let lastStart = -1
    let lastEnd = -1
    // Read backwards from the quote, run by run: the verb is mostly just before it.
    for (let b = qStart; b > qFrom;) {
      if (!isRunCharAt(text, b - 1)) {
        b--
        continue
      }
      let a = b - 1
      while (a > qFrom && isRunCharAt(text, a - 1)) a--
      if (isFormRun(r, text, a, b)) {
        lastStart = a
        lastEnd = b
        break
      }
      b = a
    }
    if (lastStart >= 0 && isQuoteVerbGap(text.slice(lastEnd, qStart))) {
      const vStart = lastStart
      const vEnd = lastEnd
      const info = r.forms.get(text.slice(vStart, vEnd).toLowerCase())
      if (info) {
        const rep = reporting(sent, vStart, vEnd, info)
        if (rep) {
          found = {
            speaker: rep.speaker,
            verb: span(text, vStart, vEnd),
            info,
            evidence: rep.evidence,
          }
          consumedVerbs.add(vStart)
        }
      }
    }
    if (!found) {
      const endSent = sentenceOf(qEnd - 1) ?? sent
      const tail = text.slice(qEnd, Math.min(endSent.end + 1, qEnd + 120))
      // "…," said Marta Ilić, a spokeswoman  |  "…," the official said.
      const inverted = /^\s*[,.!?]?\s*(\p{L}+)\s+([^,.;:“”"]{2,80}?)\s*(?:[.,;]|$)/u.exec(tail)
      const normal = /^\s*[,.!?]?\s*([^,.;:“”"]{2,80}?)\s+(\p{L}+)\s*(?:[.,;]|$)/u.exec(tail)
      const invInfo = inverted ? r.forms.get(inverted[1]!.toLowerCase()) : undefined
      const normInfo = normal ? r.forms.get(normal[2]!.toLowerCase()) : undefined
      const pick =
        invInfo && inverted
          ? {
              verbWord: inverted[1]!,
              np: inverted[2]!,
              info: invInfo,
              verbFirst: true,
              m: inverted,
            }
          : normInfo && normal
            ? { verbWord: normal[2]!, np: normal[1]!, info: normInfo, verbFirst: false, m: normal }
            : null
      if (pick) {
        const vRel = pick.verbFirst
          ? pick.m[0].indexOf(pick.verbWord)
          : pick.m[0].lastIndexOf(pick.verbWord)
        const npRel = pick.verbFirst
          ? pick.m[0].indexOf(pick.np, vRel + pick.verbWord.length)
          : pick.m[0].indexOf(pick.np)
        const vStart = qEnd + vRel
        const npStart = qEnd + npRel
        found = {
          speaker: span(text, npStart, npStart + pick.np.length),
          verb: span(text, vStart, vStart + pick.verbWord.length),
          info: pick.info,
          evidence: [
            `reporting verb '${pick.verbWord}' after the quote (reporting-verbs: ${pick.info.lemma}, ${pick.info.strength})`,
          ],
        }
        consumedVerbs.add(vStart)
      }
    }
    drafts.push({
      verbStart: found?.verb.start ?? -1,
      attr: {
        id: '',
        kind: 'quote',
        speaker: found?.speaker ?? null,
        verb: found?.verb ?? null,
        verbLemma: found?.info.lemma ?? null,
        verbStrength: found?.info.strength ?? null,
        content: span(text, qStart + 1, qEnd - 1),
        sentence: { start: sent.start, end: Math.max(sent.end, qEnd) },
        evidence: found
          ? ['quotation marks', ...found.evidence]
          : ['quotation marks; no speaker found'],
      },
    })
  }

  const run = { at: 0 }
  for (const sent of sentences) {
    if (!isBody(sent.start)) continue
    // Reporting verbs are whole words: one scan over the sentence's letter runs, each looked up
    // in the forms' trie as it is read, instead of a regex alternation of every form at every
    // position.
    for (let p = sent.start; p < sent.end;) {
      const c = text.charCodeAt(p)
      if (c < 128 ? RUN_SLOT[c]! < 0 : !isNonAsciiLetterAt(text, p, c)) {
        p++
        continue
      }
      const vStart = p
      const info = formRunAt(r, text, vStart, sent.end, run)
      const vEnd = run.at
      p = vEnd
      if (!info || consumedVerbs.has(vStart)) continue
      // The checks read off the text come before the tagger, which costs more.
      // "an estimated 2.4m": the participle is an adjective here, not a report.
      if (endsWithWordAndSpaces(text, Math.max(sent.start, vStart - 5), vStart, ARTICLES)) continue
      // "quoted X as saying": the chain was read at "quoted".
      if (endsWithWordAndSpaces(text, Math.max(sent.start, vStart - 4), vStart, AS)) continue
      const pos = posAt(tagger, vStart)
      // wink tags "estimate" in "Aid groups estimate that …" as a noun; "that" settles it.
      const beforeThat = pos === 'NOUN' && /^\s+that\b/i.test(text.slice(vEnd, vEnd + 6))
      if (pos !== 'VERB' && pos !== 'AUX' && !beforeThat) continue
      const rep = reporting(sent, vStart, vEnd, info)
      if (!rep) continue
      let [cs, ce] =
        rep.contentStart === -2
          ? trimSpan(text, sent.start, sent.end)
          : rep.contentStart < 0
            ? trimSpan(text, sent.start, rep.speaker!.start)
            : trimSpan(text, rep.contentStart, sent.end)
      if (rep.contentStart === -1) ce = Math.max(cs, vStart - 1)
      ;[cs, ce] = trimSpan(text, cs, ce)
      if (ce - cs < 3) continue
      drafts.push({
        verbStart: vStart,
        attr: {
          id: '',
          kind: 'reported',
          speaker: rep.speaker,
          verb: span(text, vStart, vEnd),
          verbLemma: info.lemma,
          verbStrength: info.strength,
          content: span(text, cs, ce),
          sentence: { start: sent.start, end: sent.end },
          evidence: rep.evidence,
        },
      })
    }
    const cites = mayCite(sent)
    const claims = mayClaim(sent)
    if (!cites && !claims) continue
    const s = text.slice(sent.start, sent.end)
    // exec loops on the shared global regexes (lastIndex from 0; a failed exec resets it):
    // matchAll would copy the regex for every sentence.
    if (cites) {
      const according = r.according
      according.lastIndex = 0
      for (let m = according.exec(s); m; m = according.exec(s)) {
        const phraseStart = sent.start + m.index
        const npStart = phraseStart + m[0].indexOf(m[1]!, m[0].length - m[1]!.length - 1)
        const [ns, ne] = trimSpan(text, npStart, npStart + m[1]!.length)
        const atStart = isAllSpace(text, sent.start, phraseStart)
        const [cs, ce] = atStart
          ? trimSpan(text, ne, sent.end)
          : trimSpan(text, sent.start, phraseStart)
        if (ce - cs < 3) continue
        drafts.push({
          verbStart: phraseStart,
          attr: {
            id: '',
            kind: 'according_to',
            speaker: span(text, ns, ne),
            verb: span(text, phraseStart, phraseStart + m[0].length - m[1]!.length - 1),
            verbLemma: 'according to',
            verbStrength: 'neutral',
            content: span(text, cs, ce),
            sentence: { start: sent.start, end: sent.end },
            evidence: [
              `'${m[0].slice(0, m[0].length - m[1]!.length).trim()}' (reporting-verbs: accordingTo)`,
            ],
          },
        })
      }
    }
    if (claims && mayHoldClaimBy(text, sent.start, sent.end, r.claimLastWords)) {
      const claimNoun = r.claimNoun
      claimNoun.lastIndex = 0
      for (let m = claimNoun.exec(s); m; m = claimNoun.exec(s)) {
        const nStart = sent.start + m.index
        const npStart = nStart + m[0].lastIndexOf(m[2]!)
        const [ns, ne] = trimSpan(text, npStart, npStart + m[2]!.length)
        const noun = m[1]!.toLowerCase()
        const info = r.forms.get(noun)
        drafts.push({
          verbStart: nStart,
          attr: {
            id: '',
            kind: 'reported',
            speaker: span(text, ns, ne),
            verb: span(text, nStart, nStart + m[1]!.length),
            verbLemma: info?.lemma ?? noun,
            verbStrength: info?.strength ?? 'neutral',
            content: span(text, sent.start, sent.end),
            sentence: { start: sent.start, end: sent.end },
            evidence: [`'${m[1]} … by' names who made the claim (reporting-verbs: claimNouns)`],
          },
        })
      }
    }
  }

  // A quote inside reported speech ("… as saying that Tehran … because it “knows …”") is the
  // reported speaker's words.
  const within = containmentIndex(
    drafts.filter((o) => o.attr.kind !== 'quote' && o.attr.speaker).map((o) => o.attr),
  )
  for (const d of drafts) {
    if (d.attr.kind !== 'quote' || d.attr.speaker) continue
    const outer = { attr: within(d.attr.content.start, d.attr.content.end)[0] }
    if (outer.attr?.speaker) {
      d.attr.speaker = { ...outer.attr.speaker }
      d.attr.evidence.push(`quote inside reported speech of '${outer.attr.speaker.text}'`)
    }
  }
  drafts.sort((a, b) => a.attr.content.start - b.attr.content.start || a.verbStart - b.verbStart)
  resolvePronouns(drafts.map((d) => d.attr))
  // The drafts' attributions are this call's own: numbered in place, not copied.
  return drafts.map((d, i) => {
    d.attr.id = `attr-${i + 1}`
    return d.attr
  })
}

// Quotes are capped at 3000 characters and other contents are one sentence, so an attribution
// containing an offset starts at most this far before it.
const MAX_CONTENT = 20_000
// How far before a verb or quote the speaker is looked for.
const WINDOW = 300

/**
 * An index over attributions: which ones contain [start, end) in their content. Binary search on
 * the sorted starts, so looking up every figure of a long document stays linear-ish.
 */
export function containmentIndex(
  attrs: readonly Attribution[],
): (start: number, end: number) => Attribution[] {
  const sorted = [...attrs].sort((a, b) => a.content.start - b.content.start)
  const n = sorted.length
  const starts = new Float64Array(n)
  const ends = new Float64Array(n)
  // For each attribution, the nearest one before it (in start order) whose content ends later,
  // or -1: the ones in between end no later, so a lookup they cannot answer skips them at once.
  const endsLaterBefore = new Int32Array(n)
  const stack: number[] = []
  for (let i = 0; i < n; i++) {
    const c = sorted[i]!.content
    starts[i] = c.start
    ends[i] = c.end
    while (stack.length > 0 && ends[stack[stack.length - 1]!]! <= c.end) stack.pop()
    endsLaterBefore[i] = stack.length > 0 ? stack[stack.length - 1]! : -1
    stack.push(i)
  }
  return (start, end) => {
    let lo = 0
    let hi = n
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (starts[mid]! <= start) lo = mid + 1
      else hi = mid
    }
    const out: Attribution[] = []
    for (let i = lo - 1; i >= 0 && starts[i]! >= start - MAX_CONTENT;) {
      if (ends[i]! >= end) {
        out.push(sorted[i]!)
        i--
      } else i = endsLaterBefore[i]!
    }
    return out
  }
}

/** "He also added …": points a pronoun speaker at the last named singular speaker before it. */
function resolvePronouns(attrs: Attribution[]): void {
  const ordered = [...attrs].sort(
    (a, b) => (a.verb?.start ?? a.content.start) - (b.verb?.start ?? b.content.start),
  )
  let lastNamed: Span | null = null
  for (const a of ordered) {
    const sp = a.speaker
    if (!sp) continue
    if (PRONOUNS.test(sp.text)) {
      if (SINGULAR_PRONOUN.test(sp.text) && lastNamed) {
        sp.antecedent = { ...lastNamed }
        a.evidence.push(`pronoun '${sp.text}' read as '${lastNamed.text}'`)
      }
      continue
    }
    if (!endsInPlural(sp.text))
      lastNamed = sp.antecedent ?? { start: sp.start, end: sp.end, text: sp.text }
  }
}

/**
 * Whether the last whitespace-separated word of `name` looks plural (/[^s]s$/i): it ends in an
 * "s" after a letter other than "s". Read off the end, without splitting.
 */
function endsInPlural(name: string): boolean {
  const n = name.length
  if (n < 2 || (name.charCodeAt(n - 1) | 32) !== 115) return false
  const before = name.charCodeAt(n - 2)
  return (before | 32) !== 115 && !isJsSpace(before)
}

/** Whether a sentence holds a match of `cue` (a global regex), from one scan of the text. */
function cueLookup(text: string, cue: RegExp): (sent: SentenceSpan) => boolean {
  const at: number[] = []
  for (let m = cue.exec(text); m; m = cue.exec(text)) at.push(m.index, m.index + m[0].length)
  return (sent) => {
    let lo = 0
    let hi = at.length / 2
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (at[mid * 2]! < sent.start) lo = mid + 1
      else hi = mid
    }
    // The first cue starting in the sentence, or any later one, must also end inside it.
    for (let k = lo; k < at.length / 2 && at[k * 2]! < sent.end; k++)
      if (at[k * 2 + 1]! <= sent.end) return true
    return false
  }
}

function makeSentenceLookup(
  sentences: readonly SentenceSpan[],
): (offset: number) => SentenceSpan | null {
  return (offset) => {
    let lo = 0
    let hi = sentences.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = sentences[mid]!
      if (s.start > offset) hi = mid - 1
      else if (s.end <= offset) lo = mid + 1
      else return s
    }
    return null
  }
}
