import type { Token } from './tokenize'
import type { CompiledLexicon } from './stance-lexicon'

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

const PAIRS: Record<string, string> = { '“': '”', '"': '"', '‘': '’', "'": "'", '«': '»', '„': '“' }
const OPENERS = /[“"‘'«„]/g
const MAX_QUOTE = 120
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
  tokens: readonly Token[],
  lex: CompiledLexicon,
  isHeadline: boolean,
): ScareQuote[] {
  const out: ScareQuote[] = []
  OPENERS.lastIndex = from
  for (let m = OPENERS.exec(text); m !== null && m.index < to; m = OPENERS.exec(text)) {
    const i = m.index
    const open = text[i]!
    const close = PAIRS[open]
    if (close === undefined) continue
    // Straight and single marks double as apostrophes and inch signs: only a mark at a word's
    // start opens a quote.
    const before = i > 0 ? text[i - 1]! : ' '
    if ((open === '"' || open === "'" || open === '‘') && /[\p{L}\p{N}]/u.test(before)) continue
    const j = findClose(text, i + 1, Math.min(to, i + 1 + MAX_QUOTE), close)
    if (j < 0) continue
    const q = assess(text, i, j, tokens, lex, isHeadline)
    if (q) out.push(q)
    OPENERS.lastIndex = j + 1
  }
  return out
}

function findClose(text: string, from: number, to: number, close: string): number {
  for (let k = from; k < to; k++) {
    const c = text[k]!
    if (c === '\n') return -1
    if (c !== close) continue
    // An apostrophe inside a word (Shi’ite, don't) is not a closing mark.
    if ((close === '’' || close === "'") && /\p{L}/u.test(text[k + 1] ?? '')) continue
    return k
  }
  return -1
}

function assess(
  text: string,
  open: number,
  close: number,
  tokens: readonly Token[],
  lex: CompiledLexicon,
  isHeadline: boolean,
): ScareQuote | null {
  let innerStart = open + 1
  let innerEnd = close
  while (innerStart < innerEnd && /\s/.test(text[innerStart]!)) innerStart++
  while (innerEnd > innerStart && /[\s,.;:!?…]/.test(text[innerEnd - 1]!)) innerEnd--
  if (innerEnd <= innerStart) return null
  const inner = text.slice(innerStart, innerEnd)
  if (/[.!?;:]\s/.test(inner)) return null
  const first = lowerBound(tokens, innerStart)
  let last = first
  while (last < tokens.length && tokens[last]!.end <= innerEnd) last++
  const words = last - first
  if (words < 1 || words > MAX_WORDS) return null
  for (let k = first; k < last; k++) if (lex.speechPronouns.has(tokens[k]!.norm)) return null
  if (!isHeadline && words >= 2 && isTitleCase(text, tokens, first, last)) return null
  // Speech: a colon or a reporting verb just before the quote ("said that “...”").
  const lead = text.slice(Math.max(0, open - 3), open)
  if (/:\s*$/.test(lead)) return null
  for (let k = first - 1, n = 0; k >= 0 && n < 3; k--, n++) {
    const t = tokens[k]!
    if (/[.!?;\n]/.test(text.slice(t.end, k === first - 1 ? open : tokens[k + 1]!.start))) break
    if (lex.reportingVerbs.has(t.norm)) return null
  }
  // ... or just after ("“never,” she said"), unless it is a distancing "as they claim".
  const next = tokens[last]
  if (next && !/[.!?\n]/.test(text.slice(close + 1, next.start)) && next.norm !== 'as') {
    for (let k = last; k < Math.min(tokens.length, last + 3); k++) {
      if (lex.reportingVerbs.has(tokens[k]!.norm)) return null
    }
  }
  return { start: open, end: close + 1, innerStart, innerEnd, words }
}

function isTitleCase(text: string, tokens: readonly Token[], first: number, last: number): boolean {
  for (let k = first; k < last; k++) {
    const c = text[tokens[k]!.start]!
    if (c === c.toLowerCase()) return false
  }
  return true
}

/** Index of the first token that ends after `offset`. */
export function lowerBound(tokens: readonly Token[], offset: number): number {
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (tokens[mid]!.end <= offset) lo = mid + 1
    else hi = mid
  }
  return lo
}
