import figureNumbers from '../../../resources/lexicons/figure-numbers.json' with { type: 'json' }
import figureQualifiers from '../../../resources/lexicons/figure-qualifiers.json' with { type: 'json' }
import figureMeasures from '../../../resources/lexicons/figure-measures.json' with { type: 'json' }
import figureUnits from '../../../resources/lexicons/figure-units.json' with { type: 'json' }
import figureContext from '../../../resources/lexicons/figure-context.json' with { type: 'json' }
import reportingVerbs from '../../../resources/lexicons/reporting-verbs.json' with { type: 'json' }
import gazetteer from '../../../resources/lexicons/gazetteer.json' with { type: 'json' }
import entityCues from '../../../resources/lexicons/entity-cues.json' with { type: 'json' }
import type { EntityType, Qualifier, VerbStrength } from '../../shared/analysis'

/** A qualifier phrase and the interval (as factors of the value) it implies. */
export interface QualifierEntry {
  phrase: string
  qualifier: Qualifier
  low: number | null
  high: number | null
}

export interface GazetteerOrg {
  name: string
  aliases: string[]
  type: EntityType
}

/** The lexicons the analysis reads, typed once here so the JSON stays plain data. */
export interface Lexicons {
  units: Record<string, number>
  tens: Record<string, number>
  scales: Record<string, number>
  scaleSuffixes: Record<string, number>
  phrases: Record<string, number>
  fractions: Record<string, number>
  vague: Record<string, [number, number]>
  ratioWords: Record<string, number>
  /** "twice", "thrice": ratios only before one of `multiplierComparisons`. */
  multiplierWords: Record<string, number>
  /** What follows "N times" / "twice" in a ratio ("as many", "more", "higher"). */
  multiplierComparisons: string[]
  qualifiersBefore: QualifierEntry[]
  qualifiersAfter: QualifierEntry[]
  measures: Record<string, string[]>
  measureSubjectWords: string[]
  distanceUnits: Record<string, string>
  durationUnits: Record<string, string>
  rateUnits: Record<string, string>
  areaUnits: Record<string, string>
  currencySymbols: Record<string, string>
  currencyWords: Record<string, string>
  percentWords: string[]
  personNouns: string[]
  /** Words before a number that make it a reading on a scale ("magnitude 6.8"). */
  prefixUnits: Record<string, string>
  cumulativeScopes: string[]
  windowHeads: string[]
  pointWords: string[]
  placePrepositions: string[]
  eventAnaphora: string[]
  continuationConnectives: string[]
  verbs: Record<string, { strength: VerbStrength; forms: string[] }>
  accordingTo: string[]
  claimNouns: string[]
  places: string[]
  organisations: GazetteerOrg[]
  demonyms: Record<string, string>
  personTitles: string[]
  organisationHeads: string[]
  groupHeads: string[]
  nameConnectors: string[]
  notNames: string[]
}

const QUALIFIER_SET = new Set<string>([
  'exact',
  'at_least',
  'at_most',
  'about',
  'more_than',
  'less_than',
  'vague',
])
const STRENGTHS = new Set<string>(['neutral', 'assertive', 'distancing', 'concessive', 'tentative'])
const ENTITY_TYPE_SET = new Set<string>(['person', 'organisation', 'place', 'group'])

function qualifierEntries(
  rows: { phrase: string; qualifier: string; low: number | null; high: number | null }[],
): QualifierEntry[] {
  return rows.map((r) => {
    // The JSON is user-extensible: a typo must fail loudly at load, not mislabel figures.
    if (!QUALIFIER_SET.has(r.qualifier)) throw new Error(`unknown qualifier ${r.qualifier}`)
    return { ...r, qualifier: r.qualifier as Qualifier }
  })
}

/**
 * A lexicon table without a prototype: looked up with a word from the text, a plain object
 * answers "constructor" or "toString" with a function ("constructor 5" became a reading on a
 * scale whose unit was a function).
 */
