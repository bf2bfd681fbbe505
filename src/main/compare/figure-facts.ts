import type { Attribution, Figure } from '../../shared/analysis'
import lexicon from '../../../resources/lexicons/compare-quantities.json' with { type: 'json' }
import { STOPWORDS, findPhrase, phraseRegExp, words } from './text'
import { sourceKey } from './source-key'

/** The period a figure covers, as the comparison reasons about it. */
export type ScopeKind = 'point' | 'event' | 'window' | 'cumulative' | 'since' | 'unstated'

export interface FigureScope {
  kind: ScopeKind
  /** Length of a window in days ("the past 3 weeks" -> 21), when it can be read. */
  days: number | null
  /** ISO date of a point scope or the start of a `since`. */
  date: string | null
  /** The words that set the scope, or "not stated". */
  text: string
  /** Why this kind was chosen ("time scope 'In total'", "event noun 'battle'"). */
  why: string
  /** Read from the analysis's time scope, not guessed from nearby words. */
  isExplicit: boolean
}

/** What the comparison needs to know about one figure, in comparable form. */
export interface FigureFacts {
  doc: number
  figure: number
  source: Figure
  /** "count", "distance", "money:USD"…: figures of different dimensions are never compared. */
  dimension: string
  /** The unit intervals are expressed in after conversion ("km"), or null for counts. */
  baseUnit: string | null
  /** Interval in the base unit; null ends are unbounded. Both null with isVague: no interval. */
  low: number | null
  high: number | null
  isLowOpen: boolean
  isHighOpen: boolean
  /** Point value in the base unit. */
  value: number | null
  /** Half the rounding step of the number as written, in the base unit (12 km -> 0.5 km). */
  tolerance: number
  isVague: boolean
  measure: string | null
  family: string | null
  /** Affiliation path ("iran/irgc"), or null when the subject names nobody. */
  affiliation: string | null
  scope: FigureScope
  /** Normalised place tokens ("syria", "aleppo"). */
  place: Set<string>
  placeText: string | null
  claimant: string | null
  claimantName: string | null
  /** ISO date the figure speaks for (the scope's end or the document's date). */
  asOf: string | null
  /** Qualifier words in the text, lowercase ("at least", "almost"), or the qualifier name. */
  qualifierWords: string
  /** A label for the subject ("Iranian soldiers and militia fighters"), or null. */
  subjectText: string | null
  /** Names around the figure (lowercased capitalised words and places): "khan", "tuman", "aleppo". */
  anchors: Set<string>
  /** A measure word ("killed", "arrested") says what happened to what is counted. */
  hasMeasureWord: boolean
  /**
   * Whether the figure says too little on its own (a distance, a percentage, a count with no
   * subject or place) to be set against another figure that shares no name around it.
   */
  needsAnchor: boolean
}

interface UnitInfo {
  dimension: string
  factor: number
  names: string[]
}

const UNITS = new Map<string, { key: string; info: UnitInfo }>()
for (const [key, info] of Object.entries(lexicon.units as Record<string, UnitInfo>)) {
  for (const n of info.names) UNITS.set(n.toLowerCase(), { key, info })
}
/** The base unit of each dimension: the one with factor 1. */
const BASE_UNIT = new Map<string, string>()
for (const [key, info] of Object.entries(lexicon.units as Record<string, UnitInfo>)) {
  if (info.factor === 1) BASE_UNIT.set(info.dimension, key)
}

const MEASURES = new Map<string, string>()
for (const [norm, list] of Object.entries(lexicon.measures as Record<string, string[]>)) {
  for (const w of list) MEASURES.set(w, norm)
  MEASURES.set(norm, norm)
}
const MEASURE_PHRASES = [...MEASURES.keys()].sort((a, b) => b.length - a.length)

const FAMILIES = new Map<string, string>()
for (const [family, list] of Object.entries(lexicon.subjectFamilies as Record<string, string[]>)) {
  for (const w of list) FAMILIES.set(w, family)
}

const AFFILIATIONS: { path: string; name: string }[] = []
for (const [path, list] of Object.entries(lexicon.affiliations as Record<string, string[]>)) {
  for (const name of list) AFFILIATIONS.push({ path, name })
}
const AFFILIATION_PATH = new Map(AFFILIATIONS.map((a) => [a.name, a.path]))
const AFFILIATION_NAMES = [...AFFILIATION_PATH.keys()]

const PLACE_NOISE = new Set(lexicon.locationNoise)
const NUMBER_WORDS = lexicon.numberWords as Record<string, number>
const OPEN_BELOW = lexicon.openBelowQualifiers
const OPEN_ABOVE = lexicon.openAboveQualifiers

