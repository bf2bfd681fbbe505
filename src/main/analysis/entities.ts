import type { Entity, EntityMention, EntityType } from '../../shared/analysis'
import { alternation, lexicons } from './lexicons'
import { posAt, type SentenceSpan, type TokenTable } from './nlp'
import { isJsSpace } from './char-codes'

interface Mention extends EntityMention {
  type: EntityType | null
  /** Gazetteer canonical name, when the gazetteer knows it. */
  canonical: string | null
  evidence: string
}

interface GazetteerEntry {
  canonical: string
  type: EntityType
  /** The mention's evidence, built once: every mention of the name shares the string. */
  evidence: string
}

/** One gazetteer name as the gazetteer regex's alternation tries it. */
interface GazetteerName {
  name: string
  entry: GazetteerEntry
  /** Whether the name has a space (which the regex takes as `\\s+`). */
  spaced: boolean
}

interface EntityRegexes {
  gazetteerByName: Map<string, GazetteerEntry>
  /**
   * The gazetteer names by their first character, each list in the alternation's order
   * (longest first): `gazetteerMatches` tries them by hand where the regex would.
   */
  gazetteerByFirst: Map<number, GazetteerName[]>
  /**
   * The names whose first two characters are ASCII, by `first * 128 + second` (a space for
   * `\\s`), in the same order: at most a few names to try where a capital stands, and no Map
   * lookup per character. Names with other characters there are left to `gazetteerByFirst`.
   */
  gazetteerByPair: (GazetteerName[] | undefined)[]
  /** ASCII first characters some name starts with but `gazetteerByPair` lacks. */
  gazetteerOddFirst: Uint8Array
  /**
   * The first two characters of some gazetteer name (global, two characters each): tested from
   * a position, it skips natively to the next place a name may start.
   */
  gazetteerStart: RegExp
  /** Whether every gazetteer name starts where CAPITAL or ARTICLE matches (one scan finds both). */
  gazetteerAtNameStarts: boolean
  titleBefore: RegExp
  titles: string[]
  titleFirstWords: Set<string>
  /** Last words of the titles without a final stop ("Minister", "Capt"). */
  titleLastWords: Set<string>
  /** `wordShapes` of the lead-word lists: titles' first words, not-names, demonyms, connectors. */
  leadWordShapes: Uint32Array
  /** `wordShapes` of the organisation and group head words. */
  headWordShapes: Uint32Array
  /** The length of the longest of `titleLastWords`. */
  titleLastWordMax: number
  /** 1 at the first UTF-16 unit of each of `titleLastWords`: most words before a name are none. */
  titleLastFirstUnits: Uint8Array
  orgHeads: Set<string>
  groupHeads: Set<string>
  notNames: Set<string>
  demonyms: Set<string>
}

let cached: EntityRegexes | null = null

/*
 * The rules are two regexes, matched by hand below (`gazetteerMatchAt`, `nameEnd`) as a regex
 * engine would match them, for speed; the golden outputs were made with the regexes:
 *
 * Gazetteer names: `(?<![\p{L}\p{N}])(?:${alternation(names)})(?![\p{L}\p{N}])` (flags gu),
 * the alternation longest first, each space in a name as `\s+`.
 *
 * Names: `(?=\p{Lu}|(?:al|el|Al|El)-)(?<![\p{L}\p{N}’'-])${NAME_TOKEN}`
 * `(?:[ \t]+(?:(?:of|for|the|bin|ibn|de)[ \t]+)*${NAME_TOKEN})*` (flags gu), where NAME_TOKEN is
 * `(?:(?:al|el|Al|El)-)?[\p{Lu}][\p{L}\p{M}’']*(?:-(?:(?:al|el)-)?[\p{Lu}][\p{L}\p{M}’']*)*`.
 */

