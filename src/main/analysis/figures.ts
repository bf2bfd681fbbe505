import type { FigureKind, MeasureSpan, Qualifier, Span } from '../../shared/analysis'
import { alternation, firstCharClass, lexicons, type QualifierEntry } from './lexicons'
import { posAt, type SentenceSpan, type TokenTable } from './nlp'
import { forEachWord, WordSet } from './word-scan'
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
  /** Which ASCII characters can start a candidate (1) under the candidate regex's flags. */
  candidateFirstAscii: Uint8Array
  /** The same test for any other character (case folding under 'iu' reaches beyond ASCII). */
  candidateFirstChar: RegExp
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
  ratioWords: WordSet
  /** " times as many", " times higher" after a number: a multiplier, not a count of times. */
  timesAfter: RegExp
  /** "as many", "more" after "twice": the comparison that makes it a multiplier. */
  comparisonAfter: RegExp
  /** The thing multiplied, after the comparison ("cases" in "as many cases as"). */
  multipliedAfter: RegExp
  qualifierByPhrase: Map<string, QualifierEntry>
  /** Last words of the qualifier phrases ("least" for "at least"), for a cheap pre-check. */
  qualifierLastWords: Set<string>
  measureBySurface: Map<string, string>
  subjectMeasureWords: Set<string>
  durationUnits: Set<string>
  personNouns: Set<string>
  notNames: Set<string>
}

let cached: FigureRegexes | null = null

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
  const candidateFirstChar = new RegExp(`^${candidateFirst}`, 'iu')
  const candidateFirstAscii = new Uint8Array(128)
  for (let c = 0; c < 128; c++)
    candidateFirstAscii[c] = candidateFirstChar.test(String.fromCharCode(c)) ? 1 : 0
  cached = {
    candidate: new RegExp(candidate, 'giu'),
    candidateSticky: new RegExp(candidate, 'iuy'),
    candidateFirstAscii,
    candidateFirstChar,
    qualifierBefore: new RegExp(
      `(?:^|[^\\p{L}])(${alternation(lex.qualifiersBefore.map((q) => q.phrase))})\\s+$`,
      'iu',
    ),
    qualifierAfter: new RegExp(
      `^\\s+(${alternation(lex.qualifiersAfter.map((q) => q.phrase))})(?![\\p{L}])`,
      'iu',
    ),
    scaleAfter: /^\s+(thousand|million|billion|trillion|bn|mn)(?![\p{L}])/iu,
    percentAfter: new RegExp(`^\\s?(${alternation(lex.percentWords)})(?![\\p{L}])`, 'iu'),
    currencyWordAfter: new RegExp(
      `^\\s+(${alternation(Object.keys(lex.currencyWords))})(?![\\p{L}])`,
      'iu',
    ),
    distanceAfter: new RegExp(
      `^(?:\\s+|-)(${alternation(Object.keys(lex.distanceUnits))})(?![\\p{L}])`,
      'iu',
    ),
    durationAfter: new RegExp(
      `^(?:\\s+|-)(${alternation(Object.keys(lex.durationUnits))})(?![\\p{L}])`,
      'iu',
    ),
    ageAfter: /^(?:\s+|-)(?:years?|months?)(?:\s+|-)old(?![\p{L}])/iu,
    // Rates and areas come before distances: "140 km/h" is a speed, "300 square miles" an area.
    rateAfter: new RegExp(`^\\s?(${alternation(Object.keys(lex.rateUnits))})(?![\\p{L}])`, 'iu'),
    areaAfter: new RegExp(`^\\s?(${alternation(Object.keys(lex.areaUnits))})(?![\\p{L}])`, 'iu'),
    outOf: /^\s+(?:out\s+of|in)\s+(\d+|[a-z]+)(?![\p{L}\p{N}])/iu,
    // The first-character lookahead lets the engine skip most positions: same matches.
    measure: new RegExp(
      `(?=${firstCharClass(measureBySurface.keys())})(?<![\\p{L}])(${alternation(measureBySurface.keys())})(?![\\p{L}])`,
      'giu',
    ),
    ratioWords: new WordSet([...Object.keys(lex.ratioWords), ...Object.keys(lex.multiplierWords)]),
    timesAfter: new RegExp(
      `^(\\s+times)\\s+(?:${alternation(lex.multiplierComparisons)})(?![\\p{L}])`,
      'iu',
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
    qualifierLastWords: new Set(lex.qualifiersBefore.map((q) => q.phrase.split(' ').pop()!)),
    measureBySurface,
    subjectMeasureWords: new Set(lex.measureSubjectWords),
    durationUnits: new Set(Object.keys(lex.durationUnits)),
    personNouns: new Set(lex.personNouns),
    notNames: new Set(lex.notNames),
  }
  return cached
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
    const key = m[1].toLowerCase().replace(/\s+/g, ' ')
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
    while (b < s.length && b - a < 60 && WORD_CHAR.test(s[b]!)) b++
    return s.slice(a, b)
  }
  let b = from
  while (b > 0 && (s[b - 1] === ' ' || s[b - 1] === '\t' || s[b - 1] === '\n')) b--
  let a = b
  while (a > 0 && b - a < 40 && WORD_CHAR.test(s[a - 1]!)) a--
  return s.slice(a, b)
}

