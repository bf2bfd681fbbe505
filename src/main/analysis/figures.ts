import type { FigureKind, MeasureSpan, Qualifier, Span } from '../../shared/analysis'
import { alternation, firstCharClass, lexicons, type QualifierEntry } from './lexicons'
import { posAt, type SentenceSpan, type TokenTable } from './nlp'
import { isLetterAt, WordSet } from './word-scan'
import { numberWordSource, parseDigits, parseNumberWords, tidy } from './numbers'

/** A figure as found in one sentence, before its context (scope, place, source) is attached. */
export interface RawFigure {
  start: number
  end: number
  /** End of the number with its unit, before any trailing qualifier ("or so"). */
  numberEnd: number
  value: number | null
  low: number | null
  high: number | null
  qualifier: Qualifier
  qualifierText: string | null
  kind: FigureKind
  unit: string | null
  measure: MeasureSpan | null
  subject: Span | null
  sentence: SentenceSpan
  /** For distances: where the "… of Aleppo" part ends, so that place is not taken as the scene. */
  contextEnd: number
  /** The figure this one is a part or an earlier version of ("including nine children"). */
  partOf?: RawFigure
  relation?: 'part' | 'revision'
  evidence: string[]
  confidence: number
}

interface FigureRegexes {
  candidate: RegExp
  candidateSticky: RegExp
  /**
   * Where a candidate can start: a digit, or the first word of a phrase or number word ("a" of
   * "a dozen", "two"), at a word boundary. Null when the lexicon does not allow it; see
   * `startRegex` and `firstWords`.
   */
  candidateStart: RegExp | null
  qualifierBefore: RegExp
  qualifierAfter: RegExp
  scaleAfter: RegExp
  percentAfter: RegExp
  currencyWordAfter: RegExp
  distanceAfter: RegExp
  durationAfter: RegExp
  ageAfter: RegExp
  rateAfter: RegExp
  areaAfter: RegExp
  outOf: RegExp
  measure: RegExp
  /** `measure` without the search: tried at one position. */
  measureSticky: RegExp
  /** Where a measure can start: a surface ("lost their lives") after no ASCII letter. */
  measureStart: RegExp | null
  ratioWords: WordSet
  /** Finds where a ratio word may be: any of them, also inside longer words. */
  ratioHint: RegExp
  /** " times as many", " times higher" after a number: a multiplier, not a count of times. */
  timesAfter: RegExp
  /** "as many", "more" after "twice": the comparison that makes it a multiplier. */
  comparisonAfter: RegExp
  /** The thing multiplied, after the comparison ("cases" in "as many cases as"). */
  multipliedAfter: RegExp
  qualifierByPhrase: Map<string, QualifierEntry>
  /**
   * Last words of the qualifier phrases, for a cheap pre-check: each maps to the words that come
   * before it in those phrases ("least" to "at"), or to null when a phrase is that word alone.
   */
  qualifierEnds: WordTable<WordTable<true> | null>
  measureBySurface: Map<string, string>
  subjectMeasureWords: Set<string>
  /** lex.prefixUnits, looked up in place. */
  prefixUnits: WordTable<string>
  /** Every word the subject rules compare with (see attachSubjectsAndMeasures). */
  subjectRuleWords: WordTable<true>
  durationUnits: Set<string>
  personNouns: Set<string>
  notNames: Set<string>
}

let cached: FigureRegexes | null = null

/**
 * Values by lower-case word, looked up in place: `keyAt(text, start, end)` is the key equal to
 * `text.slice(start, end).toLowerCase()`, if any, but ASCII is folded as it is read instead of
 * cutting and lower-casing a string (a runtime call, and the bulk of the word look-ups here).
 * Text with other characters takes that slow way, which keeps toLowerCase's rules.
 */
class WordTable<V> {
  private readonly byWord = new Map<string, V>()
  /** Key by hash of its characters; null where two keys share a hash (those go the slow way). */
  private readonly byHash = new Map<number, string | null>()

  constructor(entries: Iterable<readonly [string, V]>) {
    for (const [word, value] of entries) {
      this.byWord.set(word, value)
      const h = wordHash(word, 0, word.length)
      const known = this.byHash.get(h)
      this.byHash.set(h, known === undefined || known === word ? word : null)
    }
  }

  keyAt(text: string, start: number, end: number): string | undefined {
    const h = wordHash(text, start, end)
    const word = h === -1 ? null : this.byHash.get(h)
    if (word === undefined) return undefined
    if (word === null) {
      const lower = text.slice(start, end).toLowerCase()
      return this.byWord.has(lower) ? lower : undefined
    }
    if (word.length !== end - start) return undefined
    for (let i = 0; i < word.length; i++) {
      const c = text.charCodeAt(start + i)
      if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(i)) return undefined
    }
    return word
  }

  getAt(text: string, start: number, end: number): V | undefined {
    const key = this.keyAt(text, start, end)
    return key === undefined ? undefined : this.byWord.get(key)
  }
}

/** Hash of text[start, end) lower-cased, or -1 when it has a non-ASCII character. */
function wordHash(text: string, start: number, end: number): number {
  let h = end - start
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c >= 128) return -1
    h = (Math.imul(h, 31) + (c >= 65 && c <= 90 ? c + 32 : c)) & 0x3fffffff
  }
  return h
}

/**
 * A WordTable that answers as `obj[word]` does for lower-case words, inherited names included
 * ("constructor" is Object's): the lexicon lookups it replaces were plain property reads.
 */
function propertyTable<V>(obj: Record<string, V>): WordTable<V> {
  const entries: [string, V][] = Object.entries(obj)
  for (let o: object | null = Object.getPrototypeOf(obj); o; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name === name.toLowerCase() && !Object.hasOwn(obj, name))
        entries.push([name, obj[name] as V])
    }
  }
  return new WordTable(entries)
}

/**
 * `s.toLowerCase().replace(/\s+/g, ' ')`, the key of a phrase matched in the text, without new
 * strings when `s` is one already (most are: "killed", "at least").
 */
function phraseKey(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (
      c >= 128 ||
      (c >= 65 && c <= 90) ||
      (c >= 9 && c <= 13) ||
      (c === 32 && i > 0 && s.charCodeAt(i - 1) === 32)
    )
      return s.toLowerCase().replace(/\s+/g, ' ')
  }
  return s
}

/** A WordTable for a set of words. */
function wordSet(words: Iterable<string>): WordTable<true> {
  return new WordTable([...words].map((w) => [w, true] as const))
}

/**
 * A regex ('gi', no 'u': several times faster to search with) that finds every position where a
 * case-insensitive ('iu') regex over `phrases` can match after `before` (which must let through
 * what that regex's lookbehind does; `alsoAt`: other starts). On ASCII text both read the
 * phrases alike, and a phrase's end in the full regex is a boundary at least as strict. It may
 * find more; the caller tries the full regex there. Null when a phrase is not ASCII or does not
 * start with a letter. Blind to "ſ" and the Kelvin sign (see hasFoldingChar).
 */