/** Normalises a measure word ("deaths" -> "killed"); null when the lexicon does not know it. */
export function normaliseMeasure(word: string): string | null {
  return MEASURES.get(word.toLowerCase()) ?? null
}

/** The affiliation path a stretch of text names ("Iranian soldiers" -> "iran"), or null. */
export function affiliationOf(text: string): string | null {
  const re = phraseRegExp(AFFILIATION_NAMES)
  re.lastIndex = 0
  let best: string | null = null
  for (const m of text.toLowerCase().replace(/’/g, "'").matchAll(re)) {
    const path = AFFILIATION_PATH.get(m[0])!
    // Prefer the most specific path named ("revolutionary guards" over "iranian").
    if (best === null || path.split('/').length > best.split('/').length) best = path
  }
  return best
}

/** The subject family of a noun phrase ("militia fighters" -> "combatants"), or null. */
export function familyOf(text: string): string | null {
  const toks = words(text).map((t) => t.norm)
  // The head of an English noun phrase is its last noun before "of/from/in"; scan from the end
  // of the part before such a preposition, so "members of the Revolutionary Guards" -> members.
  const cut = toks.findIndex((t) => t === 'of' || t === 'from' || t === 'in' || t === 'with')
  const head = cut > 0 ? toks.slice(0, cut) : toks
  for (let i = head.length - 1; i >= 0; i--) {
    const two = i > 0 ? `${head[i - 1]} ${head[i]}` : ''
    const f = FAMILIES.get(two) ?? FAMILIES.get(head[i]!)
    if (f) return f
  }
  for (let i = toks.length - 1; i >= 0; i--) {
    const f = FAMILIES.get(toks[i]!)
    if (f) return f
  }
  return null
}

/** The head noun of a noun phrase: its last word before "of/from/in/with" ("groups of immune cells" -> groups). */
export function headOf(text: string): string | null {
  const toks = words(text)
  const cut = toks.findIndex((t) => ['of', 'from', 'in', 'with', 'who', 'that'].includes(t.norm))
  const end = cut > 0 ? cut : toks.length
  if (end === 0) return null
  const head = toks[end - 1]!
  // A capitalised head is a name ("Kyle Busch" in a results table), not something counted.
  return /^\p{Lu}/u.test(text.slice(head.start, head.end)) ? null : head.norm
}

/** Place tokens of a location phrase, demonyms folded to countries ("Syrian city of Aleppo"). */
export function placeTokens(text: string): Set<string> {
  const out = new Set<string>()
  for (const t of words(text)) {
    if (PLACE_NOISE.has(t.norm) || /^\d/.test(t.norm)) continue
    const aff = AFFILIATION_PATH.get(t.norm)
    out.add(aff ? aff.split('/')[0]! : t.norm)
  }
  return out
}

/**
 * Capitalised words near a figure, lowercased, without the sentence's first word and function
 * words: what ties "12 kilometres southwest of Aleppo" to "seven miles southwest of Aleppo" and
 * keeps a car's range apart from a watch's depth rating.
 */
