import * as chrono from 'chrono-node'
import type { DateMention, TimeScopeSpan } from '../../shared/analysis'
import { alternation, firstCharClass, lexicons } from './lexicons'
import { numberWordSource, parseDigits, parseNumberWords } from './numbers'

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec'
const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday'

const RELATIVE_HINT = /day\b|yesterday|today|tomorrow|night|week|month|year/i
const WINDOW_HINT =
  /\b(?:past|last|previous|next|first|within)\b|\bin\s+\S+\s+(?:hours?|days?|weeks?|months?|years?|minutes?|decades?)\b/
const CUMULATIVE_HINT = /total|so far|to date|in all|altogether|overall|since the/
const ABSOLUTE_HINT = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d[/-]\d/
const AGO_HINT = /\b(?:ago|earlier|before|later)\b/
const ANY_HINT = new RegExp(
  [RELATIVE_HINT, WINDOW_HINT, CUMULATIVE_HINT, AGO_HINT, /since /].map((r) => r.source).join('|'),
  'i',
)

interface TimeRegexes {
  absolute: RegExp
  relative: RegExp
  year: RegExp
  window: RegExp
  ago: RegExp
  since: RegExp
  cumulative: RegExp
  point: RegExp
}

let regexes: TimeRegexes | null = null

// Each regex starts with a lookahead on its possible first characters, so the engine skips
// other positions before the costlier lookbehinds and alternations: same matches.
function build(): TimeRegexes {
  const lex = lexicons()
  const nw = numberWordSource()
  const units = alternation(Object.keys(lex.durationUnits))
  const amount = `(?:\\d+(?:\\.\\d+)?|(?:${nw})(?:[\\s-]+(?:${nw}))*|a\\s+few|few|several|a\\s+couple\\s+of|many)`
  return {
    // Month names are capitalised in news text; matching them case-sensitively keeps "may" the verb out.
    absolute: new RegExp(
      `(?=[JFMASOND0-9])\\b(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?(?:,?\\s+\\d{4})?|(?:${MONTHS})\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4})(?![\\p{L}\\p{N}])`,
      'gu',
    ),
    relative: new RegExp(
      `(?=${firstCharClass(['last', 'next', 'this', ...WEEKDAYS.split('|'), 'yesterday', 'today', 'tomorrow'])})\\b(?:(?:last|next|this)\\s+)?(?:${WEEKDAYS})\\b|\\b(?:yesterday|today|tomorrow|last\\s+night|(?:last|this|next)\\s+(?:week|month|year))\\b`,
      'giu',
    ),
    year: /(?=[12])(?<![\p{L}\p{N},.$£€])(?:1[89]\d{2}|20\d{2})(?![\p{L}\p{N}]|,\d|\.\d)/gu,
    window: new RegExp(
      `(?=${firstCharClass(lex.windowHeads)})\\b(?:${alternation(lex.windowHeads)})\\s+(?:${amount}\\s+)?(?:${units})\\b`,
      'giu',
    ),
    ago: new RegExp(
      `\\b(?:(?:${amount}|an?)\\s+)?(?:${units})\\s+(?:ago|earlier|before|later)\\b`,
      'giu',
    ),
    since: new RegExp(
      `(?=s)\\bsince\\s+(?:(?:early|late|mid)[\\s-]+)?(?:(?:${MONTHS})(?:\\s+\\d{1,2})?(?:,?\\s+\\d{4})?|\\d{4}|last\\s+(?:week|month|year|${WEEKDAYS})|the\\s+(?:start|beginning|outbreak)\\s+of\\s+the\\s+\\w+)\\b`,
      'gu',
    ),
    cumulative: new RegExp(
      `(?=${firstCharClass(lex.cumulativeScopes)})\\b(?:${alternation(lex.cumulativeScopes)})\\b`,
      'giu',
    ),
    point: new RegExp(
      `(?=${firstCharClass(lex.pointWords)})\\b(?:${alternation(lex.pointWords)})\\b`,
      'giu',
    ),
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

// findTime runs once per sentence with the same publication date; parse it once per document.
let lastPublished: string | null = null
let lastRef: { date: Date; iso: string } | null = null

function refDate(published: string | null): { date: Date; iso: string } | null {
  if (published !== lastPublished) {
    const d = parseRefDate(published)
    lastPublished = published
    lastRef = d ? { date: d, iso: iso(d) } : null
  }
  return lastRef
}

const resolved = new Map<string, string | null>()

function resolve(text: string, ref: Date | null, hasYear: boolean): string | null {
  if (!ref && !hasYear) return null
  // chrono is the slow part of date handling; the same few dates recur through a document.
  const key = `${ref?.getTime() ?? 0}|${text}`
  const hit = resolved.get(key)
  if (hit !== undefined) return hit
  const r = chrono.parse(text, ref ?? new Date(0), { forwardDate: false })
  const first = r[0]
  const out = first ? iso(first.start.date()) : null
  if (resolved.size > 10_000) resolved.clear()
  resolved.set(key, out)
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

function shift(ref: Date, days: number): string {
  return iso(new Date(ref.getTime() - days * 86_400_000))
}

/**
 * Finds dates and time-scope phrases in one sentence. `offset` is the sentence's document offset.
 * Relative expressions are resolved only against a known publication date: resolving them
 * against today would invent dates.
 */
export function findTime(sentence: string, offset: number, published: string | null): SentenceTime {
  const r = rx()
  const cachedRef = refDate(published)
  const ref = cachedRef?.date ?? null
  const refIso = cachedRef?.iso ?? null
  const dates: DateMention[] = []
  const scopes: TimeScopeSpan[] = []
  const blocked: { start: number; end: number }[] = []
  // Cheap tests first: most sentences have no date at all, and these regexes are the costly part.
  const hasDigit = /\d/.test(sentence)
  // Every phrase below needs a digit or one of the hint words: one test settles most sentences.
  if (!hasDigit && !ANY_HINT.test(sentence)) return NOTHING
  // Defined after the early return: most sentences end there, and a closure per sentence counts.
  const taken = (a: number, b: number): boolean => blocked.some((s) => a < s.end && b > s.start)
  const add = (m: RegExpExecArray, isoDate: string | null): void => {
    const start = offset + m.index
    const end = start + m[0].length
    if (taken(start, end)) return
    blocked.push({ start, end })
    dates.push({ start, end, text: m[0], iso: isoDate })
  }
  const lower = sentence.toLowerCase()
  if (hasDigit && ABSOLUTE_HINT.test(sentence))
    for (const m of sentence.matchAll(r.absolute)) {
      add(m, resolve(m[0], ref, /\d{4}/.test(m[0])))
    }
  if (hasDigit)
    for (const m of sentence.matchAll(r.year)) {
      // "2,000 troops" never reaches here (comma excluded); "2000 troops" is read as a count.
      const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 20)
      if (/^\s+[a-z]+s\b/.test(after) && !/^\s+(?:as|was|is|has|saw|its|this|was)\b/.test(after)) {
        continue
      }
      add(m, `${m[0]}-01-01`)
    }
  if (RELATIVE_HINT.test(sentence))
    for (const m of sentence.matchAll(r.relative)) add(m, ref ? resolve(m[0], ref, false) : null)

  const scope = (
    m: RegExpExecArray,
    type: TimeScopeSpan['type'],
    from?: string | null,
    to?: string | null,
  ): void => {
    const start = offset + m.index
    const s: TimeScopeSpan = { start, end: start + m[0].length, text: m[0], type }
    if (from) s.from = from
    if (to) s.to = to
    scopes.push(s)
    if (!taken(s.start, s.end)) blocked.push({ start: s.start, end: s.end })
  }
  if (WINDOW_HINT.test(lower))
    for (const m of sentence.matchAll(r.window)) {
      const n = amountOf(m[0])
      const days = unitDays(m[0])
      const from = ref && days !== null ? shift(ref, (n ?? 1) * days) : null
      scope(m, 'window', n !== null ? from : null, refIso)
      dates.push({
        start: offset + m.index,
        end: offset + m.index + m[0].length,
        text: m[0],
        iso: null,
      })
    }
  if (AGO_HINT.test(lower))
    for (const m of sentence.matchAll(r.ago)) {
      const n = amountOf(m[0])
      const days = unitDays(m[0])
      const at = ref && days !== null && n !== null ? shift(ref, n * days) : null
      scope(m, 'since', at, refIso)
      dates.push({
        start: offset + m.index,
        end: offset + m.index + m[0].length,
        text: m[0],
        iso: at,
      })
    }
  if (lower.includes('since '))
    for (const m of sentence.matchAll(r.since)) {
      const y = /\d{4}/.exec(m[0])
      const from =
        y && !/[A-Z]/.test(m[0].slice(6)) ? `${y[0]}-01-01` : resolve(m[0].slice(6), ref, !!y)
      scope(m, 'since', from, refIso)
    }
  if (CUMULATIVE_HINT.test(lower))
    for (const m of sentence.matchAll(r.cumulative)) scope(m, 'cumulative', null, refIso)
  if (RELATIVE_HINT.test(lower))
    for (const m of sentence.matchAll(r.point)) {
      const d = ref ? resolve(m[0], ref, false) : null
      scope(m, 'point', d, d)
    }
  // A date with "on"/"in"/"by" before it is a point in time a figure can be scoped to.
  for (const d of dates) {
    const before = sentence.slice(Math.max(0, d.start - offset - 4), d.start - offset)
    if (
      /\b(?:on|in|by)\s$/i.test(before) &&
      !scopes.some((s) => s.start <= d.start && s.end >= d.end)
    ) {
      const start = d.start - before.replace(/^.*?\b(?=(?:on|in|by)\s$)/i, '').length
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
  }
  scopes.sort((a, b) => a.start - b.start)
  dates.sort((a, b) => a.start - b.start)
  return { dates, scopes, blocked }
}