const SPACE = /\s/
const LETTER = /\p{L}/u

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
  for (const x of blocked) if (base + a < x.end && base + b > x.start) return true
  return false
}

function letterRunBefore(lead: string, end: number): number {
  let a = end
  while (a > 0 && LETTER.test(lead[a - 1]!)) a--
  return a
}

function spaceRunBefore(lead: string, end: number): number {
  let a = end
  while (a > 0 && SPACE.test(lead[a - 1]!)) a--
  return a
}

/**
 * `r.candidate.exec(s)`, same match and same `lastIndex`, but the sticky regex is tried only
 * where a candidate can start (a first character the regex allows, not after a letter, digit or
 * "_"): the global regex tried its lookaheads at every position, a third of the figures phase.
 */
function nextCandidate(s: string, r: FigureRegexes): RegExpExecArray | null {
  const n = s.length
  for (let p = r.candidate.lastIndex; p < n; p++) {
    const c = s.charCodeAt(p)
    if (c < 128) {
      if (r.candidateFirstAscii[c] === 0) continue
      if (p > 0) {
        const b = s.charCodeAt(p - 1)
        // The regex's lookbehind, for an ASCII character before: no letter, digit or "_".
        if ((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95)
          continue
      }
    } else if (!r.candidateFirstChar.test(s.slice(p, p + 2))) continue
    r.candidateSticky.lastIndex = p
    const m = r.candidateSticky.exec(s)
    if (m) {
      r.candidate.lastIndex = p + m[0].length
      return m
    }
  }
  r.candidate.lastIndex = 0
  return null
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
  for (let m = nextCandidate(s, r); m; m = nextCandidate(s, r)) {
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
    const prevChar = s[i - 1] ?? ''
    const nextText = s.slice(end, end + 40)
    if (parsed.kind === 'digits') {
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
      const key = raw.toLowerCase().replace(/\s+/g, ' ')
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
      const sc = r.scaleAfter.exec(s.slice(end))
      if (sc) {
        value *= lex.scaleSuffixes[sc[1]!.toLowerCase()] ?? 1
        end += sc[0].length
      }
    }
    let qStart = i
    const before = s.slice(Math.max(0, i - 40), i)
    const isBetween = /(?:^|[^\p{L}])between\s+$/iu.test(before)
    if (!isVague) {
      const joiner = /^\s*(?:-|–|—|to|and)\s*/i.exec(s.slice(end))
      const joinWord = joiner?.[0].trim().toLowerCase()
      const allowed =
        joiner &&
        (joinWord !== 'and' || isBetween) &&
        !(joinWord === 'to' && /(?:^|[^\p{L}])from\s+$/iu.test(before))
      if (joiner && allowed) {
        r.candidateSticky.lastIndex = end + joiner[0].length
        const m2 = r.candidateSticky.exec(s)
        const p2 = m2 ? parseCandidate(m2, s) : null
        if (m2 && p2 && p2.kind !== 'phrase' && !isBlocked(blocked, sent.start, m2.index, p2.end)) {
          let v2 = p2.value
          let end2 = p2.end
          const sc2 = !p2.scaled ? r.scaleAfter.exec(s.slice(end2)) : null
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
    const pct = r.percentAfter.exec(s.slice(end))
    if (parsed.isPercent || pct) {
      kind = 'percent'
      unit = '%'
      if (pct) end += pct[0].length
    }
    const sym = /(US\$|[$£€¥₹])\s?$/.exec(s.slice(Math.max(0, i - 3), i))
    if (sym && kind === 'count') {
      kind = 'money'
      unit = lex.currencySymbols[sym[1]!] ?? sym[1]!
      qStart = i - sym[0].length
      evidence.push(`currency '${sym[1]}' (figure-units)`)
    }
    const cw = kind === 'count' ? r.currencyWordAfter.exec(s.slice(end)) : null
    if (cw) {
      kind = 'money'
      unit = lex.currencyWords[cw[1]!.toLowerCase()] ?? cw[1]!
      end += cw[0].length
      evidence.push(`currency '${cw[1]}' (figure-units)`)
    }
    let contextEnd = end
    const rate = kind === 'count' && !isVague ? r.rateAfter.exec(s.slice(end)) : null
    const area = kind === 'count' && !isVague && !rate ? r.areaAfter.exec(s.slice(end)) : null
    const outOf =
      kind === 'count' && !isVague && rangeHigh === null ? r.outOf.exec(s.slice(end)) : null
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
      kind === 'count' && !isVague && rangeHigh === null ? r.timesAfter.exec(s.slice(end)) : null
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
      const age = r.ageAfter.exec(s.slice(end))
      const dist = unit ? null : r.distanceAfter.exec(s.slice(end))
      const dur = r.durationAfter.exec(s.slice(end))
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
      const prefixUnit = prefix ? lex.prefixUnits[prefix.toLowerCase()] : undefined
      if (
        /\b(?:age|ages|aged)\s+(?:of\s+|from\s+|to\s+|at\s+|between\s+)?$/i.test(lead) ||
        /\bage\s+from\s+\d+\s+to\s+$/i.test(lead)
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
    // Most numbers have no qualifier: only run the regex when the word before could start one.
    const prevLower = wordAt(s, qStart, -1).toLowerCase()
    const qb = r.qualifierLastWords.has(prevLower)
      ? r.qualifierBefore.exec(s.slice(windowStart, qStart))
      : null
    if (qb) {
      const phrase = qb[1]!.toLowerCase().replace(/\s+/g, ' ')
      entry = r.qualifierByPhrase.get(phrase)
      if (entry && !(phrase === 'some' && isVague)) {
        qualifierText = qb[1]!
        qStart = windowStart + qb.index + qb[0].indexOf(qb[1]!)
        evidence.push(`qualifier '${qualifierText}' (figure-qualifiers: ${entry.qualifier})`)
      } else entry = undefined
    }
    let tailEnd = end
    if (!entry) {
      const qa = r.qualifierAfter.exec(s.slice(end))
      if (qa) {
        entry = r.qualifierByPhrase.get(qa[1]!.toLowerCase().replace(/\s+/g, ' '))
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
  // Most sentences have no ratio word; the regex is only run where one may be.
  const ratioWords: [number, number][] = []
  forEachWord(text, sent.start, sent.end, false, r.ratioWords, (a, b) => ratioWords.push([a, b]))
  for (const [start, end] of ratioWords) {
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
    const entry = qb
      ? r.qualifierByPhrase.get(qb[1]!.toLowerCase().replace(/\s+/g, ' '))
      : undefined
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
  out.sort((a, b) => a.start - b.start)
  attachSubjectsAndMeasures(text, out, tokens)
  return out
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
  const norm = rx().measureBySurface.get(surface.toLowerCase().replace(/\s+/g, ' '))
  if (!norm) return null
  return {
    start,
    end: start + surface.length,
    text: text.slice(start, start + surface.length),
    normalized: norm,
  }
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*|[^\s\p{L}\p{N}]/gu

/** Subject (what is counted) and measure (what happened to it), from the words around. */
function attachSubjectsAndMeasures(text: string, figs: RawFigure[], tokens: TokenTable): void {
  const r = rx()
  for (let k = 0; k < figs.length; k++) {
    const f = figs[k]!
    if (f.kind !== 'count' && f.kind !== 'percent' && f.kind !== 'money') continue
    if (f.subject) continue
    // Money and shares have a subject ("of that amount") but no casualty-style measure.
    const wantsMeasure = f.kind === 'count'
    const nextStart = figs[k + 1]?.start ?? f.sentence.end
    const limit = Math.min(f.sentence.end, nextStart, f.numberEnd + 200)
    const rest = text.slice(f.numberEnd, limit)
    let subjStart = -1
    let subjEnd = -1
    let words = 0
    let prepUsed = false
    let first = true
    WORD.lastIndex = 0
    for (let m = WORD.exec(rest); m; m = WORD.exec(rest)) {
      const w = m[0]
      const lw = w.toLowerCase()
      const at = f.numberEnd + m.index
      if (first && lw === 'of') {
        first = false
        continue
      }
      first = false
      if (!/[\p{L}]/u.test(w)) break
      const measure = wantsMeasure ? r.measureBySurface.get(lw) : undefined
      if (measure && r.subjectMeasureWords.has(lw) && subjStart < 0) {
        f.measure = measureSpan(text, at, w)
        f.evidence.push(`measure '${w}' (figure-measures: ${measure})`)
        const from =
          /^\s+(?:from|among|of)\s+((?:[\p{L}’'-]+\s+){0,5}?[\p{L}’'-]+)(?=\s+(?:in|on|at|near|who|which|fighting|since|during|by)\b|\s*[,.;“"—]|\s*$)/u.exec(
            rest.slice(m.index + w.length),
          )
        if (from) {
          const a = at + w.length + from[0].lastIndexOf(from[1]!)
          f.subject = { start: a, end: a + from[1]!.length, text: from[1]! }
        }
        break
      }
      if (measure) break
      const pos = posAt(tokens, at)
      if ((lw === 'and' || lw === 'or') && subjStart < 0) break
      if (lw === 'and' && subjStart >= 0) {
        const nextWord = /^\s+([\p{L}]+)/u.exec(rest.slice(m.index + 3))
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
      if (FUNCTION_WORDS.has(lw) && !(lw === 'the' || lw === 'its' || lw === 'their')) break
      if ((pos === 'VERB' || pos === 'AUX') && subjStart >= 0) break
      if (pos === 'VERB' || pos === 'AUX' || pos === 'ADP' || pos === 'SCONJ') break
      if (subjStart < 0) subjStart = at
      subjEnd = at + w.replace(/[.]+$/, '').length
      if (w.endsWith('.')) break
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
      r.measure.lastIndex = 0
      const m = r.measure.exec(after)
      if (m && after.slice(0, m.index).split(/\s+/).length <= 26) {
        f.measure = measureSpan(text, (f.subject?.end ?? f.numberEnd) + m.index, m[1]!)
        if (f.measure)
          f.evidence.push(
            `measure '${m[1]}' after the figure (figure-measures: ${f.measure.normalized})`,
          )
      }
    }
    if (!f.measure || !f.subject) {
      const prevEnd = figs[k - 1]?.end ?? f.sentence.start
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
        let lastM: RegExpExecArray | null = null
        const tail = text.slice(Math.max(leftBase, f.start - 120), f.start)
        const tailBase = f.start - tail.length
        r.measure.lastIndex = 0
        for (let m = r.measure.exec(tail); m; m = r.measure.exec(tail)) lastM = m
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