function startRegex(phrases: string[] | null, before: string, alsoAt: string): RegExp | null {
  if (!phrases?.every((p) => /^[a-z][\x20-\x7e]*$/i.test(p))) return null
  return new RegExp(`${before}(?:${alsoAt}(?:${alternation(phrases)})(?![A-Za-z]))`, 'gi')
}

/**
 * The first words of `phrases` ("a" for "a dozen"): where a phrase matches, its first word does,
 * as it ends at a space, a hyphen or the phrase's end; a start regex over them is quicker to
 * search with than over the phrases. Null when a phrase does not start with such a word.
 */
function firstWords(phrases: readonly string[]): string[] | null {
  const words = new Set<string>()
  for (const p of phrases) {
    const w = /^[a-z]+(?=[ -]|$)/i.exec(p)
    if (!w) return null
    words.add(w[0].toLowerCase())
  }
  return [...words]
}

// Words that end the thing multiplied ("cases" in "as many cases as in May", "arrests this year").
const MULTIPLIED_STOP =
  '(?:as|than|in|on|at|to|since|over|during|from|by|after|that|this|last|next|were|was|are|is|have|has|had|of)'

function rx(): FigureRegexes {
  if (cached) return cached
  const lex = lexicons()
  const phrases = alternation([
    ...Object.keys(lex.phrases),
    ...Object.keys(lex.fractions),
    ...Object.keys(lex.vague),
  ])
  const nw = numberWordSource()
  // Every candidate starts with a digit or the first letter of a phrase or number word; the
  // lookahead lets the engine skip other positions before the costly lookbehind and alternation.
  const candidateFirst = firstCharClass([
    ...Object.keys(lex.phrases),
    ...Object.keys(lex.fractions),
    ...Object.keys(lex.vague),
    ...Object.keys(lex.units),
    ...Object.keys(lex.tens),
    ...Object.keys(lex.scales),
    '0123456789',
  ])
  // A second lookahead on the first three characters turns away "the", "that", "said" and the
  // like before the lookbehind: every phrase and number word starts with one of these.
  const prefixes = [
    ...Object.keys(lex.phrases),
    ...Object.keys(lex.fractions),
    ...Object.keys(lex.vague),
    ...Object.keys(lex.units),
    ...Object.keys(lex.tens),
    ...Object.keys(lex.scales),
  ].map((k) => k.slice(0, 3))
  const candidatePrefix = `\\d|${alternation(prefixes)}`
  const candidate = `(?=${candidateFirst})(?=${candidatePrefix})(?<![\\p{L}\\p{N}_])(?:(${phrases})|(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)([a-zA-Z]{1,3})?|((?:${nw})(?:(?:\\s+and\\s+|[\\s-]+)(?:${nw}))*))(?![\\p{L}\\p{N}])`
  const qualifierByPhrase = new Map<string, QualifierEntry>()
  for (const q of [...lex.qualifiersBefore, ...lex.qualifiersAfter])
    qualifierByPhrase.set(q.phrase, q)
  const measureBySurface = new Map<string, string>()
  for (const [norm, words] of Object.entries(lex.measures)) {
    for (const w of words) measureBySurface.set(w, norm)
  }
  const measureSource = `(?=${firstCharClass(measureBySurface.keys())})(?<![\\p{L}])(${alternation(measureBySurface.keys())})(?![\\p{L}])`
  const ratioWords = [...Object.keys(lex.ratioWords), ...Object.keys(lex.multiplierWords)]
  cached = {
    candidate: new RegExp(candidate, 'giu'),
    candidateSticky: new RegExp(candidate, 'iuy'),
    candidateStart: startRegex(
      firstWords([
        ...Object.keys(lex.phrases),
        ...Object.keys(lex.fractions),
        ...Object.keys(lex.vague),
        ...Object.keys(lex.units),
        ...Object.keys(lex.tens),
        ...Object.keys(lex.scales),
      ]),
      // After no letter, digit or "_", at a letter or digit: a word boundary (faster to search
      // for than the lookbehind).
      '\\b',
      '\\d|',
    ),
    qualifierBefore: new RegExp(
      `(?:^|[^\\p{L}])(${alternation(lex.qualifiersBefore.map((q) => q.phrase))})\\s+$`,
      'iu',
    ),
    // The regexes read after the number are sticky, tried at its end with `execAt` (no substring
    // of the rest of the sentence per regex); they were anchored with "^" on such a substring.
    qualifierAfter: new RegExp(
      `\\s+(${alternation(lex.qualifiersAfter.map((q) => q.phrase))})(?![\\p{L}])`,
      'iuy',
    ),
    scaleAfter: /\s+(thousand|million|billion|trillion|bn|mn)(?![\p{L}])/iuy,
    percentAfter: new RegExp(`\\s?(${alternation(lex.percentWords)})(?![\\p{L}])`, 'iuy'),
    currencyWordAfter: new RegExp(
      `\\s+(${alternation(Object.keys(lex.currencyWords))})(?![\\p{L}])`,
      'iuy',
    ),
    distanceAfter: new RegExp(
      `(?:\\s+|-)(${alternation(Object.keys(lex.distanceUnits))})(?![\\p{L}])`,
      'iuy',
    ),
    durationAfter: new RegExp(
      `(?:\\s+|-)(${alternation(Object.keys(lex.durationUnits))})(?![\\p{L}])`,
      'iuy',
    ),
    ageAfter: /(?:\s+|-)(?:years?|months?)(?:\s+|-)old(?![\p{L}])/iuy,
    // Rates and areas come before distances: "140 km/h" is a speed, "300 square miles" an area.
    rateAfter: new RegExp(`\\s?(${alternation(Object.keys(lex.rateUnits))})(?![\\p{L}])`, 'iuy'),
    areaAfter: new RegExp(`\\s?(${alternation(Object.keys(lex.areaUnits))})(?![\\p{L}])`, 'iuy'),
    outOf: /\s+(?:out\s+of|in)\s+(\d+|[a-z]+)(?![\p{L}\p{N}])/iuy,
    // The first-character lookahead lets the engine skip most positions: same matches.
    measure: new RegExp(measureSource, 'giu'),
    measureSticky: new RegExp(measureSource, 'iuy'),
    measureStart: startRegex([...measureBySurface.keys()], '(?<![A-Za-z])', ''),
    ratioWords: new WordSet(ratioWords),
    // A word of the set always contains a hit: under 'i' every character that lower-cases to
    // an ASCII letter matches it, but for "k" (the Kelvin sign), which needs 'u' (twice slower).
    ratioHint: new RegExp(
      alternation(ratioWords),
      ratioWords.some((w) => /k/i.test(w)) ? 'giu' : 'gi',
    ),
    timesAfter: new RegExp(
      `(\\s+times)\\s+(?:${alternation(lex.multiplierComparisons)})(?![\\p{L}])`,
      'iuy',
    ),
    comparisonAfter: new RegExp(
      `^\\s+(?:${alternation(lex.multiplierComparisons)})(?![\\p{L}])`,
      'iu',
    ),
    multipliedAfter: new RegExp(
      `^\\s+(?:(?:the\\s+)?(?:number|size|amount|level|rate|strength)\\s+of\\s+)?(?!${MULTIPLIED_STOP}\\b)((?:[\\p{L}’'-]+\\s+){0,3}?[\\p{L}’'-]+)(?=\\s+${MULTIPLIED_STOP}\\b|\\s*[,.;:”"]|\\s*$)`,
      'iu',
    ),
    qualifierByPhrase,
    qualifierEnds: qualifierEnds(lex.qualifiersBefore.map((q) => q.phrase)),
    measureBySurface,
    subjectMeasureWords: new Set(lex.measureSubjectWords),
    prefixUnits: propertyTable(lex.prefixUnits),
    subjectRuleWords: wordSet([
      ...FUNCTION_WORDS,
      ...['of', 'and', 'or', 'from', 'the', 'its', 'their'],
      ...measureBySurface.keys(),
      ...lex.measureSubjectWords,
    ]),
    durationUnits: new Set(Object.keys(lex.durationUnits)),
    personNouns: new Set(lex.personNouns),
    notNames: new Set(lex.notNames),
  }
  return cached
}

