import type { TokenTable } from './tokenize'
import { type CompiledLexicon, REPORTING_VERB, SPEECH_PRONOUN } from './stance-lexicon'

/** A short quoted phrase that is not anyone's speech: the writer holding a word at arm's length. */
export interface ScareQuote {
  /** From the opening to the closing quote mark, inclusive. */
  start: number
  end: number
  /** The quoted words without the marks or trailing punctuation. */
  innerStart: number
  innerEnd: number
  words: number
}

/** The tokens of one segment: the rows [first, last) of a document's table. */
export interface SegmentTokens {
  table: TokenTable
  first: number
  last: number
}

const PAIRS: Record<string, string> = { '“': '”', '"': '"', '‘': '’', "'": "'", '«': '»', '„': '“' }
// The same pairs by character code: the scan reads codes, not one-character strings.
const CLOSE_OF = new Map<number, number>(
  Object.entries(PAIRS).map(([open, close]) => [open.charCodeAt(0), close.charCodeAt(0)]),
)
const OPENERS = /[“"‘'«„]/g
const MAX_QUOTE = 120
// Compiled once: a pattern literal in a function is a new object on every call.
const WORD_CHAR = /[\p{L}\p{N}]/u
const LETTER = /\p{L}/u
const SPACE = /\s/
const TRAILING = /[\s,.;:!?…]/
const CLAUSE_INSIDE = /[.!?;:]\s/
const COLON_BEFORE = /:\s*$/
const CLAUSE_END = /[.!?;\n]/
const SENTENCE_END = /[.!?\n]/
const MAX_WORDS = 4

/**
 * Finds quoted phrases of one to four words that are not speech: no reporting verb just before
 * ("said “no”") or just after ("“never,” she said"), no colon introducing them, no first- or
 * second-person pronoun inside, and not a Title Case name of a work or an event.
 */
export function findScareQuotes(
  text: string,
  from: number,
  to: number,
  tokens: SegmentTokens,
  lex: CompiledLexicon,
  isHeadline: boolean,
): ScareQuote[] {
  const out: ScareQuote[] = []
  OPENERS.lastIndex = from
  // `test` rather than `exec`: no match array per quote mark; the mark is the one character
  // before `lastIndex`.
  while (OPENERS.test(text)) {
    const i = OPENERS.lastIndex - 1
    if (i >= to) break
    const open = text.charCodeAt(i)
    const close = CLOSE_OF.get(open)
    if (close === undefined) continue
    // Straight and single marks double as apostrophes and inch signs: only a mark at a word's
    // start opens a quote.
    if (
      (open === 0x22 || open === 0x27 || open === 0x2018) &&
      i > 0 &&
      WORD_CHAR.test(text[i - 1]!)
    )
      continue
    const j = findClose(text, i + 1, Math.min(to, i + 1 + MAX_QUOTE), close)
    if (j < 0) continue
    const q = assess(text, i, j, tokens, lex, isHeadline)
    if (q) out.push(q)
    OPENERS.lastIndex = j + 1
  }
  return out
}

function findClose(text: string, from: number, to: number, close: number): number {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k)
    if (c === 0x0a) return -1
    if (c !== close) continue
    // An apostrophe inside a word (Shi’ite, don't) is not a closing mark.
    if ((close === 0x2019 || close === 0x27) && LETTER.test(text[k + 1] ?? '')) continue
    return k
  }
  return -1
}

function assess(
  text: string,
  open: number,
  close: number,
  { table, first: lo, last: hi }: SegmentTokens,
  lex: CompiledLexicon,
  isHeadline: boolean,
): ScareQuote | null {
  let innerStart = open + 1
  let innerEnd = close
  while (innerStart < innerEnd && SPACE.test(text[innerStart]!)) innerStart++
  while (innerEnd > innerStart && TRAILING.test(text[innerEnd - 1]!)) innerEnd--
  if (innerEnd <= innerStart) return null
  const inner = text.slice(innerStart, innerEnd)
  if (CLAUSE_INSIDE.test(inner)) return null
  const { start, end, word } = table
  const first = lowerBound(table, innerStart, lo, hi)
  let last = first
  while (last < hi && end[last]! <= innerEnd) last++
  const words = last - first
  if (words < 1 || words > MAX_WORDS) return null
  for (let k = first; k < last; k++)
    if ((lex.wordFlags[word[k]!]! & SPEECH_PRONOUN) !== 0) return null
  if (!isHeadline && words >= 2 && isTitleCase(text, table, first, last)) return null
  // Speech: a colon or a reporting verb just before the quote ("said that “...”").
  const lead = text.slice(Math.max(0, open - 3), open)
  if (COLON_BEFORE.test(lead)) return null
  for (let k = first - 1, n = 0; k >= lo && n < 3; k--, n++) {
    if (CLAUSE_END.test(text.slice(end[k], k === first - 1 ? open : start[k + 1]))) break
    if ((lex.wordFlags[word[k]!]! & REPORTING_VERB) !== 0) return null
  }
  // ... or just after ("“never,” she said"), unless it is a distancing "as they claim".
  if (
    last < hi &&
    !SENTENCE_END.test(text.slice(close + 1, start[last])) &&
    word[last] !== lex.as
  ) {
    for (let k = last; k < Math.min(hi, last + 3); k++) {
      if ((lex.wordFlags[word[k]!]! & REPORTING_VERB) !== 0) return null
    }
  }
  return { start: open, end: close + 1, innerStart, innerEnd, words }
}

function isTitleCase(text: string, tokens: TokenTable, first: number, last: number): boolean {
  for (let k = first; k < last; k++) {
    const c = text[tokens.start[k]!]!
    if (c === c.toLowerCase()) return false
  }
  return true
}

/** Index of the first token of [lo, hi) that ends after `offset` (`hi` when none does). */
export function lowerBound(tokens: TokenTable, offset: number, lo: number, hi: number): number {
  const { end } = tokens
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (end[mid]! <= offset) lo = mid + 1
    else hi = mid
  }
  return lo
}