function rx(): EntityRegexes {
  if (cached) return cached
  const lex = lexicons()
  const byName = new Map<string, GazetteerEntry>()
  const entry = (canonical: string, type: EntityType): GazetteerEntry => ({
    canonical,
    type,
    evidence: `gazetteer '${canonical}'`,
  })
  for (const p of lex.places) byName.set(p, entry(p, 'place'))
  for (const o of lex.organisations) {
    for (const n of [o.name, ...o.aliases]) byName.set(n, entry(o.name, o.type))
  }
  // The alternation's order: longest first, ties in insertion order (a stable sort).
  const byFirst = new Map<number, GazetteerName[]>()
  for (const name of [...byName.keys()].sort((a, b) => b.length - a.length)) {
    const first = name.charCodeAt(0)
    const list = byFirst.get(first) ?? []
    list.push({ name, entry: byName.get(name)!, spaced: name.includes(' ') })
    byFirst.set(first, list)
  }
  const byPair: (GazetteerName[] | undefined)[] = new Array<GazetteerName[] | undefined>(
    128 * 128,
  ).fill(undefined)
  const oddFirst = new Uint8Array(128)
  for (const [first, names] of byFirst) {
    for (const g of names) {
      const second = g.name.charCodeAt(1)
      // The text's whitespace is looked up as a space: other whitespace in a name is odd.
      if (first < 128 && second < 128 && (second === 32 || !isJsSpace(second)))
        (byPair[first * 128 + second] ??= []).push(g)
      else if (first < 128) oddFirst[first] = 1
    }
  }
  const titles = [...lex.personTitles].sort((a, b) => b.length - a.length)
  const titleFirstWords = new Set(titles.map((t) => t.split(' ')[0]!.replace(/\.$/, '')))
  const notNames = new Set(lex.notNames)
  const demonyms = new Set(Object.keys(lex.demonyms))
  const leadWordShapes = wordShapes([titleFirstWords, notNames, demonyms, CONNECTORS])
  const orgHeads = new Set(lex.organisationHeads)
  const groupHeads = new Set(lex.groupHeads)
  cached = {
    gazetteerByName: byName,
    gazetteerByFirst: byFirst,
    gazetteerByPair: byPair,
    gazetteerOddFirst: oddFirst,
    gazetteerStart: new RegExp(gazetteerStarts(byFirst, oddFirst), 'g'),
    gazetteerAtNameStarts: [...byName.keys()].every(
      (n) => new RegExp(CAPITAL.source, 'y').test(n) || new RegExp(ARTICLE.source, 'y').test(n),
    ),
    titleBefore: new RegExp(`(?:^|[^\\p{L}])(?:${alternation(titles)})\\.?\\s+$`, 'u'),
    titles,
    titleFirstWords,
    leadWordShapes,
    headWordShapes: wordShapes([orgHeads, groupHeads]),
    titleLastWords: new Set(titles.map((t) => t.split(' ').pop()!.replace(/\.$/, ''))),
    titleLastFirstUnits: titles.reduce((units, t) => {
      units[t.split(' ').pop()!.charCodeAt(0)] = 1
      return units
    }, new Uint8Array(0x10000)),
    titleLastWordMax: Math.max(...titles.map((t) => t.split(' ').pop()!.replace(/\.$/, '').length)),
    orgHeads,
    groupHeads,
    notNames,
    demonyms,
  }
  return cached
}

/** `\\uXXXX` for a UTF-16 code unit: safe in and out of a character class. */
function unitEscape(c: number): string {
  return `\\u${c.toString(16).padStart(4, '0')}`
}

/** The gazetteer names' first two characters as a regex source, each match two characters long. */
function gazetteerStarts(byFirst: Map<number, GazetteerName[]>, oddFirst: Uint8Array): string {
  const starts: string[] = []
  for (const [first, names] of byFirst) {
    if (first >= 128 || oddFirst[first] === 1) {
      starts.push(`${unitEscape(first)}[^]`)
      continue
    }
    // A space in a name is `\s+`.
    const seconds = [...new Set(names.map((g) => g.name.charCodeAt(1)))]
    starts.push(
      `${unitEscape(first)}[${seconds.map((c) => (c === 32 ? '\\s' : unitEscape(c))).join('')}]`,
    )
  }
  return starts.join('|')
}

/** A key that ignores case, accents, "al-" particles and hyphens: "Bashar al-Assad" = "Bashar Assad". */
const keyCache = new Map<string, string>()

export function nameKey(name: string): string {
  const hit = keyCache.get(name)
  if (hit !== undefined) return hit
  const key = computeKey(name)
  // Bounded: a book-length text must not grow the cache without limit.
  if (keyCache.size > 50_000) keyCache.clear()
  keyCache.set(name, key)
  return key
}

function computeKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/'s$/, '')
    .replace(/\b(?:al|el)[-\s]/g, '')
    .replace(/^the\s+/, '')
    .replace(/[-–.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function slug(s: string): string {
  return (
    nameKey(s)
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'entity'
  )
}

const CONNECTORS = new Set(['of', 'for', 'the', 'bin', 'ibn', 'de', 'and'])

function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => w.length > 0 && !CONNECTORS.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('')
}

interface Group {
  mentions: Mention[]
  /** Distinct mention texts in first-seen order, kept up to date so merges need no rescans. */
  texts: Set<string>
  /** Whether some mention has a type (the first typed mention sets the group's type). */
  typed: boolean
  type: EntityType
  canonical: string | null
  evidence: Set<string>
}

/**
 * People, organisations, places and groups named in the text, with aliases clustered:
 * gazetteer aliases, "Long Name (ACR)" and acronym initials, surname-only mentions, and spelling
 * variants that share a name key. `isIncluded` says which offsets to read (comments are not).
 */
export function findEntities(
  docId: string,
  text: string,
  sentences: readonly SentenceSpan[],
  tokens: TokenTable,
  isIncluded: (offset: number) => boolean,
  isTitle: (offset: number) => boolean,
): Entity[] {
  const r = rx()
  const mentions: Mention[] = []
  // Gazetteer names in text order, as start and end pairs: the names below are split around them.
  const claimed: number[] = []
  const claim = (start: number, m: GazetteerMatch): void => {
    if (!isIncluded(start)) return
    // A name written across other whitespace than one space is not the gazetteer's key.
    const name = m.exact?.name ?? text.slice(start, m.end)
    const entry = m.exact?.entry ?? r.gazetteerByName.get(name)
    if (!entry) return
    mentions.push({
      start,
      end: m.end,
      text: name,
      type: entry.type,
      canonical: entry.canonical,
      evidence: entry.evidence,
    })
    claimed.push(start, m.end)
  }
  // Gazetteer names start where names may: one scan finds both, unless the lexicon has a name
  // that starts otherwise.
  const gazetteerInScan = r.gazetteerAtNameStarts
  if (!gazetteerInScan) gazetteerMatches(text, r, claim)
  // Name runs as start and end pairs, typed once every gazetteer name is known.
  const runs: number[] = []
  let gazetteerFrom = 0
  let nameFrom = 0
  // The next capital and the next "al-"/"el-" at or after `from` (-1: none left), each found
  // natively by its own regex: one regex with both alternatives scans several times slower.
  let nextCapital = -2
  let nextArticle = -2
  for (let from = 0; ;) {
    if (nextCapital !== -1 && nextCapital < from) {
      CAPITAL.lastIndex = from
      nextCapital = CAPITAL.test(text) ? CAPITAL.lastIndex - 1 : -1
    }
    if (nextArticle !== -1 && nextArticle < from) {
      ARTICLE.lastIndex = from
      nextArticle = ARTICLE.test(text) ? ARTICLE.lastIndex - 3 : -1
    }
    if (nextCapital < 0 && nextArticle < 0) break
    const p =
      nextArticle < 0 || (nextCapital >= 0 && nextCapital < nextArticle) ? nextCapital : nextArticle
    // Nothing inside "al-" starts a name.
    from = p === nextArticle ? p + 3 : p + 1
    if (gazetteerInScan && p >= gazetteerFrom) {
      const m = gazetteerMatchAt(text, p, r)
      if (m) {
        claim(p, m)
        gazetteerFrom = m.end
      }
    }
    if (p < nameFrom) continue
    const runEnd = nameEnd(text, p)
    if (runEnd < 0) continue
    nameFrom = runEnd
    if (isIncluded(p) && !isTitle(p)) runs.push(p, runEnd)
  }
  // One flag per offset: the lead-word test asks it for every name.
  const sentenceStarts = new Uint8Array(text.length + 1)
  for (const s of sentences) sentenceStarts[s.start] = 1
  let ci = 0
  for (let i = 0; i < runs.length; i += 2) {
    const base = runs[i]!
    const runEnd = runs[i + 1]!
    // Split the run around gazetteer names and possessives, then type each piece.
    let a = base
    while (ci < claimed.length && claimed[ci + 1]! <= base) ci += 2
    for (let j = ci; j < claimed.length && claimed[j]! < runEnd; j += 2) {
      const start = claimed[j]!
      if (start > a) typePossessiveParts(text, a, start, tokens, sentenceStarts, r, mentions)
      a = Math.max(a, claimed[j + 1]!)
    }
    if (a < runEnd) typePossessiveParts(text, a, runEnd, tokens, sentenceStarts, r, mentions)
  }
  return cluster(docId, text, mentions)
}

// ASCII classes of the characters the name and gazetteer regexes test, one bit each: the scans
// below test char codes against this table and ask a regex only about other characters.
const UPPER = 1 // \p{Lu}
const NAME_CHAR = 2 // [\p{L}\p{M}’']
const NOT_BEFORE_NAME = 4 // [\p{L}\p{N}’'-]
const WORD_CHAR = 8 // [\p{L}\p{N}]
const LEAD_CHAR = 16 // [\p{L}\p{M}’'-]
const ASCII_CLASS = new Uint8Array(128)
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
function classAt(text: string, i: number, cls: number): number {
  const c = text.charCodeAt(i)
  if (c < 128) return (ASCII_CLASS[c]! & cls) !== 0 ? 1 : 0
  if (Number.isNaN(c)) return 0 // past the end
  const rx = NON_ASCII_CLASS[cls]!
  rx.lastIndex = i
  return rx.test(text) ? rx.lastIndex - i : 0
}

/** Whether the character (code point) that ends at `i` is in class `cls`, as a lookbehind sees it. */
function classBefore(text: string, i: number, cls: number): boolean {
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

interface GazetteerMatch {
  end: number
  /** The name matched, when the text spells it exactly (one space between words). */
  exact: GazetteerName | null
}

/**
 * The gazetteer regex's match at `p`, by hand: the names that start with the characters there,
 * in the alternation's order, each space as `\s+`; the lookbehind and lookahead as the regex's.
 */
function gazetteerMatchAt(text: string, p: number, r: EntityRegexes): GazetteerMatch | null {
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
function gazetteerMatches(
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

/**
 * Where the name regex's lookahead may hold (global): an ASCII capital or a character outside
 * the ranges without capitals (ASCII, Latin-1 signs, general punctuation, the second half of a
 * surrogate pair), which `nameEnd` tests; "al-"/"el-" is ARTICLE's. Not `u` regexes: those scan
 * slowly.
 */
const CAPITAL = /[A-Z\u00c0-\u1fff\u2070-\udbff\ue000-\uffff]/g
const ARTICLE = /[ae]l-/g

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
 * regex (in the comment above `rx()`) matches: one or more NAME_TOKENs joined by spaces or tabs
 * and the connectors "of", "for", "the", "bin", "ibn", "de"; no backtracking can change the
 * match, as a token never starts with a space or a lower-case connector.
 */
function nameEnd(text: string, p: number): number {
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

/** Types the parts of `start`–`end` around possessive "'s" (most names have no apostrophe). */
function typePossessiveParts(
  text: string,
  start: number,
  end: number,
  tokens: TokenTable,
  sentenceStarts: Uint8Array,
  r: EntityRegexes,
  out: Mention[],
): void {
  let from = start
  // `/[’']s(?=\s|$)/g` over the piece, by char code.
  for (let i = start; i + 1 < end; i++) {
    const c = text.charCodeAt(i)
    if (
      (c === 39 || c === 0x2019) &&
      text.charCodeAt(i + 1) === 115 &&
      (i + 2 === end || isJsSpace(text.charCodeAt(i + 2)))
    ) {
      const m = typeName(text, from, i, tokens, sentenceStarts, r)
      if (m) out.push(m)
      from = i + 2
      i++
    }
  }
  const m = typeName(text, from, end, tokens, sentenceStarts, r)
  if (m) out.push(m)
}

const TITLE_WORD_CHAR = /[\p{L}-]/u

/**
 * Whether a person title ends right before `start` ("President ", "Gen. "): the title regex,
 * run only when the word there is the last word of some title.
 */
function titleBefore(text: string, start: number, r: EntityRegexes): boolean {
  let b = start
  while (b > 0 && isJsSpace(text.charCodeAt(b - 1))) b--
  if (b === start) return false
  if (text.charCodeAt(b - 1) === 46) b--
  let a = b
  for (; a > 0; a--) {
    const c = text.charCodeAt(a - 1)
    const titleChar =
      c < 128
        ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45
        : TITLE_WORD_CHAR.test(text[a - 1]!)
    if (!titleChar) break
  }
  // The word has no stop (letters and hyphens only); longer than every title word, it is none.
  if (
    a === b ||
    b - a > r.titleLastWordMax ||
    r.titleLastFirstUnits[text.charCodeAt(a)] !== 1 ||
    !r.titleLastWords.has(text.slice(a, b))
  )
    return false
  return r.titleBefore.test(text.slice(Math.max(0, start - 30), start))
}

/**
 * The length of the title at `start` with the space after it ("President ", "Gen. "), within
 * the piece that ends at `end`: the longest title first, as `titles` is sorted. 0 when none.
 */
function titleCut(text: string, start: number, end: number, r: EntityRegexes): number {
  for (const t of r.titles) {
    if (!text.startsWith(t, start)) continue
    const after = start + t.length
    if (after + 1 <= end && text.charCodeAt(after) === 32) return t.length + 1
    if (after + 2 <= end && text.charCodeAt(after) === 46 && text.charCodeAt(after + 1) === 32)
      return t.length + 2
  }
  return 0
}

/** How many capital letters `start`–`end` is made of (code points), or -1 if not only those. */
function capitalsOnly(text: string, start: number, end: number): number {
  let n = 0
  for (let i = start; i < end; n++) {
    const w = classAt(text, i, UPPER)
    if (w === 0 || i + w > end) return -1
    i += w
  }
  return n
}

/** `(?:\s+(?:of|for|the|and|bin|ibn|de))+$` cut off the piece `start`–`end`: its new end. */
function trimTrailingConnectors(text: string, start: number, end: number): number {
  for (;;) {
    // Each connector ends in one of these letters: most names end otherwise.
    const c = text.charCodeAt(end - 1)
    if (c !== 102 && c !== 114 && c !== 101 && c !== 100 && c !== 110) return end
    let b = -1
    for (const w of TRAILING_CONNECTORS) {
      if (end - w.length > start && text.startsWith(w, end - w.length)) {
        b = end - w.length
        break
      }
    }
    if (b < 0 || !isJsSpace(text.charCodeAt(b - 1))) return end
    while (b > start && isJsSpace(text.charCodeAt(b - 1))) b--
    end = b
  }
}

const TRAILING_CONNECTORS = ['of', 'for', 'the', 'and', 'bin', 'ibn', 'de']

/**
 * Per ASCII first character, a bit per length (31 for any longer) of the words in `lists`: a
 * word whose bit is clear is in none of them, and needs no substring to look it up.
 */
function wordShapes(lists: Iterable<string>[]): Uint32Array {
  const shapes = new Uint32Array(128)
  for (const words of lists) {
    for (const w of words) {
      const first = w.charCodeAt(0)
      if (first < 128) shapes[first] = shapes[first]! | (1 << Math.min(w.length, 31))
    }
  }
  return shapes
}

/** Whether `text` from `start` to `end` may be a word of the lists `shapes` was made from. */
function mayBeListed(shapes: Uint32Array, text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start)
  // An empty word, or a first character outside ASCII: look it up.
  if (end <= start || first >= 128) return true
  return (shapes[first]! & (1 << Math.min(end - start, 31))) !== 0
}

/** Evidence strings by organisation head word, built once per word. */
const orgHeadEvidence = new Map<string, string>()

function mentionOf(
  start: number,
  end: number,
  text: string,
  type: EntityType | null,
  evidence: string,
): Mention {
  return { start, end, text, type, canonical: null, evidence }
}

function typeName(
  text: string,
  start: number,
  end: number,
  tokens: TokenTable,
  sentenceStarts: Uint8Array,
  r: EntityRegexes,
): Mention | null {
  // Pieces only shrink below, and one under two characters is no name.
  if (end - start < 2) return null
  // Leading words that are not part of the name: "According", "The", demonyms, titles.
  let hasTitle = titleBefore(text, start, r)
  // The last lead word looked up, reused when it is the whole name (its hash is then known).
  let lead = ''
  let leadStart = -1
  let leadEnd = -1
  for (let guard = 0; guard < 8; guard++) {
    // The lead word, `/^\s*([\p{L}\p{M}’'-]+)\s*/u` on the piece, by position: no substrings.
    let wordStart = start
    while (wordStart < end && isJsSpace(text.charCodeAt(wordStart))) wordStart++
    let wordEnd = wordStart
    for (;;) {
      // ASCII inline: most name characters are.
      const c = text.charCodeAt(wordEnd)
      const w =
        c < 128 ? ((ASCII_CLASS[c]! & LEAD_CHAR) !== 0 ? 1 : 0) : classAt(text, wordEnd, LEAD_CHAR)
      if (w === 0 || wordEnd + w > end) break
      wordEnd += w
    }
    if (wordEnd === wordStart) break
    let restStart = wordEnd
    while (restStart < end && isJsSpace(text.charCodeAt(restStart))) restStart++
    const restLength = end - restStart
    // The word lists are asked only when some word in them has the word's first letter and
    // length: most names are in none, and need no substring here.
    const listed = mayBeListed(r.leadWordShapes, text, wordStart, wordEnd)
    // The word has no stop (the class above has none).
    const w = listed ? text.slice(wordStart, wordEnd) : ''
    if (listed) {
      lead = w
      leadStart = wordStart
      leadEnd = wordEnd
    }
    // Only names whose first word can start a title are checked against the title list.
    const cut = listed && r.titleFirstWords.has(w) ? titleCut(text, start, end, r) : 0
    if (cut > 0 && restLength > 0) {
      hasTitle = true
      start += cut
      continue
    }
    const isSentenceStart = sentenceStarts[start] === 1
    if (
      (listed && (r.notNames.has(w) || r.demonyms.has(w) || CONNECTORS.has(w))) ||
      // The tag last: it is the costly test (wink in context for capitalised common words).
      (isSentenceStart &&
        restLength > 0 &&
        capitalsOnly(text, wordStart, wordEnd) < 2 &&
        posAt(tokens, start) !== 'PROPN')
    ) {
      if (restLength === 0) return null
      start = restStart
      continue
    }
    break
  }
  end = trimTrailingConnectors(text, start, end)
  if (end - start < 2) return null
  // The words as `piece.split(/\s+/)` gives them (an empty first or last one included): their
  // count and where the first ends and the last starts.
  let wordCount = 1
  let firstEnd = -1
  let lastStart = start
  for (let i = start; i < end; i++) {
    if (!isJsSpace(text.charCodeAt(i))) continue
    if (firstEnd < 0) firstEnd = i
    wordCount++
    while (i + 1 < end && isJsSpace(text.charCodeAt(i + 1))) i++
    lastStart = i + 1
  }
  if (firstEnd < 0) firstEnd = end
  const piece = start === leadStart && end === leadEnd ? lead : text.slice(start, end)
  if (wordCount === 1 && (r.notNames.has(piece) || r.demonyms.has(piece))) return null
  const capitals = capitalsOnly(text, start, end)
  if (capitals >= 7) return null
  if (hasTitle) return mentionOf(start, end, piece, 'person', 'title before the name (entity-cues)')
  // Head words are looked up only where some head word has the word's shape.
  const lastListed = mayBeListed(r.headWordShapes, text, lastStart, end)
  const last = !lastListed ? '' : wordCount === 1 ? piece : text.slice(lastStart, end)
  if (lastListed && r.orgHeads.has(last) && wordCount > 1) {
    let evidence = orgHeadEvidence.get(last)
    if (evidence === undefined) {
      evidence = `organisation word '${last}' (entity-cues)`
      orgHeadEvidence.set(last, evidence)
    }
    return mentionOf(start, end, piece, 'organisation', evidence)
  }
  if (
    (lastListed && r.groupHeads.has(last)) ||
    (mayBeListed(r.headWordShapes, text, start, firstEnd) &&
      r.groupHeads.has(wordCount === 1 ? piece : text.slice(start, firstEnd)))
  )
    return mentionOf(start, end, piece, 'group', `group word (entity-cues)`)
  if (capitals >= 2) return mentionOf(start, end, piece, 'organisation', 'acronym')
  // Only one- to four-word names use the tag.
  if (wordCount > 4) return null
  // "al-Assad" is three wink tokens; the tag that matters is the one on the capitalised part.
  let capAt = lastStart
  for (let i = lastStart; i < end;) {
    const w = classAt(text, i, UPPER)
    if (w > 0 && i + w <= end) {
      capAt = i
      break
    }
    // Step over a whole surrogate pair, as the regex would.
    const c = text.charCodeAt(i)
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < end ? 2 : 1
  }
  if (posAt(tokens, capAt) !== 'PROPN') return null
  if (wordCount >= 2) return mentionOf(start, end, piece, 'person', 'capitalised name (wink PROPN)')
  // A capitalised word after a place preposition; the regex needs a space right before the name.
  if (
    start > 0 &&
    isJsSpace(text.charCodeAt(start - 1)) &&
    /\b(?:in|near|outside|to|from)\s+$/i.test(text.slice(Math.max(0, start - 8), start))
  )
    return mentionOf(start, end, piece, 'place', 'capitalised name after a place preposition')
  return mentionOf(start, end, piece, null, 'capitalised name (wink PROPN)')
}

const LONG_FORM =
  /((?:[\p{Lu}][\p{L}’'-]*\s+(?:(?:of|for|the|and)\s+)*){1,8}[\p{Lu}][\p{L}’'-]*)\s+\((\p{Lu}{2,6})\)/gu
// Every character LONG_FORM can match before its "(".
const LONG_FORM_CHAR = /^[\p{L}’'\s-]$/u

/**
 * Where `/\(\p{Lu}{2,6}\)/u` next matches from `pos`, or -1: found by `indexOf`, as a `u`
 * regex scans the whole text slowly. Only an exact run of two to six capitals before the ")"
 * matches (")" is no capital, so backtracking finds nothing else).
 */
function acronymInParens(text: string, pos: number): number {
  for (let open = text.indexOf('(', pos); open >= 0; open = text.indexOf('(', open + 1)) {
    let q = open + 1
    let capitals = 0
    for (let w = classAt(text, q, UPPER); w > 0 && capitals < 7; w = classAt(text, q, UPPER)) {
      q += w
      capitals++
    }
    if (capitals >= 2 && capitals <= 6 && text.charCodeAt(q) === 41) return open
  }
  return -1
}

/**
 * The matches of LONG_FORM in `text`, in order, as `text.matchAll(LONG_FORM)` gives them. Run
 * over a whole document, that regex backtracks at every capitalised word; here it only starts
 * where a match can begin: in the run of name characters before an "(ACR)".
 */
function* longForms(text: string): Generator<RegExpExecArray> {
  let pos = 0
  for (;;) {
    const q = acronymInParens(text, pos)
    if (q < 0) return
    let runStart = q
    while (runStart > pos) {
      let c = runStart - 1
      const code = text.charCodeAt(c)
      // An astral letter is two code units; test it whole.
      if (code >= 0xdc00 && code <= 0xdfff && c > pos) {
        const hi = text.charCodeAt(c - 1)
        if (hi >= 0xd800 && hi <= 0xdbff) c--
      }
      // ASCII by char code (letters, ', -, whitespace), others by the regex.
      const isRunChar =
        code < 128
          ? (ASCII_CLASS[code]! & LEAD_CHAR) !== 0 || isJsSpace(code)
          : LONG_FORM_CHAR.test(text.slice(c, runStart))
      if (!isRunChar) break
      runStart = c
    }
    LONG_FORM.lastIndex = runStart
    const m = LONG_FORM.exec(text)
    if (!m) return
    yield m
    pos = m.index + m[0].length
  }
}

function cluster(docId: string, text: string, mentions: Mention[]): Entity[] {
  const groups = new Map<string, Group>()
  // Group keys by canonical name or mention text, built once each: a long document repeats the
  // same names, and a key built per mention is a new string to hash.
  const gazetteerKeys = new Map<string, string>()
  const textKeys = new Map<string, string>()
  const keyOf = (m: Mention): string => {
    const byCanonical = m.canonical !== null
    const keys = byCanonical ? gazetteerKeys : textKeys
    const name = m.canonical ?? m.text
    let k = keys.get(name)
    if (k === undefined) {
      k = byCanonical ? `gaz:${name}` : `key:${nameKey(name)}`
      keys.set(name, k)
    }
    return k
  }
  for (const m of mentions) {
    const k = keyOf(m)
    let g = groups.get(k)
    if (!g) {
      g = {
        mentions: [],
        texts: new Set(),
        typed: false,
        type: m.type ?? 'person',
        canonical: m.canonical,
        evidence: new Set(),
      }
      groups.set(k, g)
    }
    if (m.type && !g.typed) {
      g.type = m.type
      g.typed = true
    }
    g.mentions.push(m)
    g.texts.add(m.text)
    g.evidence.add(m.evidence)
  }
  const merge = (from: string, into: string, why: string): void => {
    const a = groups.get(from)
    const b = groups.get(into)
    if (!a || !b || a === b) return
    for (const m of a.mentions) b.mentions.push(m)
    for (const t of a.texts) b.texts.add(t)
    b.typed ||= a.typed
    for (const e of a.evidence) b.evidence.add(e)
    b.evidence.add(why)
    groups.delete(from)
  }
  // Distinct names per group: a long document repeats the same few names thousands of times,
  // and the merges below compare names, not mentions.
  const textsOf = (g: Group): ReadonlySet<string> => g.texts
  const groupWithText = (pred: (t: string) => boolean): string | undefined => {
    for (const [k, g] of groups) for (const t of g.texts) if (pred(t)) return k
    return undefined
  }
  // "Long Name (ACR)" written out in the text.
  const seenPairs = new Set<string>()
  for (const m of longForms(text)) {
    const acr = m[2]!
    const long = m[1]!
    if (seenPairs.has(`${long}|${acr}`)) continue
    seenPairs.add(`${long}|${acr}`)
    if (initials(long) !== acr && !initials(long).endsWith(acr)) continue
    const acrGroup = groupWithText((t) => t === acr)
    const longGroup = groupWithText((t) => long.endsWith(t) && t.includes(' '))
    if (acrGroup && longGroup) merge(acrGroup, longGroup, `'${long} (${acr})' in the text`)
  }
  // Acronyms whose letters are the initials of a longer name in the document.
  const initialsIndex = new Map<string, string>()
  for (const [k, g] of groups) {
    for (const t of textsOf(g))
      if (t.includes(' ') && !initialsIndex.has(initials(t))) initialsIndex.set(initials(t), k)
  }
  for (const [k, g] of [...groups.entries()]) {
    if (!groups.has(k)) continue
    const acr = [...textsOf(g)].find((t) => /^\p{Lu}{2,6}$/u.test(t))
    if (!acr) continue
    const owner = initialsIndex.get(acr)
    if (owner && owner !== k && groups.has(owner)) merge(k, owner, `acronym '${acr}' = initials`)
  }
  // Surname-only mentions ("Velayati") join the one person whose full name ends with them.
  const surnameOwners = new Map<string, Set<string>>()
  for (const [k, g] of groups) {
    if (g.type !== 'person') continue
    for (const t of textsOf(g)) {
      if (!t.includes(' ')) continue
      const last = nameKey(t).split(' ').pop() ?? ''
      const set = surnameOwners.get(last) ?? new Set<string>()
      set.add(k)
      surnameOwners.set(last, set)
    }
  }
  for (const [k, g] of [...groups.entries()]) {
    if (!groups.has(k)) continue
    const texts = [...textsOf(g)]
    const names = new Set(texts.map((t) => nameKey(t)))
    if (names.size !== 1 || texts.some((t) => t.includes(' '))) continue
    const owners = [...(surnameOwners.get([...names][0]!) ?? [])].filter(
      (o) => o !== k && groups.has(o),
    )
    if (owners.length === 1) merge(k, owners[0]!, `surname '${texts[0]}'`)
  }
  const out: Entity[] = []
  const used = new Set<string>()
  for (const g of groups.values()) {
    if (g.mentions.every((x) => x.type === null) && g.mentions.length < 2) continue
    // Mentions come in text order unless a merge appended others: then sort, and list the
    // texts in their new first-seen order.
    let inOrder = true
    for (let i = 1; i < g.mentions.length && inOrder; i++)
      inOrder = g.mentions[i - 1]!.start <= g.mentions[i]!.start
    let texts: string[]
    if (inOrder) texts = [...g.texts]
    else {
      g.mentions.sort((a, b) => a.start - b.start)
      const seen = new Set<string>()
      for (const x of g.mentions) seen.add(x.text)
      texts = [...seen]
    }
    const name =
      g.canonical && texts.includes(g.canonical)
        ? g.canonical
        : [...texts].sort(
            (a, b) => b.split(/\s+/).length - a.split(/\s+/).length || b.length - a.length,
          )[0]!
    let id = `${docId.slice(0, 16)}:${slug(g.canonical ?? name)}`
    for (let n = 2; used.has(id); n++) id = `${docId.slice(0, 16)}:${slug(name)}-${n}`
    used.add(id)
    const evidence = [...g.evidence]
    out.push({
      id,
      type: g.type,
      name,
      aliases: texts.filter((t) => t !== name),
      mentions: g.mentions.map((x) => ({ start: x.start, end: x.end, text: x.text })),
      evidence,
    })
  }
  out.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0))
  return out
}
