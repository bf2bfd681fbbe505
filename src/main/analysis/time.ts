import * as chrono from 'chrono-node'
import type { DateMention, TimeScopeSpan } from '../../shared/analysis'
import { alternation, lexicons } from './lexicons'
import { numberWordSource, parseDigits, parseNumberWords } from './numbers'

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec'
const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday'

const RELATIVE_HINT = /day\b|yesterday|today|tomorrow|night|week|month|year/i
const WINDOW_HINT =
  /\b(?:past|last|previous|next|first|within)\b|\bin\s+\S+\s+(?:hours?|days?|weeks?|months?|years?|minutes?|decades?)\b/
const CUMULATIVE_HINT = /total|so far|to date|in all|altogether|overall|since the/
const DIGIT = /\d/
const ABSOLUTE_HINT = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d[/-]\d/
const AGO_HINT = /\b(?:ago|earlier|before|later)\b/
// Where the first hint of any kind is. The order of the alternatives does not change where that
// is; V8 finds it a little sooner with the \b-led ones first.
const ANY_HINT = new RegExp(
  [WINDOW_HINT, AGO_HINT, RELATIVE_HINT, CUMULATIVE_HINT, /since /].map((r) => r.source).join('|'),
  'i',
)
// The hints again, global, to be run from where ANY_HINT first matched: none of them can match
// before it. The three written for the lower-cased sentence are here /i forms for the sentence
// itself, which say the same without a character that lower-cases to ASCII (FOLDS_TO_ASCII).
const RELATIVE_HINT_G = new RegExp(RELATIVE_HINT.source, 'gi')
const WINDOW_HINT_G = new RegExp(WINDOW_HINT.source, 'gi')
const CUMULATIVE_HINT_G = new RegExp(CUMULATIVE_HINT.source, 'gi')
const AGO_HINT_G = new RegExp(AGO_HINT.source, 'gi')
const SINCE_HINT_G = /since /gi
// The characters (besides A-Z) that case-fold to an ASCII letter somewhere below: "İ" lower-cases
// to "i̇", "ſ" folds to "s" under 'iu', the Kelvin sign does both (to "k"). A sentence with one
// takes the exact, slower path: the lower-cased text for the hints, 'iu' for the regexes.
const FOLDS_TO_ASCII = /[\u0130\u017F\u212A]/

/** Whether a global hint regex matches `sentence` at or after `from` (-1: no hint at all). */
function hintFrom(hint: RegExp, sentence: string, from: number): boolean {
  if (from < 0) return false
  hint.lastIndex = from
  const found = hint.test(sentence)
  hint.lastIndex = 0
  return found
}

/** The case-insensitive scope regexes, in one of two flag sets (see `TimeRegexes`). */
interface FoldingRegexes {
  relative: RegExp
  window: RegExp
  ago: RegExp
  cumulative: RegExp
  point: RegExp
}

interface TimeRegexes {
  absolute: RegExp
  year: RegExp
  since: RegExp
  /** With 'iu', as the rules are written: "ſ" folds to "s" and the Kelvin sign to "k". */
  unicode: FoldingRegexes
  /**
   * The same with 'i' alone: the same matches in a sentence without "ſ" or the Kelvin sign
   * (the phrases are ASCII), and V8 runs them several times faster than 'iu'.
   */
  ascii: FoldingRegexes
}

let regexes: TimeRegexes | null = null

