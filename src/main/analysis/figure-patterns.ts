import { alternation, firstCharClass, lexicons, type QualifierEntry } from './lexicons'
import { WordSet } from './word-scan'
import { numberWordSource } from './numbers'
import { keyTable, wordSet, WordTable } from './word-table'

/** The regexes and word tables the figure rules read with, built once from the lexicons. */
export interface FigureRegexes {
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

// The only characters that match an ASCII letter under 'iu' without being one: "ſ" and the
// Kelvin sign. Start regexes without 'u' do not see them as letters.
export function hasFoldingChar(s: string): boolean {
  return s.indexOf('\u017f') >= 0 || s.indexOf('\u212a') >= 0
}

// Words that end the thing multiplied ("cases" in "as many cases as in May", "arrests this year").
const MULTIPLIED_STOP =
  '(?:as|than|in|on|at|to|since|over|during|from|by|after|that|this|last|next|were|was|are|is|have|has|had|of)'

/** The figure regexes and tables, built on first use (the lexicons are loaded once). */
export function rx(): FigureRegexes {
  if (cached) return cached
  const lex = lexicons()
  const amountPhrases = [
    ...Object.keys(lex.phrases),
    ...Object.keys(lex.fractions),
    ...Object.keys(lex.vague),
  ]
  // What a candidate can start with, but digits: an amount phrase or a number word.
  const candidateWords = [
    ...amountPhrases,
    ...Object.keys(lex.units),
    ...Object.keys(lex.tens),
    ...Object.keys(lex.scales),
  ]
  const phrases = alternation(amountPhrases)
  const nw = numberWordSource()
  // Every candidate starts with a digit or the first letter of a phrase or number word; the
  // lookahead lets the engine skip other positions before the costly lookbehind and alternation.
  const candidateFirst = firstCharClass([...candidateWords, '0123456789'])
  // A second lookahead on the first three characters turns away "the", "that", "said" and the
  // like before the lookbehind: every phrase and number word starts with one of these.
  const prefixes = candidateWords.map((k) => k.slice(0, 3))
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
      firstWords(candidateWords),
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
    prefixUnits: keyTable(lex.prefixUnits),
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

/** Function words: the subject read after a number stops at one (see attachSubjectsAndMeasures). */
export const FUNCTION_WORDS = new Set([
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