function qualifierEnds(phrases: readonly string[]): WordTable<WordTable<true> | null> {
  const ends = new Map<string, Set<string> | null>()
  for (const phrase of phrases) {
    const words = phrase.split(' ')
    const last = words[words.length - 1]!
    const before = words[words.length - 2]
    // One word, or a phrase the word-by-word check may not read as the regex does: always run it.
    if (before === undefined || !/^[a-z]+(?: [a-z]+)+$/.test(phrase)) ends.set(last, null)
    else {
      const known = ends.get(last)
      if (known === undefined) ends.set(last, new Set([before]))
      else known?.add(before)
    }
  }
  return new WordTable([...ends].map(([w, before]) => [w, before && wordSet(before)] as const))
}

interface Parsed {
  value: number
  end: number
  kind: 'digits' | 'words' | 'phrase'
  scaled: boolean
  /** A unit glued to the digits ("5km"). */
  gluedUnit: string | null
  isPercent: boolean
}

/** Parses the candidate match `m` found at sentence offset `m.index`. Null when it is no number. */
function parseCandidate(m: RegExpExecArray, s: string): Parsed | null {
  const lex = lexicons()
  const start = m.index
  if (m[1] !== undefined) {
    const key = phraseKey(m[1])
    // Vague amounts have no point value; the caller reads their interval from the lexicon.
    const v = lex.phrases[key] ?? lex.fractions[key] ?? (lex.vague[key] ? 0 : undefined)
    if (v === undefined) return null
    return {
      value: v,
      end: start + m[1].length,
      kind: 'phrase',
      scaled: false,
      gluedUnit: null,
      isPercent: false,
    }
  }
  if (m[2] !== undefined) {
    let value = parseDigits(m[2])
    let scaled = false
    let gluedUnit: string | null = null
    let isPercent = false
    const suffix = m[3]
    if (suffix !== undefined) {
      const scale = lex.scaleSuffixes[suffix] ?? lex.scaleSuffixes[suffix.toLowerCase()]
      if (scale !== undefined && /^(?:k|K|m|M|mn|bn|b|tn|mln)$/.test(suffix)) {
        value *= scale
        scaled = true
      } else if (lex.distanceUnits[suffix.toLowerCase()] !== undefined && suffix.length > 1) {
        gluedUnit = lex.distanceUnits[suffix.toLowerCase()]!
      } else if (suffix.toLowerCase() === 'pc') {
        isPercent = true
      } else return null
    }
    void s
    return { value, end: start + m[0].length, kind: 'digits', scaled, gluedUnit, isPercent }
  }
  if (m[4] !== undefined) {
    const p = parseNumberWords(m[4])
    if (!p) return null
    return {
      value: p.value,
      end: start + p.length,
      kind: 'words',
      scaled: false,
      gluedUnit: null,
      isPercent: false,
    }
  }
  return null
}

const FUNCTION_WORDS = new Set([
  'have',
  'has',
  'had',
  'were',
  'was',
  'are',
  'is',
  'be',
  'been',
  'being',
  'will',
  'would',
  'could',
  'can',
  'may',
  'might',
  'must',
  'should',
  'who',
  'which',
  'that',
  'whose',
  'in',
  'on',
  'at',
  'near',
  'since',
  'during',
  'by',
  'according',
  'to',
  'for',
  'among',
  'with',
  'as',
  'than',
  'or',
  'but',
  'while',
  'after',
  'before',
  'because',
  'if',
  'when',
  'where',
  'including',
  'into',
  'across',
  'per',
  'over',
  'under',
  'this',
  'last',
  'each',
  'every',
  'a',
  'an',
])

const PLACE_AFTER_DISTANCE =
  /^\s+(?:(?:south|north|east|west)(?:-?(?:east|west))?(?:ern)?|southwest|southeast|northwest|northeast|from|outside|away\s+from|of)\s+(?:of\s+)?(?:the\s+)?(?:[\p{Lu}][\p{L}’'-]*)(?:\s+[\p{Lu}][\p{L}’'-]*)*/u

const WORD_CHAR = /[\p{L}\p{N}'’.-]/u

/** The word right after (dir 1) or before (dir -1) `from`, skipping spaces. Scans by hand: hot path. */
function wordAt(s: string, from: number, dir: 1 | -1): string {
  if (dir === 1) {
    let a = from
    while (a < s.length && (s[a] === ' ' || s[a] === '\t' || s[a] === '\n')) a++
    let b = a
    while (b < s.length && b - a < 60 && isWordCharAt(s, b)) b++
    return s.slice(a, b)
  }
  let b = from
  while (b > 0 && (s[b - 1] === ' ' || s[b - 1] === '\t' || s[b - 1] === '\n')) b--
  let a = b
  while (a > 0 && b - a < 40 && isWordCharAt(s, a - 1)) a--
  return s.slice(a, b)
}

const SPACE = /\s/

/** WORD_CHAR.test(s[i]), decided without the regex (and a one-character string) for ASCII. */
function isWordCharAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i)
  if (c < 128) return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 39 || c === 46 || c === 45
  return WORD_CHAR.test(s[i]!)
}

/** SPACE.test(s[i]), decided without the regex for ASCII (tab to carriage return, space). */
function isSpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i)
  if (c < 128) return c === 32 || (c >= 9 && c <= 13)
  return SPACE.test(s[i]!)
}

/**
 * The word that `lead` ends with, before trailing space and an optional "of " ("magnitude ",
 * "a magnitude of "): what /([\p{L}]+)\s+(?:of\s+)?$/u captures, scanned from the end.
 */
function wordBeforeEnd(lead: string): string | null {
  const b = spaceRunBefore(lead, lead.length)
  if (b === lead.length) return null
  const a = letterRunBefore(lead, b)
  if (a === b) return null
  if (lead.slice(a, b) === 'of') {
    const b2 = spaceRunBefore(lead, a)
    if (b2 < a) {
      const a2 = letterRunBefore(lead, b2)
      if (a2 < b2) return lead.slice(a2, b2)
    }
  }
  return lead.slice(a, b)
}