// No regex here starts with a lookahead on its possible first characters: in V8 (node 20) such
// a lookahead made these scans two to eight times slower, not faster (it hides the first
// characters from the engine's own quick scan); the matches are the same without it.
function build(): TimeRegexes {
  const lex = lexicons()
  const nw = numberWordSource()
  const units = alternation(Object.keys(lex.durationUnits))
  const amount = `(?:\\d+(?:\\.\\d+)?|(?:${nw})(?:[\\s-]+(?:${nw}))*|a\\s+few|few|several|a\\s+couple\\s+of|many)`
  const folding = {
    relative: `\\b(?:(?:last|next|this)\\s+)?(?:${WEEKDAYS})\\b|\\b(?:yesterday|today|tomorrow|last\\s+night|(?:last|this|next)\\s+(?:week|month|year))\\b`,
    window: `\\b(?:${alternation(lex.windowHeads)})\\s+(?:${amount}\\s+)?(?:${units})\\b`,
    ago: `\\b(?:(?:${amount}|an?)\\s+)?(?:${units})\\s+(?:ago|earlier|before|later)\\b`,
    cumulative: `\\b(?:${alternation(lex.cumulativeScopes)})\\b`,
    point: `\\b(?:${alternation(lex.pointWords)})\\b`,
  }
  const withFlags = (ascii: boolean): FoldingRegexes => {
    // A phrase with a non-ASCII letter could fold differently without 'u': keep 'iu' then.
    const make = (source: string): RegExp =>
      new RegExp(source, ascii && /^[\x20-\x7e]*$/.test(source) ? 'gi' : 'giu')
    return {
      relative: make(folding.relative),
      window: make(folding.window),
      ago: make(folding.ago),
      cumulative: make(folding.cumulative),
      point: make(folding.point),
    }
  }
  return {
    // Month names are capitalised in news text; matching them case-sensitively keeps "may" the verb out.
    absolute: new RegExp(
      `\\b(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?(?:,?\\s+\\d{4})?|(?:${MONTHS})\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4})(?![\\p{L}\\p{N}])`,
      'gu',
    ),
    year: /(?<![\p{L}\p{N},.$£€])(?:1[89]\d{2}|20\d{2})(?![\p{L}\p{N}]|,\d|\.\d)/gu,
    since: new RegExp(
      `\\bsince\\s+(?:(?:early|late|mid)[\\s-]+)?(?:(?:${MONTHS})(?:\\s+\\d{1,2})?(?:,?\\s+\\d{4})?|\\d{4}|last\\s+(?:week|month|year|${WEEKDAYS})|the\\s+(?:start|beginning|outbreak)\\s+of\\s+the\\s+\\w+)\\b`,
      'gu',
    ),
    unicode: withFlags(false),
    ascii: withFlags(true),
  }
}

function rx(): TimeRegexes {
  regexes ??= build()
  return regexes
}

/** What the time layer finds in one sentence. Offsets are document offsets. */
export interface SentenceTime {
  dates: DateMention[]
  scopes: TimeScopeSpan[]
  /** Spans where digits belong to a date or time phrase and are not figures. */
  blocked: { start: number; end: number }[]
}

// What most sentences get: shared, and frozen so that no caller can add to it by mistake.
const NOTHING: SentenceTime = Object.freeze({
  dates: Object.freeze([]) as unknown as DateMention[],
  scopes: Object.freeze([]) as unknown as TimeScopeSpan[],
  blocked: Object.freeze([]) as unknown as { start: number; end: number }[],
})

function iso(d: Date): string {
  return d.toISOString().slice(0, 10)
}

function parseRefDate(published: string | null): Date | null {
  if (!published) return null
  const d = new Date(published.length === 10 ? `${published}T12:00:00Z` : published)
  return Number.isNaN(d.getTime()) ? null : d
}

/** The publication date, with what has been worked out against it. */
interface Reference {
  date: Date
  iso: string
  /** chrono's reading of a phrase against this date. */
  resolved: Map<string, string | null>
  /** The ISO date so many days before this date. */
  before: Map<number, string>
}

// findTime runs once per sentence with the same publication date; parse it once per document.
let lastPublished: string | null = null
let lastRef: Reference | null = null

function reference(published: string | null): Reference | null {
  if (published !== lastPublished) {
    const d = parseRefDate(published)
    lastPublished = published
    lastRef = d ? { date: d, iso: iso(d), resolved: new Map(), before: new Map() } : null
  }
  return lastRef
}

// Phrases with a year of their own resolve the same without a publication date.
const resolvedWithoutRef = new Map<string, string | null>()

function resolve(text: string, ref: Reference | null, hasYear: boolean): string | null {
  if (!ref && !hasYear) return null
  // chrono is the slow part of date handling; the same few dates recur through a document.
  const cache = ref ? ref.resolved : resolvedWithoutRef
  const hit = cache.get(text)
  if (hit !== undefined) return hit
  const r = chrono.parse(text, ref ? ref.date : new Date(0), { forwardDate: false })
  const first = r[0]
  const out = first ? iso(first.start.date()) : null
  if (cache.size > 10_000) cache.clear()
  cache.set(text, out)
  return out
}

const UNIT_DAYS: Record<string, number> = {
  seconds: 0,
  minutes: 0,
  hours: 1 / 24,
  days: 1,
  weeks: 7,
  months: 30.44,
  years: 365.25,
  decades: 3652.5,
}

