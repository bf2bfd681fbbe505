import type { EntityMention, EntityType } from '../../shared/analysis'
import { posAt, type TokenTable } from './nlp'
import { isJsSpace } from './char-codes'
import { CONNECTORS, mayBeListed, type EntityRegexes } from './entity-lexicon'
import { ASCII_CLASS, LEAD_CHAR, UPPER, classAt } from './name-chars'

export interface Mention extends EntityMention {
  type: EntityType | null
  /** Gazetteer canonical name, when the gazetteer knows it. */
  canonical: string | null
  evidence: string
}

/** Types the parts of `start`–`end` around possessive "'s" (most names have no apostrophe). */
export function typePossessiveParts(
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
export function titleBefore(text: string, start: number, r: EntityRegexes): boolean {
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
  if (a === b) return false
  // The word has no stop (letters and hyphens only). "ex-President": the title is the part
  // after the last hyphen, as the title regex (any non-letter before the title) reads it.
  if (!isTitleLastWord(text, a, b, r)) {
    const hyphen = text.lastIndexOf('-', b - 1)
    if (hyphen < a || !isTitleLastWord(text, hyphen + 1, b, r)) return false
  }
  return r.titleBefore.test(text.slice(Math.max(0, start - 30), start))
}

/** Whether text[a, b) is the last word of a title; longer than every title word, it is none. */
function isTitleLastWord(text: string, a: number, b: number, r: EntityRegexes): boolean {
  return (
    a < b &&
    b - a <= r.titleLastWordMax &&
    r.titleLastFirstUnits[text.charCodeAt(a)] === 1 &&
    r.titleLastWords.has(text.slice(a, b))
  )
}

/**
 * The length of the title at `start` with the spaces after it ("President ", "Gen. "), within
 * the piece that ends at `end`: the longest title first, as `titles` is sorted. 0 when none.
 */
function titleCut(text: string, start: number, end: number, r: EntityRegexes): number {
  for (const t of r.titles) {
    if (!text.startsWith(t, start)) continue
    let after = start + t.length
    if (after < end && text.charCodeAt(after) === 46) after++
    // The spaces or tabs that join the words of a name run, all of them: "President  Obama"
    // once gave the mention " Obama", and a tab kept the title in the name.
    let q = after
    while (q < end && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++
    if (q > after && q < end) return q - start
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
export function trimTrailingConnectors(text: string, start: number, end: number): number {
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