// Module functions, not closures: this runs for every number, and a closure per call was a
// measurable share of the figures phase.
/** Whether sentence offsets [a, b) overlap a blocked document span; `base` is the sentence start. */
function isBlocked(
  blocked: readonly { start: number; end: number }[],
  base: number,
  a: number,
  b: number,
): boolean {
  for (let k = 0; k < blocked.length; k++) {
    const x = blocked[k]!
    if (base + a < x.end && base + b > x.start) return true
  }
  return false
}

function letterRunBefore(lead: string, end: number): number {
  let a = end
  while (a > 0 && isLetterAt(lead, a - 1, false)) a--
  return a
}

function spaceRunBefore(lead: string, end: number): number {
  let a = end
  while (a > 0 && isSpaceAt(lead, a - 1)) a--
  return a
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/**
 * Whether `r.qualifierBefore` can match s[windowStart, at): the word before `at` (as wordAt reads
 * it) must end a qualifier phrase, and when all such phrases have several words, the run of
 * letters before it (after white space) must be the word before in one of them ("at" before
 * "least"), as the regex reads it: cut at the window's start. Non-ASCII letters there, which
 * case-fold in ways lower-casing does not, leave the decision to the regex.
 */
function mayEndQualifier(r: FigureRegexes, s: string, at: number, windowStart: number): boolean {
  let b = at
  while (b > 0 && (s[b - 1] === ' ' || s[b - 1] === '\t' || s[b - 1] === '\n')) b--
  let a = b
  while (a > 0 && b - a < 40 && isWordCharAt(s, a - 1)) a--
  const before = r.qualifierEnds.getAt(s, a, b)
  if (before === undefined) return false
  // A word cut by the window's start: rare, and the regex reads the cut word.
  if (before === null || a < windowStart) return true
  let e = a
  while (e > windowStart && isSpaceAt(s, e - 1)) e--
  if (e === a) return false
  let d = e
  while (d > windowStart && isAsciiLetter(s.charCodeAt(d - 1))) d--
  if (d > windowStart && s.charCodeAt(d - 1) >= 128) return true
  return before.keyAt(s, d, e) !== undefined
}

/**
 * `r.candidate.exec(s)`, same match and same `lastIndex`, but the sticky regex is tried only
 * where the start regex (no Unicode mode, no lookbehind over \p classes) finds that a candidate
 * can start: the global regex tried its lookaheads and lookbehind at every position, a third of
 * the figures phase. `folds` says the sentence has a character the start regex cannot see.
 */
function nextCandidate(s: string, r: FigureRegexes, folds: boolean): RegExpExecArray | null {
  const start = r.candidateStart
  if (start === null || folds) return r.candidate.exec(s)
  start.lastIndex = r.candidate.lastIndex
  for (let h = start.exec(s); h; h = start.exec(s)) {
    r.candidateSticky.lastIndex = h.index
    const m = r.candidateSticky.exec(s)
    if (m) {
      r.candidate.lastIndex = h.index + m[0].length
      return m
    }
    start.lastIndex = h.index + 1
  }
  r.candidate.lastIndex = 0
  return null
}

// The only characters that match an ASCII letter under 'iu' without being one: "ſ" and the
// Kelvin sign. Start regexes without 'u' do not see them as letters.
function hasFoldingChar(s: string): boolean {
  return s.indexOf('\u017f') >= 0 || s.indexOf('\u212a') >= 0
}

/** The signs of the currency regex (`/(US\$|[$£€¥₹])\s?$/`), by character code. */
const CURRENCY_SIGNS = new Set([...'$£€¥₹'].map((c) => c.charCodeAt(0)))
const AGE = /age/i

/**
 * Whether s[.., at) ends with `word` (lower-case ASCII letters) in any case, then white space:
 * what /word\s+$/i needs there.
 */
function endsWithWordAndSpace(s: string, at: number, word: string): boolean {
  let e = at
  while (e > 0 && isSpaceAt(s, e - 1)) e--
  if (e === at || e < word.length) return false
  for (let k = 0; k < word.length; k++) {
    const c = s.charCodeAt(e - word.length + k)
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(k)) return false
  }
  return true
}

/**
 * Finds the figures of one sentence: numbers with their qualifier, interval, kind, unit, subject
 * and measure. `blocked` are date and time-scope spans whose digits are not figures.
 */