function amountOf(phrase: string): number | null {
  const d = /\d+(?:\.\d+)?/.exec(phrase)
  if (d) return parseDigits(d[0])
  for (const w of phrase.toLowerCase().split(/\s+/)) {
    const p = parseNumberWords(w)
    if (p) return p.value
  }
  return null
}

function unitDays(phrase: string): number | null {
  const lex = lexicons()
  const words = phrase.toLowerCase().split(/\s+/)
  for (let i = words.length - 1; i >= 0; i--) {
    const u = lex.durationUnits[words[i]!]
    if (u) return UNIT_DAYS[u] ?? null
  }
  return null
}

/** How much and how long a window or "ago" phrase says ("the past 3 weeks": 3, 7 days). */
interface Duration {
  amount: number | null
  days: number | null
}

// The same few window and "ago" phrases recur through a document ("in the past 24 hours").
const durations = new Map<string, Duration>()

function durationOf(phrase: string): Duration {
  let s = durations.get(phrase)
  if (s === undefined) {
    s = { amount: amountOf(phrase), days: unitDays(phrase) }
    if (durations.size > 10_000) durations.clear()
    durations.set(phrase, s)
  }
  return s
}

function shift(ref: Reference, days: number): string {
  let out = ref.before.get(days)
  if (out === undefined) {
    out = iso(new Date(ref.date.getTime() - days * 86_400_000))
    if (ref.before.size > 10_000) ref.before.clear()
    ref.before.set(days, out)
  }
  return out
}

type Blocked = { start: number; end: number }[]

function taken(blocked: Blocked, a: number, b: number): boolean {
  for (const s of blocked) if (a < s.end && b > s.start) return true
  return false
}

function addDate(
  dates: DateMention[],
  blocked: Blocked,
  offset: number,
  m: RegExpExecArray,
  isoDate: string | null,
): void {
  const start = offset + m.index
  const end = start + m[0].length
  if (taken(blocked, start, end)) return
  blocked.push({ start, end })
  dates.push({ start, end, text: m[0], iso: isoDate })
}

function addScope(
  scopes: TimeScopeSpan[],
  blocked: Blocked,
  offset: number,
  m: RegExpExecArray,
  type: TimeScopeSpan['type'],
  from: string | null,
  to: string | null,
): void {
  const start = offset + m.index
  const s: TimeScopeSpan = { start, end: start + m[0].length, text: m[0], type }
  if (from) s.from = from
  if (to) s.to = to
  scopes.push(s)
  if (!taken(blocked, s.start, s.end)) blocked.push({ start: s.start, end: s.end })
}

// Where a sentence's finds go: kept while sentences find nothing (half of those that get this
// far; they get NOTHING), handed to the caller and replaced when one finds something.
const found: { dates: DateMention[]; scopes: TimeScopeSpan[]; blocked: Blocked } = {
  dates: [],
  scopes: [],
  blocked: [],
}

const byStart = (a: { start: number }, b: { start: number }): number => a.start - b.start

const ON_IN_BY = /\b(?:on|in|by)\s/iy

function covered(scopes: readonly TimeScopeSpan[], d: DateMention): boolean {
  for (const s of scopes) if (s.start <= d.start && s.end >= d.end) return true
  return false
}

/**
 * Finds dates and time-scope phrases in one sentence. `offset` is the sentence's document offset.
 * Relative expressions are resolved only against a known publication date: resolving them
 * against today would invent dates.
 */
