import textLexicon from '../../../resources/lexicons/compare-text.json' with { type: 'json' }

/** A word of a text with where it is. */
export interface WordToken {
  /** Lowercased, apostrophes folded, surrounding punctuation dropped. */
  norm: string
  start: number
  end: number
}

const WORD = /[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*/gu

/** The words of `text` (optionally of `text.slice(from, to)`), with offsets into `text`. */
export function words(text: string, from = 0, to = text.length): WordToken[] {
  const out: WordToken[] = []
  WORD.lastIndex = 0
  const slice = text.slice(from, to)
  for (const m of slice.matchAll(WORD)) {
    const start = from + (m.index ?? 0)
    out.push({ norm: m[0].toLowerCase().replace(/’/g, "'"), start, end: start + m[0].length })
  }
  return out
}

export const STOPWORDS: ReadonlySet<string> = new Set(textLexicon.stopwords)
export const NEGATIONS: ReadonlySet<string> = new Set(textLexicon.negations)

const STEM_CACHE = new Map<string, string>()

/**
 * A light English suffix stripper (a subset of Porter's step 1 and 2): enough to make "killed",
 * "kills" and "killing" meet, and cheap enough to run over sixty thousand words in a few ms.
 */
export function stem(word: string): string {
  const hit = STEM_CACHE.get(word)
  if (hit !== undefined) return hit
  let w = word.replace(/'s$/, '')
  if (w.length > 4) {
    if (w.endsWith('ies')) w = w.slice(0, -3) + 'y'
    else if (w.endsWith('sses')) w = w.slice(0, -2)
    else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1)
  }
  if (w.length > 5) {
    if (w.endsWith('ing')) w = w.slice(0, -3)
    else if (w.endsWith('edly')) w = w.slice(0, -4)
    else if (w.endsWith('ed')) w = w.slice(0, -2)
    else if (w.endsWith('ly')) w = w.slice(0, -2)
  }
  if (w.length > 6) {
    if (w.endsWith('ation')) w = w.slice(0, -5)
    else if (w.endsWith('ment')) w = w.slice(0, -4)
  }
  if (STEM_CACHE.size < 200_000) STEM_CACHE.set(word, w)
  return w
}

/** Content terms of a stretch of text: stemmed words that are not stopwords or bare numbers. */
export function contentTerms(text: string, from = 0, to = text.length): string[] {
  const out: string[] = []
  for (const t of words(text, from, to)) {
    if (STOPWORDS.has(t.norm) || /^[\d.,]+$/.test(t.norm)) continue
    out.push(stem(t.norm))
  }
  return out
}

/** Numbers written with digits in a stretch of text ("1,200" -> 1200), as strings of their value. */
export function numbersIn(text: string, from = 0, to = text.length): string[] {
  const out: string[] = []
  for (const m of text.slice(from, to).matchAll(/\d[\d,]*(?:\.\d+)?/g)) {
    const v = Number(m[0].replace(/,/g, ''))
    if (Number.isFinite(v)) out.push(String(v))
  }
  return out
}

const PHRASE_RES = new WeakMap<readonly string[], RegExp>()

/** One regular expression for a phrase list, longest phrases first, on word boundaries. */
export function phraseRegExp(phrases: readonly string[]): RegExp {
  let re = PHRASE_RES.get(phrases)
  if (!re) {
    const alt = [...phrases]
      .sort((a, b) => b.length - a.length)
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alt})(?![\\p{L}\\p{N}])`, 'gu')
    PHRASE_RES.set(phrases, re)
  }
  return re
}

/** The earliest of the phrases that occurs in `haystack` (lowercase) on word boundaries, or null. */
export function findPhrase(haystack: string, phrases: readonly string[]): string | null {
  const re = phraseRegExp(phrases)
  re.lastIndex = 0
  const m = re.exec(haystack)
  return m ? m[0] : null
}

/** Index of `phrase` in `haystack` on word boundaries, or -1. Both lowercase. */
export function indexOfWord(haystack: string, phrase: string): number {
  let from = 0
  for (;;) {
    const i = haystack.indexOf(phrase, from)
    if (i < 0) return -1
    const before = i === 0 ? ' ' : haystack[i - 1]!
    const after = i + phrase.length >= haystack.length ? ' ' : haystack[i + phrase.length]!
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return i
    from = i + 1
  }
}
