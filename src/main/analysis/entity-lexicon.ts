import type { EntityType } from '../../shared/analysis'
import { alternation, lexicons } from './lexicons'
import { isJsSpace } from './char-codes'
import { ARTICLE, CAPITAL } from './name-runs'

interface GazetteerEntry {
  canonical: string
  type: EntityType
  /** The mention's evidence, built once: every mention of the name shares the string. */
  evidence: string
}

/** One gazetteer name as the gazetteer regex's alternation tries it. */
export interface GazetteerName {
  name: string
  entry: GazetteerEntry
  /** Whether the name has a space (which the regex takes as `\\s+`). */
  spaced: boolean
}

export interface EntityRegexes {
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
 * The rules are two regexes, matched by hand (`gazetteerMatchAt` in gazetteer-scan.ts, `nameEnd`
 * in name-runs.ts) as a regex engine would match them, for speed; the golden outputs were made
 * with the regexes (entity-scanners.test.ts checks the hand matchers against them):
 *
 * Gazetteer names: `(?<![\p{L}\p{N}])(?:${alternation(names)})(?![\p{L}\p{N}])` (flags gu),
 * the alternation longest first, each space in a name as `\s+`.
 *
 * Names: `(?=\p{Lu}|(?:al|el|Al|El)-)(?<![\p{L}\p{N}’'-])${NAME_TOKEN}`
 * `(?:[ \t]+(?:(?:of|for|the|bin|ibn|de)[ \t]+)*${NAME_TOKEN})*` (flags gu), where NAME_TOKEN is
 * `(?:(?:al|el|Al|El)-)?[\p{Lu}][\p{L}\p{M}’']*(?:-(?:(?:al|el)-)?[\p{Lu}][\p{L}\p{M}’']*)*`.
 */

export function rx(): EntityRegexes {
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

export const CONNECTORS = new Set(['of', 'for', 'the', 'bin', 'ibn', 'de', 'and'])

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
export function mayBeListed(
  shapes: Uint32Array,
  text: string,
  start: number,
  end: number,
): boolean {
  const first = text.charCodeAt(start)
  // An empty word, or a first character outside ASCII: look it up.
  if (end <= start || first >= 128) return true
  return (shapes[first]! & (1 << Math.min(end - start, 31))) !== 0
}
