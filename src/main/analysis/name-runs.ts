import { ASCII_CLASS, NAME_CHAR, NOT_BEFORE_NAME, UPPER, classAt, classBefore } from './name-chars'

/**
 * Where the name regex's lookahead may hold (global): an ASCII capital or a character outside
 * the ranges without capitals (ASCII, Latin-1 signs, general punctuation, the second half of a
 * surrogate pair), which `nameEnd` tests; "al-"/"el-" is ARTICLE's. Not `u` regexes: those scan
 * slowly.
 */
export const CAPITAL = /[A-Z\u00c0-\u1fff\u2070-\udbff\ue000-\uffff]/g
export const ARTICLE = /[ae]l-/g

/** Whether "al-", "el-" (or, with `capital`, "Al-", "El-") stands at `p`. */
function articleAt(text: string, p: number, capital: boolean): boolean {
  const c = text.charCodeAt(p)
  return (
    (c === 97 || c === 101 || (capital && (c === 65 || c === 69))) &&
    text.charCodeAt(p + 1) === 108 &&
    text.charCodeAt(p + 2) === 45
  )
}

/**
 * Where the name regex's match at `p` ends, or -1 when it does not match there. By hand, as the
 * regex (in the comment above `rx()`, entity-lexicon.ts) matches: one or more NAME_TOKENs joined
 * by spaces or tabs and the connectors "of", "for", "the", "bin", "ibn", "de"; no backtracking
 * can change the match, as a token never starts with a space or a lower-case connector.
 */
export function nameEnd(text: string, p: number): number {
  if (classBefore(text, p, NOT_BEFORE_NAME)) return -1
  let end = nameTokenEnd(text, p, true)
  if (end < 0) return -1
  for (;;) {
    let q = end
    const c = text.charCodeAt(q)
    if (c !== 32 && c !== 9) break
    q = skipSpacesAndTabs(text, q)
    for (let w = connectorEnd(text, q); w > 0; w = connectorEnd(text, q)) {
      const after = text.charCodeAt(w)
      if (after !== 32 && after !== 9) break
      q = skipSpacesAndTabs(text, w)
    }
    const tokenEnd = nameTokenEnd(text, q, true)
    if (tokenEnd < 0) break
    end = tokenEnd
  }
  return end
}

function skipSpacesAndTabs(text: string, q: number): number {
  for (let c = text.charCodeAt(q); c === 32 || c === 9; c = text.charCodeAt(q)) q++
  return q
}

/** The end of the connector "of", "for", "the", "bin", "ibn" or "de" at `q`, or 0. */
function connectorEnd(text: string, q: number): number {
  // By the first letter: the word after a name is mostly none of them.
  let w: string
  switch (text.charCodeAt(q)) {
    case 111:
      w = 'of'
      break
    case 102:
      w = 'for'
      break
    case 116:
      w = 'the'
      break
    case 98:
      w = 'bin'
      break
    case 105:
      w = 'ibn'
      break
    case 100:
      w = 'de'
      break
    default:
      return 0
  }
  return text.startsWith(w, q) ? q + w.length : 0
}

/**
 * The end of NAME_TOKEN at `q` (an optional "al-" before a capital, the capital, name
 * characters, and hyphenated parts likewise), or -1.
 */
function nameTokenEnd(text: string, q: number, capitalArticle: boolean): number {
  if (articleAt(text, q, capitalArticle) && classAt(text, q + 3, UPPER) > 0) q += 3
  const capital = classAt(text, q, UPPER)
  if (capital === 0) return -1
  q += capital
  for (;;) {
    // ASCII inline: most name characters are.
    const c = text.charCodeAt(q)
    const w = c < 128 ? ((ASCII_CLASS[c]! & NAME_CHAR) !== 0 ? 1 : 0) : classAt(text, q, NAME_CHAR)
    if (w === 0) break
    q += w
  }
  while (text.charCodeAt(q) === 45) {
    const part = nameTokenEnd(text, q + 1, false)
    if (part < 0) break
    q = part
  }
  return q
}