function anchorsOf(f: Figure, text: string, place: Set<string>): Set<string> {
  const out = new Set(place)
  const from = Math.max(f.sentence.start, f.start - 50)
  const to = Math.min(f.sentence.end, f.end + 50)
  for (const m of text.slice(from, to).matchAll(/\p{Lu}[\p{L}\p{M}'’-]*/gu)) {
    const at = from + (m.index ?? 0)
    if (at === f.sentence.start) continue
    const w = m[0].toLowerCase().replace(/['’]s$/, '')
    if (STOPWORDS.has(w) || w.length < 2) continue
    const aff = AFFILIATION_PATH.get(w)
    out.add(aff ? aff.split('/')[0]! : w)
  }
  return out
}

/** Reads a window length in days from words like "the past 3 weeks" or "last three years". */
export function windowDays(text: string): number | null {
  const toks = words(text).map((t) => t.norm)
  for (let i = 0; i < toks.length; i++) {
    const u = UNITS.get(toks[i]!)
    if (!u || u.info.dimension !== 'duration') continue
    const prev = i > 0 ? toks[i - 1]! : ''
    const n = /^\d+(\.\d+)?$/.test(prev) ? Number(prev) : (NUMBER_WORDS[prev] ?? 1)
    return n * u.info.factor
  }
  return null
}

function lowerSlice(text: string, from: number, to: number): string {
  return text.slice(Math.max(0, from), Math.max(0, to)).toLowerCase().replace(/’/g, "'")
}

/** Half the last significant step of a number as written: "12" -> 0.5, "7.5" -> 0.05. */
function roundingHalfStep(written: string, value: number): number {
  const digits = written.match(/\d[\d,]*(?:\.(\d+))?/)
  if (!digits) return Math.abs(value) * 0.05
  const decimals = digits[1]?.length ?? 0
  return 0.5 * 10 ** -decimals
}

function scopeOf(f: Figure, text: string): FigureScope {
  const scope = guessScope(f, text)
  return { ...scope, isExplicit: f.timeScope !== null }
}

function guessScope(f: Figure, text: string): Omit<FigureScope, 'isExplicit'> {
  const ts = f.timeScope
  if (ts) {
    const days = windowDays(ts.text)
    const why = `time scope '${ts.text}'`
    const type = ts.type ?? 'other'
    if (type === 'cumulative')
      return { kind: 'cumulative', days: null, date: null, text: ts.text, why }
    if (type === 'since')
      return { kind: 'since', days: null, date: ts.from ?? null, text: ts.text, why }
    if (type === 'point')
      return { kind: 'point', days: null, date: ts.from ?? ts.to ?? null, text: ts.text, why }
    if (type === 'window' || days !== null) {
      // Windows of a year or more ("in the last three years") are running totals in practice.
      if (days !== null && days >= 365)
        return {
          kind: 'cumulative',
          days,
          date: null,
          text: ts.text,
          why: `${why} (a year or more: a running total)`,
        }
      return { kind: 'window', days, date: null, text: ts.text, why }
    }
    if (findPhrase(ts.text.toLowerCase(), lexicon.cumulativeWords))
      return { kind: 'cumulative', days: null, date: null, text: ts.text, why }
    return { kind: 'point', days: null, date: ts.from ?? null, text: ts.text, why }
  }
  // No scope from the analysis: look at the words right around the number, then the sentence.
  const near = lowerSlice(
    text,
    Math.max(f.sentence.start, f.start - 60),
    Math.min(f.sentence.end, f.end + 40),
  )
  const cum = findPhrase(near, lexicon.cumulativeWords)
  if (cum)
    return {
      kind: 'cumulative',
      days: null,
      date: null,
      text: cum,
      why: `'${cum}' next to the figure`,
    }
  const sentence = lowerSlice(text, f.sentence.start, f.sentence.end)
  const event = findPhrase(sentence, lexicon.eventNouns)
  if (event)
    return {
      kind: 'event',
      days: null,
      date: null,
      text: event,
      why: `event noun '${event}' in its sentence`,
    }
  const cumS = findPhrase(sentence, lexicon.cumulativeWords)
  if (cumS)
    return {
      kind: 'cumulative',
      days: null,
      date: null,
      text: cumS,
      why: `'${cumS}' in its sentence`,
    }
  return { kind: 'unstated', days: null, date: null, text: 'not stated', why: 'no period stated' }
}

function measureOf(f: Figure, text: string): string | null {
  if (f.measure) {
    const m = normaliseMeasure(f.measure.normalized) ?? normaliseMeasure(f.measure.text)
    return m ?? f.measure.normalized.toLowerCase()
  }
  // The analysis found no measure: take the first measure word after the number in its clause.
  const after = lowerSlice(text, f.start, Math.min(f.sentence.end, f.end + 50))
  const word = findPhrase(after, MEASURE_PHRASES)
  if (word !== null) return MEASURES.get(word) ?? null
  if (f.kind !== 'percent' && f.kind !== 'rate') return null
  // "Turnout … was 61 percent": what a percentage measures is usually named before it.
  const before = lowerSlice(text, Math.max(f.sentence.start, f.start - 60), f.start)
  let last: string | null = null
  for (const m of before.matchAll(phraseRegExp(lexicon.rateMeasures))) last = m[0]
  return last
}

function dimensionOf(
  f: Figure,
): { dimension: string; baseUnit: string | null; factor: number } | null {
  if (f.kind === 'date') return null
  const unit = f.unit?.trim().toLowerCase() ?? null
  const known = unit === null ? undefined : UNITS.get(unit)
  if (known) {
    return {
      dimension: known.info.dimension,
      baseUnit: BASE_UNIT.get(known.info.dimension) ?? known.key,
      factor: known.info.factor,
    }
  }
  if (f.kind === 'count') return { dimension: 'count', baseUnit: null, factor: 1 }
  if (f.kind === 'percent') return { dimension: 'percent', baseUnit: '%', factor: 1 }
  return { dimension: unit ? `${f.kind}:${unit}` : f.kind, baseUnit: unit, factor: 1 }
}

/** Turns one analysed figure into facts the reconciliation compares; null for dates. */
export function figureFacts(
  doc: number,
  index: number,
  f: Figure,
  text: string,
  attributions: readonly Attribution[],
  published: string | null,
): FigureFacts | null {
  const dim = dimensionOf(f)
  if (!dim) return null
  const k = dim.factor
  const qualifierWords = (f.qualifierText ?? f.qualifier.replace('_', ' ')).toLowerCase()
  let low = f.low
  let high = f.high
  const value = f.value
  let isLowOpen = f.qualifier === 'more_than'
  let isHighOpen = f.qualifier === 'less_than'
  if (value !== null) {
    if (low === null && high === null) {
      if (f.qualifier === 'exact') low = high = value
      else if (f.qualifier === 'at_least' || f.qualifier === 'more_than') low = value
      else if (f.qualifier === 'at_most' || f.qualifier === 'less_than') high = value
      else if (f.qualifier === 'about') {
        low = value * 0.9
        high = value * 1.1
      }
    } else if (f.qualifier === 'about' && low === high) {
      // "about 2,000" read as ±10%: the usual width of a rounded news figure.
      low = value * 0.9
      high = value * 1.1
    }
    if (findPhrase(qualifierWords, OPEN_ABOVE)) {
      // "almost 700" never reaches 700: the upper end is the number, open.
      high = value
      isHighOpen = true
      low = low === null || low >= value ? value * 0.9 : low
    } else if (findPhrase(qualifierWords, OPEN_BELOW)) {
      low = value
      isLowOpen = true
      if (high !== null && high <= value) high = null
    }
  }
  // Counts cannot go below zero: "at most 40" is [0, 40].
  if (low === null && high !== null && (dim.dimension === 'count' || f.kind === 'count')) low = 0
  // Vague amounts ("several", "dozens") get an interval for the chart but are never held to it.
  const isVague = f.qualifier === 'vague' || (low === null && high === null)
  const tolerance = value === null ? 0 : roundingHalfStep(f.text, value) * k

  let subjectText = f.subject?.text ?? null
  const family = familyOf(subjectText ?? '') ?? familyOf(lowerSlice(text, f.start, f.end))
  // Premodifiers just before the number or inside the subject name who is counted.
  const before = lowerSlice(text, Math.max(f.sentence.start, f.start - 25), f.start)
  const affiliation =
    affiliationOf(subjectText ?? '') ??
    affiliationOf(f.text) ??
    (subjectText ? null : affiliationOf(before))
  if (!subjectText) {
    const m = before.match(/(?:number|toll) of ([\p{L}\s'-]+?) (?:to|at|is|was|stood)\s*$/u)
    if (m?.[1]) subjectText = m[1]
  }

  let claimantName = f.source?.text ?? null
  if (!claimantName) {
    const att = attributions.find((a) => a.speaker && a.sentence.start === f.sentence.start)
    claimantName = att?.speaker?.text ?? null
  }
  const claimant = claimantName ? sourceKey(claimantName) || null : null
  // A pronoun ("He") names nobody: leave the claimant unknown rather than show "He".
  if (claimant === null) claimantName = null
  const scope = scopeOf(f, text)
  const placeText = f.location?.text ?? null
  const place = placeText ? placeTokens(placeText) : new Set<string>()
  // Without a measure word the subject's head noun stands in ("six groups" vs "two groups"), and
  // only figures that also share a name nearby are compared: "20 million residents of Delhi" and
  // "210 people" arrested there are not one quantity.
  const measured = measureOf(f, text)
  const head = measured === null ? headOf(subjectText ?? '') : null
  const measure = measured ?? (head ? `${head} (no measure)` : null)
  const needsAnchor =
    dim.dimension !== 'count' ||
    measured === null ||
    (family === null && affiliation === null && place.size === 0)
  return {
    doc,
    figure: index,
    source: f,
    dimension: dim.dimension,
    baseUnit: dim.baseUnit,
    low: low === null ? null : low * k,
    high: high === null ? null : high * k,
    isLowOpen,
    isHighOpen,
    value: value === null ? null : value * k,
    tolerance,
    isVague,
    measure,
    hasMeasureWord: measured !== null,
    family,
    affiliation,
    scope,
    place,
    placeText,
    claimant,
    claimantName,
    asOf: f.timeScope?.to ?? (scope.kind === 'point' ? scope.date : null) ?? published,
    qualifierWords,
    subjectText,
    // The claimant's name ties a bare "more than 800 injured" to the same ministry's later count.
    anchors: new Set([...anchorsOf(f, text, place), ...(claimant ? claimant.split(' ') : [])]),
    needsAnchor,
  }
}