export function findTime(sentence: string, offset: number, published: string | null): SentenceTime {
  // Cheap tests first: most sentences have no date at all, and these regexes are the costly part.
  const firstDigit = sentence.search(DIGIT)
  const hasDigit = firstDigit >= 0
  // Every phrase below needs a digit or one of the hint words: one test settles most sentences.
  const firstHint = sentence.search(ANY_HINT)
  if (!hasDigit && firstHint < 0) return NOTHING
  const r = rx()
  const ref = reference(published)
  const refIso = ref?.iso ?? null
  const { dates, scopes, blocked } = found
  // Empty unless a call before this one threw half-way.
  if (dates.length + scopes.length + blocked.length > 0) {
    dates.length = 0
    scopes.length = 0
    blocked.length = 0
  }
  const folds = FOLDS_TO_ASCII.test(sentence)
  // The window, ago, since and cumulative hints were written for the lower-cased sentence; only
  // a sentence with a character that lower-cases to ASCII needs it (see the _G hints).
  const lower = folds ? sentence.toLowerCase() : null
  // The scope regexes: 'iu' only where 'i' alone could match differently.
  const f = folds ? r.unicode : r.ascii
  const relativeHint = hintFrom(RELATIVE_HINT_G, sentence, firstHint)
  // Global regexes stepped with exec (no match is empty): matchAll copies the regex per call.
  if (hasDigit && ABSOLUTE_HINT.test(sentence)) {
    const re = r.absolute
    re.lastIndex = 0
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      addDate(dates, blocked, offset, m, resolve(m[0], ref, /\d{4}/.test(m[0])))
    }
  }
  if (hasDigit) {
    const re = r.year
    // A year starts with a digit: none before the first one.
    re.lastIndex = firstDigit
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      // "2,000 troops" never reaches here (comma excluded); "2000 troops" is read as a count.
      const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 20)
      if (/^\s+[a-z]+s\b/.test(after) && !/^\s+(?:as|was|is|has|saw|its|this|was)\b/.test(after)) {
        continue
      }
      addDate(dates, blocked, offset, m, `${m[0]}-01-01`)
    }
  }
  if (relativeHint) {
    const re = f.relative
    re.lastIndex = 0
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      addDate(dates, blocked, offset, m, ref ? resolve(m[0], ref, false) : null)
    }
  }
  if (lower !== null ? WINDOW_HINT.test(lower) : hintFrom(WINDOW_HINT_G, sentence, firstHint)) {
    const re = f.window
    re.lastIndex = 0
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      const { amount, days } = durationOf(m[0])
      const from = ref && days !== null && amount !== null ? shift(ref, amount * days) : null
      addScope(scopes, blocked, offset, m, 'window', from, refIso)
      dates.push({
        start: offset + m.index,
        end: offset + m.index + m[0].length,
        text: m[0],
        iso: null,
      })
    }
  }
  if (lower !== null ? AGO_HINT.test(lower) : hintFrom(AGO_HINT_G, sentence, firstHint)) {
    const re = f.ago
    re.lastIndex = 0
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      const { amount, days } = durationOf(m[0])
      const at = ref && days !== null && amount !== null ? shift(ref, amount * days) : null
      addScope(scopes, blocked, offset, m, 'since', at, refIso)
      dates.push({
        start: offset + m.index,
        end: offset + m.index + m[0].length,
        text: m[0],
        iso: at,
      })
    }
  }
  if (lower !== null ? lower.includes('since ') : hintFrom(SINCE_HINT_G, sentence, firstHint)) {
    const re = r.since
    re.lastIndex = 0
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      const y = /\d{4}/.exec(m[0])
      const from =
        y && !/[A-Z]/.test(m[0].slice(6)) ? `${y[0]}-01-01` : resolve(m[0].slice(6), ref, !!y)
      addScope(scopes, blocked, offset, m, 'since', from, refIso)
    }
  }
  if (
    lower !== null ? CUMULATIVE_HINT.test(lower) : hintFrom(CUMULATIVE_HINT_G, sentence, firstHint)
  ) {
    const re = f.cumulative
    re.lastIndex = 0
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      addScope(scopes, blocked, offset, m, 'cumulative', null, refIso)
    }
  }
  if (lower !== null ? RELATIVE_HINT.test(lower) : relativeHint) {
    const re = f.point
    re.lastIndex = 0
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      const d = ref ? resolve(m[0], ref, false) : null
      addScope(scopes, blocked, offset, m, 'point', d, d)
    }
  }
  // A date with "on"/"in"/"by" before it is a point in time a figure can be scoped to.
  for (const d of dates) {
    // The test was `\b(?:on|in|by)\s$` on the (up to) four characters before the date: the same
    // as this sticky regex three characters before it, without cutting them out.
    const at = d.start - offset - 3
    if (at < 0) continue
    ON_IN_BY.lastIndex = at
    if (!ON_IN_BY.test(sentence) || covered(scopes, d)) continue
    // The scope takes "on " in (once it also took a line break before it).
    const start = d.start - 3
    const s: TimeScopeSpan = {
      start,
      end: d.end,
      text: sentence.slice(start - offset, d.end - offset),
      type: 'point',
    }
    if (d.iso) {
      s.from = d.iso
      s.to = d.iso
    }
    scopes.push(s)
  }
  if (dates.length === 0 && scopes.length === 0 && blocked.length === 0) return NOTHING
  scopes.sort(byStart)
  dates.sort(byStart)
  // The arrays go to the caller; the next sentence gets new ones.
  found.dates = []
  found.scopes = []
  found.blocked = []
  return { dates, scopes, blocked }
}