function table<V>(entries: Record<string, V>): Record<string, V> {
  return Object.assign(Object.create(null) as Record<string, V>, entries)
}

function load(): Lexicons {
  const verbs: Lexicons['verbs'] = table({})
  for (const [lemma, v] of Object.entries(reportingVerbs.verbs)) {
    if (!STRENGTHS.has(v.strength)) throw new Error(`unknown verb strength ${v.strength}`)
    verbs[lemma] = { strength: v.strength as VerbStrength, forms: v.forms }
  }
  const organisations = gazetteer.organisations.map((o) => {
    if (!ENTITY_TYPE_SET.has(o.type)) throw new Error(`unknown entity type ${o.type}`)
    return { name: o.name, aliases: o.aliases, type: o.type as EntityType }
  })
  const vague: Record<string, [number, number]> = table({})
  for (const [k, v] of Object.entries(figureNumbers.vague)) vague[k] = [v[0] ?? 0, v[1] ?? 0]
  return {
    units: table(figureNumbers.units),
    tens: table(figureNumbers.tens),
    scales: table(figureNumbers.scales),
    scaleSuffixes: table(figureNumbers.scaleSuffixes),
    phrases: table(figureNumbers.phrases),
    fractions: table(figureNumbers.fractions),
    vague,
    ratioWords: table(figureNumbers.ratioWords),
    multiplierWords: table(figureNumbers.multiplierWords),
    multiplierComparisons: figureNumbers.multiplierComparisons,
    qualifiersBefore: qualifierEntries(figureQualifiers.before),
    qualifiersAfter: qualifierEntries(figureQualifiers.after),
    measures: table(figureMeasures.measures),
    measureSubjectWords: figureMeasures.subjectWords,
    distanceUnits: table(figureUnits.distance),
    durationUnits: table(figureUnits.duration),
    rateUnits: table(figureUnits.rate),
    areaUnits: table(figureUnits.area),
    currencySymbols: table(figureUnits.currencySymbols),
    currencyWords: table(figureUnits.currencyWords),
    percentWords: figureUnits.percent,
    personNouns: figureUnits.personNouns,
    prefixUnits: table(figureUnits.prefixUnits),
    cumulativeScopes: figureContext.cumulativeScopes,
    windowHeads: figureContext.windowHeads,
    pointWords: figureContext.pointWords,
    placePrepositions: figureContext.placePrepositions,
    eventAnaphora: figureContext.eventAnaphora,
    continuationConnectives: figureContext.continuationConnectives,
    verbs,
    accordingTo: reportingVerbs.accordingTo,
    claimNouns: reportingVerbs.claimNouns,
    places: gazetteer.places,
    organisations,
    demonyms: table(gazetteer.demonyms),
    personTitles: entityCues.personTitles,
    organisationHeads: entityCues.organisationHeads,
    groupHeads: entityCues.groupHeads,
    nameConnectors: entityCues.nameConnectors,
    notNames: entityCues.notNames,
  }
}

let cached: Lexicons | null = null

/** The lexicons, loaded and checked once per process. */
export function lexicons(): Lexicons {
  cached ??= load()
  return cached
}

/** Escapes a phrase for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** An alternation of phrases, longest first so the regex prefers "just over" to "over". */
export function alternation(phrases: Iterable<string>): string {
  return [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map((p) => escapeRegExp(p).replace(/ /g, '\\s+'))
    .join('|')
}

/**
 * A character class of the first characters of `words` in either case (digits: all of them).
 * Put as a lookahead before a costly lookbehind and alternation, it lets the regex engine skip
 * positions where no phrase can start without changing what matches.
 */
export function firstCharClass(words: Iterable<string>): string {
  const chars = new Set<string>()
  for (const w of words) {
    const c = String.fromCodePoint(w.codePointAt(0) ?? 32)
    if (/\d/.test(c)) chars.add('0123456789')
    else for (const x of [c, c.toLowerCase(), c.toUpperCase()]) chars.add(x)
  }
  return `[${[...chars].join('').replace(/[\]\\^-]/g, '\\$&')}]`
}