export function findSentenceFigures(
  text: string,
  sent: SentenceSpan,
  blocked: readonly { start: number; end: number }[],
  tokens: TokenTable,
): RawFigure[] {
  const r = rx()
  const lex = lexicons()
  const s = text.slice(sent.start, sent.end)
  const out: RawFigure[] = []
  r.candidate.lastIndex = 0
  const folds = hasFoldingChar(s)
  for (let m = nextCandidate(s, r, folds); m; m = nextCandidate(s, r, folds)) {
    const parsed = parseCandidate(m, s)
    const i = m.index
    if (!parsed) continue
    r.candidate.lastIndex = Math.max(parsed.end, i + 1)
    const evidence: string[] = []
    let end = parsed.end
    let value: number = parsed.value
    let kind: FigureKind = 'count'
    let unit: string | null = parsed.gluedUnit
    let isVague = false
    let vagueRange: [number, number] | null = null
    let rangeHigh: number | null = null
    const raw = m[0].slice(0, parsed.end - i)
    if (isBlocked(blocked, sent.start, i, end)) continue
    // Index checked first: reading before a string's start is a slow lookup in V8.
    const prevChar = i > 0 ? s[i - 1]! : ''
    if (parsed.kind === 'digits') {
      const nextText = s.slice(end, end + 40)
      // Times, scores and codes: "10:30", "3/4", "F-16", "COVID-19".
      if (/^[:/]\d/.test(nextText) || prevChar === ':' || prevChar === '/') continue
      if (prevChar === '-' && /\p{L}/u.test(s[i - 2] ?? '')) continue
      if (/^\s*(?:a\.m\.|p\.m\.|am|pm|GMT|UTC|BST|local time)(?![\p{L}])/iu.test(nextText)) continue
      // List markers ("  1. Isis has…"): a small number alone at the start of a line.
      const abs = sent.start + i
      const back = text.slice(Math.max(0, abs - 12), abs)
      const atLineStart = /\n[ \t]*$/.test(back) || (abs <= 12 && /^[ \t]*$/.test(back))
      const docNext = text.slice(sent.start + parsed.end, sent.start + parsed.end + 2)
      if (atLineStart && /^[.)](?:\s|$)/.test(docNext) && value < 100) continue
      const prevWord = wordAt(s, i, -1)
      if (/^(?:No\.?|no\.|number|Number|#)$/.test(prevWord) || prevChar === '#') continue
      // "Resolution 2254", "Boeing 737": a bare number right after a capitalised name is part of it.
      if (
        !parsed.scaled &&
        /^[\p{Lu}][\p{L}]*$/u.test(prevWord) &&
        /^ $/.test(s.slice(i - 1, i)) &&
        !r.notNames.has(prevWord) &&
        !r.qualifierByPhrase.has(prevWord.toLowerCase()) &&
        !/^\s*(?:%|per\s*cent|percent)/i.test(nextText) &&
        posAt(tokens, sent.start + i - prevWord.length - 1) === 'PROPN'
      ) {
        continue
      }
      evidence.push(`number '${raw}'`)
    } else if (parsed.kind === 'words') {
      const w = raw.toLowerCase()
      if (w === 'one') {
        const next = wordAt(s, end, 1).toLowerCase()
        const prev = wordAt(s, i, -1).toLowerCase()
        if (
          !/^[a-z]/.test(next) ||
          [
            'of',
            'another',
            'more',
            'thing',
            'way',
            'hand',
            'side',
            'day',
            'time',
            'who',
            'that',
          ].includes(next)
        )
          continue
        if (
          [
            'no',
            'any',
            'every',
            'each',
            'the',
            'this',
            'that',
            'which',
            'only',
            'someone',
          ].includes(prev)
        )
          continue
      }
      evidence.push(`number words '${raw}' (figure-numbers)`)
    } else {
      const key = phraseKey(raw)
      const vague = lex.vague[key]
      if (vague) {
        const next = wordAt(s, end, 1).toLowerCase()
        const after = s.slice(end).replace(/^\s+of\s+/i, ' ')
        const noun = wordAt(after, 0, 1).toLowerCase()
        if (r.durationUnits.has(noun) || r.durationUnits.has(next)) continue
        if (key === 'scores' && next !== 'of') continue
        if (['several', 'a few', 'a handful'].includes(key) && !/^[a-z]/.test(next)) continue
        if (!/^[a-z]/.test(next) && !/^\s*[,.;]?\s*$/.test(s.slice(end, end + 2))) continue
        isVague = true
        vagueRange = vague
        evidence.push(`vague amount '${raw}' (figure-numbers)`)
      } else if (lex.fractions[key] !== undefined) {
        kind = 'ratio'
        unit = 'fraction'
        evidence.push(`fraction '${raw}' (figure-numbers)`)
      } else {
        evidence.push(`amount phrase '${raw}' (figure-numbers)`)
      }
    }

    // Scale words, ranges, units: read rightwards from the number.
    if (!parsed.scaled && !isVague && parsed.kind !== 'phrase') {
      const sc = execAt(r.scaleAfter, s, end)
      if (sc) {
        value *= lex.scaleSuffixes[sc[1]!.toLowerCase()] ?? 1
        end += sc[0].length
      }
    }
    let qStart = i
    // The 40 characters before the number, cut only where a regex needs them.
    const beforeStart = Math.max(0, i - 40)
    const isBetween =
      endsWithWordAndSpace(s, i, 'between') &&
      /(?:^|[^\p{L}])between\s+$/iu.test(s.slice(beforeStart, i))
    if (!isVague) {
      const joiner = execAt(RANGE_JOINER, s, end)
      const joinWord = joiner?.[0].trim().toLowerCase()
      const allowed =
        joiner &&
        (joinWord !== 'and' || isBetween) &&
        !(joinWord === 'to' && /(?:^|[^\p{L}])from\s+$/iu.test(s.slice(beforeStart, i)))
      if (joiner && allowed) {
        r.candidateSticky.lastIndex = end + joiner[0].length
        const m2 = r.candidateSticky.exec(s)
        const p2 = m2 ? parseCandidate(m2, s) : null
        if (m2 && p2 && p2.kind !== 'phrase' && !isBlocked(blocked, sent.start, m2.index, p2.end)) {
          let v2 = p2.value
          let end2 = p2.end
          const sc2 = !p2.scaled ? execAt(r.scaleAfter, s, end2) : null
          let scale2 = 1
          if (sc2) {
            scale2 = lex.scaleSuffixes[sc2[1]!.toLowerCase()] ?? 1
            v2 *= scale2
            end2 += sc2[0].length
          } else if (p2.scaled && m2[3]) scale2 = lex.scaleSuffixes[m2[3]] ?? 1
          // "12-15k": the scale written once applies to both ends.
          if (scale2 > 1 && value < v2 / scale2 + 1 && value * scale2 <= v2) value *= scale2
          if (v2 > value) {
            if (isBetween) {
              const bw = /between\s+$/i.exec(s.slice(Math.max(0, i - 12), i))
              if (bw) qStart = i - bw[0].length
            }
            rangeHigh = v2
            end = end2
            r.candidate.lastIndex = end2
            evidence.push(`range '${s.slice(i, end2)}'`)
          }
        }
      }
    }
    const pct = execAt(r.percentAfter, s, end)
    if (parsed.isPercent || pct) {
      kind = 'percent'
      unit = '%'
      if (pct) end += pct[0].length
    }
    // A currency sign right before the number, or before one white space: else no regex run.
    const signBefore =
      i > 0 &&
      (CURRENCY_SIGNS.has(s.charCodeAt(i - 1)) ||
        (i > 1 && isSpaceAt(s, i - 1) && CURRENCY_SIGNS.has(s.charCodeAt(i - 2))))
    const sym = signBefore ? /(US\$|[$£€¥₹])\s?$/.exec(s.slice(Math.max(0, i - 3), i)) : null
    if (sym && kind === 'count') {
      kind = 'money'
      unit = lex.currencySymbols[sym[1]!] ?? sym[1]!
      qStart = i - sym[0].length
      evidence.push(`currency '${sym[1]}' (figure-units)`)
    }
    const cw = kind === 'count' ? execAt(r.currencyWordAfter, s, end) : null
    if (cw) {
      kind = 'money'
      unit = lex.currencyWords[cw[1]!.toLowerCase()] ?? cw[1]!
      end += cw[0].length
      evidence.push(`currency '${cw[1]}' (figure-units)`)
    }
    let contextEnd = end
    const rate = kind === 'count' && !isVague ? execAt(r.rateAfter, s, end) : null
    const area = kind === 'count' && !isVague && !rate ? execAt(r.areaAfter, s, end) : null
    const outOf =
      kind === 'count' && !isVague && rangeHigh === null ? execAt(r.outOf, s, end) : null
    const outOfTotal = outOf
      ? /^\d+$/.test(outOf[1]!)
        ? parseDigits(outOf[1]!)
        : (parseNumberWords(outOf[1]!)?.value ?? null)
      : null
    if (rate) {
      kind = 'rate'
      unit = lex.rateUnits[rate[1]!.toLowerCase()] ?? rate[1]!
      end += rate[0].length
      evidence.push(`rate unit '${unit}' (figure-units)`)
    } else if (area) {
      kind = 'other'
      unit = lex.areaUnits[area[1]!.toLowerCase()] ?? area[1]!
      end += area[0].length
      evidence.push(`area unit '${unit}' (figure-units)`)
    } else if (outOf && outOfTotal && outOfTotal > value) {
      // "nine out of ten members": a share, not a count of nine.
      kind = 'ratio'
      unit = 'fraction'
      value = tidy(value / outOfTotal)
      end += outOf[0].length
      r.candidate.lastIndex = Math.max(r.candidate.lastIndex, end)
      evidence.push(`share '${s.slice(i, end)}'`)
    }
    let multiplied: { start: number; end: number; text: string } | null = null
    const times =
      kind === 'count' && !isVague && rangeHigh === null ? execAt(r.timesAfter, s, end) : null
    if (times) {
      // "10 times as many cases as": a multiplier of the cases, not ten of something.
      kind = 'ratio'
      unit = 'times'
      const compEnd = end + times[0].length
      end += times[1]!.length
      evidence.push(`multiplier '${s.slice(i, compEnd)}' (figure-numbers: multiplierComparisons)`)
      multiplied = multipliedSubject(s, compEnd, sent.start)
    }
    if (kind === 'count' && !isVague) {
      const age = execAt(r.ageAfter, s, end)
      const dist = unit ? null : execAt(r.distanceAfter, s, end)
      const dur = execAt(r.durationAfter, s, end)
      if (age) {
        const noun = wordAt(s, end + age[0].length, 1).toLowerCase()
        // "the country's five-year-old war" is an age of a thing, not a figure a reader compares.
        if (/^[a-z]/.test(noun) && !r.personNouns.has(noun.replace(/s$/, ''))) continue
        kind = 'age'
        unit = 'years'
        end += age[0].length
        evidence.push('age ("-year-old")')
      } else if (dist || unit) {
        kind = 'distance'
        if (dist) {
          unit = lex.distanceUnits[dist[1]!.toLowerCase()] ?? dist[1]!
          end += dist[0].length
        }
        evidence.push(`distance unit '${unit}' (figure-units)`)
        const place = PLACE_AFTER_DISTANCE.exec(s.slice(end))
        contextEnd = end + (place ? place[0].length : 0)
      } else if (dur) {
        if (isBlocked(blocked, sent.start, i, end + dur[0].length)) continue
        kind = 'duration'
        unit = lex.durationUnits[dur[1]!.toLowerCase()] ?? dur[1]!
        end += dur[0].length
        evidence.push(`duration unit '${unit}' (figure-units)`)
      }
    }

    if (kind === 'count' && !isVague) {
      const lead = s.slice(Math.max(0, i - 40), i)
      const prefix = wordBeforeEnd(lead)
      const prefixUnit = prefix ? r.prefixUnits.getAt(prefix, 0, prefix.length) : undefined
      // Both regexes need "age": a quick search first.
      if (
        AGE.test(lead) &&
        (/\b(?:age|ages|aged)\s+(?:of\s+|from\s+|to\s+|at\s+|between\s+)?$/i.test(lead) ||
          /\bage\s+from\s+\d+\s+to\s+$/i.test(lead))
      ) {
        kind = 'age'
        unit = 'years'
        evidence.push("age ('age' before the number)")
      } else if (prefixUnit) {
        kind = 'other'
        unit = prefixUnit
        evidence.push(`reading on a scale '${prefix!}' (figure-units: prefixUnits)`)
      }
    }
    // Qualifier: the longest lexicon phrase right before the number.
    let qualifier: Qualifier = 'exact'
    let qualifierText: string | null = null
    let entry: QualifierEntry | undefined
    const windowStart = Math.max(0, qStart - 40)
    // Most numbers have no qualifier: only run the regex when the words before could be one.
    const qb = mayEndQualifier(r, s, qStart, windowStart)
      ? r.qualifierBefore.exec(s.slice(windowStart, qStart))
      : null
    if (qb) {
      const phrase = phraseKey(qb[1]!)
      entry = r.qualifierByPhrase.get(phrase)
      if (entry && !(phrase === 'some' && isVague)) {
        qualifierText = qb[1]!
        qStart = windowStart + qb.index + qb[0].indexOf(qb[1]!)
        evidence.push(`qualifier '${qualifierText}' (figure-qualifiers: ${entry.qualifier})`)
      } else entry = undefined
    }
    let tailEnd = end
    if (!entry) {
      const qa = execAt(r.qualifierAfter, s, end)
      if (qa) {
        entry = r.qualifierByPhrase.get(phraseKey(qa[1]!))
        if (entry) {
          qualifierText = qa[1]!
          tailEnd = end + qa[0].length
          evidence.push(
            `qualifier '${qualifierText}' after the number (figure-qualifiers: ${entry.qualifier})`,
          )
        }
      }
    }
    let low: number | null
    let high: number | null
    let pointValue: number | null = value
    if (isVague && vagueRange) {
      qualifier = 'vague'
      pointValue = null
      low = vagueRange[0]
      high = vagueRange[1]
      if (entry?.qualifier === 'at_least' || entry?.qualifier === 'more_than') high = null
    } else if (rangeHigh !== null) {
      pointValue = tidy((value + rangeHigh) / 2)
      low = value
      high = rangeHigh
      qualifier = entry?.qualifier ?? 'about'
      if (entry && (entry.qualifier === 'at_most' || entry.qualifier === 'less_than')) low = 0
      if (entry && (entry.qualifier === 'at_least' || entry.qualifier === 'more_than')) high = null
    } else if (entry) {
      qualifier = entry.qualifier
      low = entry.low === null ? null : tidy(value * entry.low)
      high = entry.high === null ? null : tidy(value * entry.high)
    } else {
      low = value
      high = value
    }
    if (qualifierText === null && entry === undefined && rangeHigh === null && !isVague) {
      evidence.push('no qualifier: exact')
    }
    r.candidate.lastIndex = Math.max(r.candidate.lastIndex, tailEnd)
    let confidence = parsed.kind === 'digits' ? 0.9 : parsed.kind === 'words' ? 0.85 : 0.8
    if (isVague) confidence = 0.7
    out.push({
      start: sent.start + qStart,
      end: sent.start + tailEnd,
      numberEnd: sent.start + end,
      value: pointValue,
      low,
      high,
      qualifier,
      qualifierText,
      kind,
      unit,
      measure: null,
      subject: multiplied,
      sentence: sent,
      contextEnd: sent.start + contextEnd,
      evidence,
      confidence,
    })
  }
  // Most sentences have no ratio word: a regex over the sentence finds where one may be, and
  // the run of letters around each hit is the word forEachWord would have seen there.
  r.ratioHint.lastIndex = 0
  for (let h = r.ratioHint.exec(s); h; h = r.ratioHint.exec(s)) {
    let a = h.index
    while (a > 0 && isLetterAt(s, a - 1, false)) a--
    let b = h.index
    while (b < s.length && isLetterAt(s, b, false)) b++
    r.ratioHint.lastIndex = b
    if (!r.ratioWords.hasAt(s, a, b)) continue
    const start = sent.start + a
    const end = sent.start + b
    const word = text.slice(start, end)
    const multiplier = lex.multiplierWords[word.toLowerCase()]
    if (multiplier !== undefined) {
      const comp = r.comparisonAfter.exec(text.slice(end, sent.end))
      if (comp) out.push(multiplierFigure(text, sent, start, end, multiplier, comp[0].length))
      continue
    }
    const factor = lex.ratioWords[word.toLowerCase()]
    if (factor === undefined) continue
    if (
      posAt(tokens, start) !== 'VERB' &&
      posAt(tokens, start) !== 'ADJ' &&
      posAt(tokens, start) !== 'ADV'
    )
      continue
    const qb = r.qualifierBefore.exec(text.slice(Math.max(sent.start, start - 40), start))
    const entry = qb ? r.qualifierByPhrase.get(phraseKey(qb[1]!)) : undefined
    const qStart = entry && qb ? start - (qb[0].length - qb[0].indexOf(qb[1]!)) : start
    const fig: RawFigure = {
      start: qStart,
      end,
      numberEnd: end,
      value: factor,
      low: entry ? (entry.low === null ? null : tidy(factor * entry.low)) : factor,
      high: entry ? (entry.high === null ? null : tidy(factor * entry.high)) : factor,
      qualifier: entry?.qualifier ?? 'exact',
      qualifierText: entry && qb ? qb[1]! : null,
      kind: 'ratio',
      unit: 'times',
      measure: null,
      subject: null,
      sentence: sent,
      contextEnd: end,
      evidence: [`ratio word '${word}' = ×${factor} (figure-numbers: ratioWords)`],
      confidence: 0.75,
    }
    const after =
      /^\s+(?:the\s+(?:number|size|amount|strength)\s+of\s+)?((?:[\p{L}’'-]+\s+){0,4}?[\p{L}’'-]+)(?=\s+(?:in|on|at|to|since|over|during|from|by|after)\b|\s*[,.;”"]|\s*$)/u.exec(
        text.slice(end, sent.end),
      )
    if (after) {
      const a = end + after[0].lastIndexOf(after[1]!)
      fig.subject = { start: a, end: a + after[1]!.length, text: after[1]! }
    }
    out.push(fig)
  }
  if (out.length > 1) out.sort(byStart)
  attachSubjectsAndMeasures(text, out, tokens, folds)
  return out
}

/** What joins the ends of a range ("12-15", "12 to 15"); sticky, see execAt. */
const RANGE_JOINER = /\s*(?:-|–|—|to|and)\s*/iy

/** `re` (sticky) tried at `at` in `s`. */
function execAt(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at
  return re.exec(s)
}

function byStart(a: RawFigure, b: RawFigure): number {
  return a.start - b.start
}

/** The words multiplied, after a comparison ending at sentence offset `from` ("cases"). */
function multipliedSubject(
  s: string,
  from: number,
  base: number,
): { start: number; end: number; text: string } | null {
  const m = rx().multipliedAfter.exec(s.slice(from))
  if (!m) return null
  const a = from + m[0].lastIndexOf(m[1]!)
  return { start: base + a, end: base + a + m[1]!.length, text: m[1]! }
}

/** "twice as many deaths": a ×2 ratio; `compLength` is the comparison's length after the word. */
function multiplierFigure(
  text: string,
  sent: SentenceSpan,
  start: number,
  end: number,
  factor: number,
  compLength: number,
): RawFigure {
  const s = text.slice(sent.start, sent.end)
  return {
    start,
    end,
    numberEnd: end,
    value: factor,
    low: factor,
    high: factor,
    qualifier: 'exact',
    qualifierText: null,
    kind: 'ratio',
    unit: 'times',
    measure: null,
    subject: multipliedSubject(s, end - sent.start + compLength, sent.start),
    sentence: sent,
    contextEnd: end,
    evidence: [
      `multiplier '${text.slice(start, end + compLength)}' = ×${factor} (figure-numbers: multiplierWords)`,
    ],
    confidence: 0.75,
  }
}

function measureSpan(text: string, start: number, surface: string): MeasureSpan | null {
  const norm = rx().measureBySurface.get(phraseKey(surface))
  if (!norm) return null
  return {
    start,
    end: start + surface.length,
    text: text.slice(start, start + surface.length),
    normalized: norm,
  }
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*|[^\s\p{L}\p{N}]/uy

/**
 * End of the WORD match at `p` in `t` (not white space there): ASCII words and signs are read by
 * hand, anything with other characters by the regex. Its matches are the words and signs between
 * white space, so a scan from one's end over white space finds the next, as the global regex did.
 */
function wordEndAt(t: string, p: number): number {
  const c = t.charCodeAt(p)
  if (c < 128) {
    if (!isAsciiLetter(c) && !(c >= 48 && c <= 57)) return p + 1
    let q = p + 1
    for (; q < t.length; q++) {
      const d = t.charCodeAt(q)
      if (d >= 128) break
      const inWord = isAsciiLetter(d) || (d >= 48 && d <= 57) || d === 39 || d === 46 || d === 45
      if (!inWord) return q
    }
    if (q === t.length) return q
  }
  WORD.lastIndex = p
  return p + WORD.exec(t)![0].length
}

const LETTER = /\p{L}/u

/** LETTER.test(text.slice(start, end)), deciding ASCII-only words without the regex. */
function hasLetter(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c >= 128) return LETTER.test(text.slice(start, end))
    if (isAsciiLetter(c)) return true
  }
  return false
}

/**
 * The first match of `r.measure` in `t`, or with `last` the last of its successive matches, as
 * the global regex finds them; the sticky regex is only tried where the start regex finds a
 * surface, as in nextCandidate. `folds`: the sentence of `t` has "ſ" or the Kelvin sign.
 */
function findMeasure(
  r: FigureRegexes,
  t: string,
  last: boolean,
  folds: boolean,
): RegExpExecArray | null {
  let found: RegExpExecArray | null = null
  const start = r.measureStart
  if (start === null || folds) {
    r.measure.lastIndex = 0
    for (let m = r.measure.exec(t); m; m = last ? r.measure.exec(t) : null) found = m
    r.measure.lastIndex = 0
    return found
  }
  start.lastIndex = 0
  for (let h = start.exec(t); h; h = start.exec(t)) {
    r.measureSticky.lastIndex = h.index
    const m = r.measureSticky.exec(t)
    if (m && !last) return m
    if (m) found = m
    start.lastIndex = h.index + (m ? m[0].length : 1)
  }
  return found
}

/**
 * How many runs of white space t[0, end) has: `t.slice(0, end).split(/\s+/).length - 1`,
 * without the array of words.
 */
function spaceRuns(t: string, end: number): number {
  let runs = 0
  for (let i = 0; i < end; i++) {
    if (isSpaceAt(t, i) && (i === 0 || !isSpaceAt(t, i - 1))) runs++
  }
  return runs
}

/** Subject (what is counted) and measure (what happened to it), from the words around. */
function attachSubjectsAndMeasures(
  text: string,
  figs: RawFigure[],
  tokens: TokenTable,
  folds: boolean,
): void {
  const r = rx()
  for (let k = 0; k < figs.length; k++) {
    const f = figs[k]!
    if (f.kind !== 'count' && f.kind !== 'percent' && f.kind !== 'money') continue
    if (f.subject) continue
    // Money and shares have a subject ("of that amount") but no casualty-style measure.
    const wantsMeasure = f.kind === 'count'
    // Indices checked first: reading past an array's ends is a slow lookup in V8.
    const nextStart = k + 1 < figs.length ? figs[k + 1]!.start : f.sentence.end
    const limit = Math.min(f.sentence.end, nextStart, f.numberEnd + 200)
    const rest = text.slice(f.numberEnd, limit)
    let subjStart = -1
    let subjEnd = -1
    let words = 0
    let prepUsed = false
    let first = true
    // The WORD matches of `rest` in turn, read by hand (see wordEndAt).
    for (let p = 0; ;) {
      while (p < rest.length && isSpaceAt(rest, p)) p++
      if (p >= rest.length) break
      const wordStart = p
      p = wordEndAt(rest, p)
      const at = f.numberEnd + wordStart
      const length = p - wordStart
      // The word lower-cased when a rule below names it, else undefined: no string made for it.
      const lw = r.subjectRuleWords.keyAt(text, at, at + length)
      if (first && lw === 'of') {
        first = false
        continue
      }
      first = false
      if (!hasLetter(text, at, at + length)) break
      const measure = wantsMeasure && lw !== undefined ? r.measureBySurface.get(lw) : undefined
      if (measure && r.subjectMeasureWords.has(lw!) && subjStart < 0) {
        const w = text.slice(at, at + length)
        f.measure = { start: at, end: at + length, text: w, normalized: measure }
        f.evidence.push(`measure '${w}' (figure-measures: ${measure})`)
        const from =
          /^\s+(?:from|among|of)\s+((?:[\p{L}’'-]+\s+){0,5}?[\p{L}’'-]+)(?=\s+(?:in|on|at|near|who|which|fighting|since|during|by)\b|\s*[,.;“"—]|\s*$)/u.exec(
            rest.slice(p),
          )
        if (from) {
          const a = at + length + from[0].lastIndexOf(from[1]!)
          f.subject = { start: a, end: a + from[1]!.length, text: from[1]! }
        }
        break
      }
      if (measure) break
      if ((lw === 'and' || lw === 'or') && subjStart < 0) break
      if (lw === 'and' && subjStart >= 0) {
        const nextWord = /^\s+([\p{L}]+)/u.exec(rest.slice(wordStart + 3))
        const np = nextWord ? posAt(tokens, at + 3 + nextWord[0].indexOf(nextWord[1]!)) : 'X'
        if (
          nextWord &&
          (np === 'NOUN' || np === 'ADJ' || np === 'PROPN') &&
          !r.measureBySurface.has(nextWord[1]!.toLowerCase())
        )
          continue
        break
      }
      if ((lw === 'of' || lw === 'from') && subjStart >= 0 && !prepUsed) {
        prepUsed = true
        continue
      }
      if (
        lw !== undefined &&
        FUNCTION_WORDS.has(lw) &&
        !(lw === 'the' || lw === 'its' || lw === 'their')
      )
        break
      // Only now: the rules above decide many words without their tag.
      const pos = posAt(tokens, at)
      if ((pos === 'VERB' || pos === 'AUX') && subjStart >= 0) break
      if (pos === 'VERB' || pos === 'AUX' || pos === 'ADP' || pos === 'SCONJ') break
      if (subjStart < 0) subjStart = at
      // The word without its trailing dots.
      subjEnd = at + length
      while (subjEnd > at && text.charCodeAt(subjEnd - 1) === 46) subjEnd--
      if (subjEnd < at + length) break
      if (++words >= 8) break
    }
    if (subjStart >= 0 && !f.subject) {
      let t = text.slice(subjStart, subjEnd)
      const trimmed = t.replace(/\s+(?:of|from|the|and)$/i, '')
      subjEnd -= t.length - trimmed.length
      t = trimmed
      f.subject = { start: subjStart, end: subjEnd, text: t }
    }
    if (!f.measure && wantsMeasure) {
      const after = text.slice(f.subject?.end ?? f.numberEnd, limit)
      const m = findMeasure(r, after, false, folds)
      if (m && spaceRuns(after, m.index) + 1 <= 26) {
        f.measure = measureSpan(text, (f.subject?.end ?? f.numberEnd) + m.index, m[1]!)
        if (f.measure)
          f.evidence.push(
            `measure '${m[1]}' after the figure (figure-measures: ${f.measure.normalized})`,
          )
      }
    }
    if (!f.measure || !f.subject) {
      const prevEnd = k > 0 ? figs[k - 1]!.end : f.sentence.start
      const left = text.slice(Math.max(prevEnd, f.start - 120), f.start)
      const leftBase = f.start - left.length
      const num =
        /(?:the\s+)?(?:total\s+)?number\s+of\s+([^,;]{2,60}?)\s+(?:to|at|is|was|stands\s+at|rose\s+to|reached|of)\s*$/iu.exec(
          left,
        )
      if (num && !f.subject) {
        const a = leftBase + num.index + num[0].indexOf(num[1]!)
        f.subject = { start: a, end: a + num[1]!.length, text: num[1]! }
        f.evidence.push("subject from 'the number of …'")
      }
      if (!f.measure && wantsMeasure) {
        const tail = text.slice(Math.max(leftBase, f.start - 120), f.start)
        const tailBase = f.start - tail.length
        const lastM = findMeasure(r, tail, true, folds)
        if (lastM) {
          f.measure = measureSpan(text, tailBase + lastM.index, lastM[1]!)
          if (f.measure)
            f.evidence.push(
              `measure '${lastM[1]}' before the figure (figure-measures: ${f.measure.normalized})`,
            )
        }
      }
    }
  }
  // "killed 27 civilians, including nine children", "wounded 50, several of them critically",
  // "up from 260", "its earlier figure of 1.8 million": the figure is part or an earlier version
  // of the one before it and counts the same thing.
  for (let k = 1; k < figs.length; k++) {
    const f = figs[k]!
    const p = figs[k - 1]!
    if (f.kind !== p.kind) continue
    const gap = text.slice(p.end, f.start)
    const after = text.slice(f.numberEnd, f.numberEnd + 20)
    const partOf =
      /(?:^|[\s,])(?:including|among\s+them|among\s+whom|of\s+whom)\s+$/i.test(gap) ||
      /^\s+of\s+(?:them|whom)\b/i.test(after)
    const revision =
      /\b(?:up|down)\s+from\s+$|\b(?:earlier|previous|initial|original|revised)\s+(?:figure|estimate|toll|count|tally)\s+of\s+$|\bcompared\s+(?:with|to)\s+$/i.test(
        gap,
      )
    if (gap.length > 160 || (!partOf && !revision)) continue
    if (!f.measure && p.measure) {
      f.measure = { ...p.measure }
      f.evidence.push(
        `measure shared with '${text.slice(p.start, p.end)}' (${partOf ? 'part of it' : 'earlier figure'})`,
      )
    }
    if (!f.subject && p.subject && revision) f.subject = { ...p.subject }
    f.partOf = p
    f.relation = partOf ? 'part' : 'revision'
  }
  // "13 military advisers had been killed and 21 wounded": the second count shares the subject.
  for (let k = 1; k < figs.length; k++) {
    const f = figs[k]!
    const p = figs[k - 1]!
    if (f.subject || !p.subject || f.kind !== p.kind) continue
    const gap = text.slice(p.end, f.start)
    if (gap.length <= 80 && /\band\b/i.test(gap) && !/[.;]/.test(gap)) {
      f.subject = { ...p.subject }
      f.evidence.push(`subject shared with '${p.subject.text}' (coordinated figures)`)
    }
  }
}
