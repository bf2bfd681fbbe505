import { isJsSpace } from './char-codes'
import type { EntityRegexes, GazetteerName } from './entity-lexicon'
import { WORD_CHAR, classAt, classBefore } from './name-chars'

export interface GazetteerMatch {
  end: number
  /** The name matched, when the text spells it exactly (one space between words). */
  exact: GazetteerName | null
}

/**
 * The gazetteer regex's match at `p`, by hand: the names that start with the characters there,
 * in the alternation's order, each space as `\s+`; the lookbehind and lookahead as the regex's.
 */
export function gazetteerMatchAt(text: string, p: number, r: EntityRegexes): GazetteerMatch | null {
  const c = text.charCodeAt(p)
  let names: GazetteerName[] | undefined
  if (c < 128 && r.gazetteerOddFirst[c] === 0) {
    const next = text.charCodeAt(p + 1)
    // A space in a name is `\s+`: any whitespace after the first character may start it.
    const second = isJsSpace(next) ? 32 : next
    if (second < 128) names = r.gazetteerByPair[c * 128 + second]
  } else names = r.gazetteerByFirst.get(c)
  if (!names || classBefore(text, p, WORD_CHAR)) return null
  for (const g of names) {
    const name = g.name
    let q = p
    let exact = true
    if (!g.spaced) {
      if (!text.startsWith(name, p)) continue
      q += name.length
    } else {
      let i = 0
      for (; i < name.length; i++) {
        const want = name.charCodeAt(i)
        if (want === 32) {
          if (!isJsSpace(text.charCodeAt(q))) break
          if (text.charCodeAt(q) !== 32 || isJsSpace(text.charCodeAt(q + 1))) exact = false
          while (isJsSpace(text.charCodeAt(q))) q++
        } else if (text.charCodeAt(q) === want) q++
        else break
      }
      if (i < name.length) continue
    }
    if (classAt(text, q, WORD_CHAR) > 0) continue
    return { end: q, exact: exact ? g : null }
  }
  return null
}

/**
 * Calls `found` with each match of the gazetteer regex, in order, as `text.matchAll` would give
 * them: `gazetteerMatchAt` where the first two characters of some name stand.
 */
export function gazetteerMatches(
  text: string,
  r: EntityRegexes,
  found: (start: number, m: GazetteerMatch) => void,
): void {
  const starts = r.gazetteerStart
  for (let p = 0; ; p++) {
    starts.lastIndex = p
    if (!starts.test(text)) return
    p = starts.lastIndex - 2
    const m = gazetteerMatchAt(text, p, r)
    if (!m) continue
    found(p, m)
    p = m.end - 1
  }
}
