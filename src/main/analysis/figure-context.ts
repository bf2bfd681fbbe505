import type { Attribution, Figure, SourceSpan, Span, TimeScopeSpan } from '../../shared/analysis'
import type { SegmentRole } from '../../shared/document'
import { containmentIndex } from './attributions'
import type { RawFigure } from './figures'
import { alternation, firstCharClass, lexicons } from './lexicons'
import type { SentenceSpan } from './nlp'

// Lower-case words that may stand between a preposition and a place name ("near the Syrian city of").
const PLACE_WORDS = new Set([
  'the',
  'of',
  'city',
  'town',
  'village',
  'province',
  'region',
  'area',
  'district',
  'countryside',
  'suburbs',
  'suburb',
  'outskirts',
  'southern',
  'northern',
  'eastern',
  'western',
  'central',
  'south',
  'north',
  'east',
  'west',
  'rural',
  'besieged',
  'nearby',
  'neighbouring',
  'capital',
  'port',
  'border',
  'governorate',
  'state',
  'county',
  'coastal',
  'northwestern',
  'northeastern',
  'southwestern',
  'southeastern',
  'heart',
  'centre',
  'center',
  'streets',
  'downtown',
  'mountain',
  'mountainous',
  'remote',
  'main',
  'old',
  'historic',
  'eastern',
  'provincial',
])

interface ContextRegexes {
  location: RegExp
  /** `location` without the 'g' flag, sticky: tried only where a preposition can start. */
  locationSticky: RegExp
  /** Which ASCII characters can start a place preposition (case-sensitive, as the regex). */
  locationFirstAscii: Uint8Array
  locationFirstChar: RegExp
  anaphora: RegExp
  connective: RegExp
  places: Set<string>
  orgNames: Set<string>
  orgHeads: Set<string>
  demonyms: Set<string>
  notNames: Set<string>
}

let cached: ContextRegexes | null = null

function rx(): ContextRegexes {
  if (cached) return cached
  const lex = lexicons()
  // Prepositions may open a sentence ("In Aleppo, …"): match either case of the first letter.
  const preps = lex.placePrepositions
    .map((p) => `[${p[0]!.toUpperCase()}${p[0]}]${p.slice(1).replace(/ /g, '\\s+')}`)
    .sort((a, b) => b.length - a.length)
    .join('|')
  // Their first three characters, the first in either case: a second, cheaper lookahead.
  const prepPrefixes = [
    ...new Set(
      lex.placePrepositions.map(
        (p) =>
          `[${p[0]!.toUpperCase()}${p[0]}]${p
            .slice(1, 3)
            .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
            .replace(/ /g, '\\s')}`,
      ),
    ),
  ].join('|')
  const orgNames = new Set<string>()
  for (const o of lex.organisations) for (const n of [o.name, ...o.aliases]) orgNames.add(n)
  const location = `(?=${firstCharClass(lex.placePrepositions)})(?=${prepPrefixes})(?<![\\p{L}])(?:${preps})(?=\\s)`
  const locationFirstChar = new RegExp(`^${firstCharClass(lex.placePrepositions)}`, 'u')
  const locationFirstAscii = new Uint8Array(128)
  for (let c = 0; c < 128; c++)
    locationFirstAscii[c] = locationFirstChar.test(String.fromCharCode(c)) ? 1 : 0
  cached = {
    location: new RegExp(location, 'gu'),
    locationSticky: new RegExp(location, 'uy'),
    locationFirstAscii,
    locationFirstChar,
    anaphora: new RegExp(
      `\\bthe\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:${alternation(lex.eventAnaphora)})\\b`,
      'iu',
    ),
    connective: new RegExp(`^\\s*(?:${alternation(lex.continuationConnectives)})\\b`, 'iu'),
    places: new Set(lex.places),
    orgNames,
    orgHeads: new Set(lex.organisationHeads),
    demonyms: new Set(Object.keys(lex.demonyms)),
    notNames: new Set(lex.notNames),
  }
  return cached
}

const WORD_AHEAD = /^\s+((?:(?:al|el)-)?[\p{L}][\p{L}’'-]*)/u

/**
 * The matches of `r.location` in `s`, as `s.matchAll(r.location)` gives them, but the sticky
 * regex is tried only where a preposition can start (its first character, no letter before):
 * the global regex tried its lookaheads at every position of every sentence with a figure.
 */
function* placePrepositions(s: string, r: ContextRegexes): Generator<RegExpExecArray> {
  const n = s.length
  let p = 0
  while (p < n) {
    const c = s.charCodeAt(p)
    const ok =
      c < 128
        ? r.locationFirstAscii[c] === 1
        : !(c >= 0xdc00 && c <= 0xdfff) && r.locationFirstChar.test(s.slice(p, p + 2))
    if (ok) {
      const b = p > 0 ? s.charCodeAt(p - 1) : 32
      // An ASCII letter before rules a match out; anything else is left to the lookbehind.
      const letterBefore = (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
      if (!letterBefore) {
        r.locationSticky.lastIndex = p
        const m = r.locationSticky.exec(s)
        if (m) {
          yield m
          p += Math.max(1, m[0].length)
          continue
        }
      }
    }
    p++
  }
}

/** Place phrases in a sentence ("near Aleppo", "in the southern countryside of Aleppo"). */
export function findLocations(text: string, sent: SentenceSpan): Span[] {
  const r = rx()
  const s = text.slice(sent.start, sent.end)
  const out: Span[] = []
  for (const m of placePrepositions(s, r)) {
    const prep = m[0].toLowerCase().replace(/\s+/g, ' ')
    let at = m.index + m[0].length
    let name: string[] = []
    let nameEnd = at
    // Walk: place words ("the southern countryside of"), demonyms ("Syrian"), then the name.
    for (let guard = 0; guard < 8 && name.length === 0; guard++) {
      const w = WORD_AHEAD.exec(s.slice(at))
      if (!w) break
      const word = w[1]!
      const isCap = /^(?:(?:al|el)-)?\p{Lu}/u.test(word)
      if (!isCap) {
        if (!PLACE_WORDS.has(word.toLowerCase())) break
        at += w[0].length
        continue
      }
      if (r.demonyms.has(word) || (r.notNames.has(word) && !r.places.has(word))) {
        if (!r.demonyms.has(word)) break
        at += w[0].length
        continue
      }
      // The capitalised run: "Khan Tuman", "Bashar al-Assad", "Deir ez-Zor".
      let runEnd = at + w[0].length
      name = [word]
      for (;;) {
        const n = /^ ((?:(?:al|el)-)?\p{Lu}[\p{L}’'-]*)/u.exec(s.slice(runEnd))
        if (!n || r.notNames.has(n[1]!)) break
        name.push(n[1]!)
        runEnd += n[0].length
      }
      nameEnd = runEnd
    }
    if (name.length === 0) continue
    const full = name.join(' ').replace(/[’']s$/, '')
    if (/[’']s$/.test(name[name.length - 1]!)) continue
    if (/-[a-z]/.test(full.replace(/\b(?:al|el)-/g, ''))) continue
    if (r.orgNames.has(full) || r.orgHeads.has(name[name.length - 1]!)) continue
    if ((prep === 'in' || prep === 'at') && !r.places.has(full) && /^\p{Lu}+$/u.test(full)) continue
    out.push({
      start: sent.start + m.index,
      end: sent.start + nameEnd,
      text: s.slice(m.index, nameEnd),
    })
  }
  return out
}

interface SentenceContext {
  sent: SentenceSpan
  locations: Span[]
  scopes: TimeScopeSpan[]
  figures: RawFigure[]
}

function assign<T extends { start: number; end: number }>(
  elements: readonly T[],
  figs: readonly RawFigure[],
  skip: (f: RawFigure, e: T) => boolean,
): Map<RawFigure, T> {
  const out = new Map<RawFigure, T>()
  for (const e of elements) {
    if (figs.some((f) => e.start < f.contextEnd && e.end > f.start)) continue
    let target: RawFigure | undefined
    for (const f of figs) if (f.end <= e.start && !skip(f, e)) target = f
    target ??= figs.find((f) => f.start >= e.end && !skip(f, e))
    if (target && !out.has(target)) out.set(target, e)
  }
  return out
}

function coordinated(text: string, a: RawFigure, b: RawFigure): boolean {
  const gap = text.slice(a.end, b.start)
  return gap.length <= 80 && /\band\b/i.test(gap) && !/[.;]/.test(gap) && a.kind === b.kind
}

function paragraphBreakBetween(text: string, a: number, b: number): boolean {
  const i = text.indexOf('\n', a)
  return i >= 0 && i < b
}

function sourceFor(
  f: RawFigure,
  text: string,
  containing: Attribution[],
): { source: SourceSpan | null; evidence: string[] } {
  if (containing.length === 0) return { source: null, evidence: [] }
  // A distance given in apposition ("…, some eight miles southwest of Aleppo") is the writer's.
  if (f.kind === 'distance' && /,\s*$/.test(text.slice(Math.max(0, f.start - 3), f.start))) {
    return { source: null, evidence: ['distance in apposition: the writer’s own geography'] }
  }
  containing.sort((a, b) => a.content.end - a.content.start - (b.content.end - b.content.start))
  const best = containing[0]!
  if (!best.speaker) {
    return {
      source: null,
      evidence: [`reported without a source (${best.verb ? `'${best.verb.text}'` : 'passive'})`],
    }
  }
  const source: SourceSpan = { ...best.speaker }
  const evidence = [
    `source from ${best.kind === 'quote' ? 'the quote’s speaker' : best.kind === 'according_to' ? "'according to'" : `reporting verb '${best.verb?.text ?? ''}'`}`,
  ]
  if (!source.via) {
    const outer = containing.find((a) => a !== best && a.speaker && a.speaker.text !== source.text)
    if (outer?.speaker) {
      source.via = { start: outer.speaker.start, end: outer.speaker.end, text: outer.speaker.text }
      evidence.push(`relayed via '${outer.speaker.text}'`)
    }
  }
  return { source, evidence }
}

/**
 * Attaches time scope, place and source to the raw figures of every sentence and returns
 * finished figures. Scope and place come from the figure's own sentence; when it has none they
 * are carried from the sentence before only when the text shows it continues the same event.
 */
export function attachContext(
  text: string,
  perSentence: readonly { sent: SentenceSpan; figures: RawFigure[]; scopes: TimeScopeSpan[] }[],
  attributions: readonly Attribution[],
  roleAt: (offset: number) => SegmentRole,
): Figure[] {
  const r = rx()
  const out: Figure[] = []
  const done = new Map<RawFigure, Figure>()
  const containingOf = containmentIndex(attributions)
  type Prev = SentenceContext & { firstLocation: Span | null; firstScope: TimeScopeSpan | null }
  // Whether a sentence goes on about the previous one's event.
  const continuesFrom = (before: Prev, ps: { sent: SentenceSpan }): boolean => {
    if (!paragraphBreakBetween(text, before.sent.end, ps.sent.start)) return true
    const sentText = text.slice(ps.sent.start, ps.sent.end)
    // The anaphora regex needs "the"; most sentences fail that cheaper test.
    return (/the/i.test(sentText) && r.anaphora.test(sentText)) || r.connective.test(sentText)
  }
  let prev: Prev | null = null as Prev | null
  for (let idx = 0; idx < perSentence.length; idx++) {
    const ps = perSentence[idx]!
    // Places are only needed where a figure is, or one sentence before it (for carrying).
    const needed = ps.figures.length > 0 || (perSentence[idx + 1]?.figures.length ?? 0) > 0
    const locations = needed ? findLocations(text, ps.sent) : []
    const figs = ps.figures
    if (figs.length === 0) {
      // Nothing to attach: only what the next sentence may carry over.
      prev = {
        sent: ps.sent,
        locations,
        scopes: ps.scopes,
        figures: figs,
        firstLocation:
          locations[0] ??
          (prev?.firstLocation && continuesFrom(prev, ps) ? prev.firstLocation : null),
        firstScope: ps.scopes[0] ?? null,
      }
      continue
    }
    // Context outside the reported clause that holds a figure ("Fars on May 7 quoted … that 13
    // … had been killed on May 6") belongs to the reporting, not to the figure.
    const clauseOf = new Map<RawFigure, Attribution | undefined>()
    const containers = new Map<RawFigure, Attribution[]>()
    for (const f of figs) containers.set(f, containingOf(f.start, f.numberEnd))
    for (const f of figs) {
      clauseOf.set(
        f,
        containers
          .get(f)!
          .filter((a) => a.kind !== 'according_to' && a.content.start >= ps.sent.start)
          .sort((a, b) => a.content.end - a.content.start - (b.content.end - b.content.start))[0],
      )
    }
    const outside = (f: RawFigure, e: { start: number; end: number }): boolean => {
      const c = clauseOf.get(f)
      return c !== undefined && (e.start < c.content.start || e.end > c.content.end)
    }
    const locOf = assign(locations, figs, (f, e) => f.kind === 'distance' || outside(f, e))
    const scopeOf = assign(ps.scopes, figs, outside)
    for (let k = 0; k < figs.length; k++) {
      const f = figs[k]!
      for (const j of [k - 1, k + 1]) {
        const n = figs[j]
        if (!n || !(j < k ? coordinated(text, n, f) : coordinated(text, f, n))) continue
        if (!locOf.has(f) && locOf.has(n)) locOf.set(f, locOf.get(n)!)
        if (!scopeOf.has(f) && scopeOf.has(n)) scopeOf.set(f, scopeOf.get(n)!)
      }
    }
    // Asked only where a place would be carried, because the anaphora regex is costly.
    let continuesMemo: boolean | null = null
    const continues = (): boolean => {
      continuesMemo ??= prev !== null && continuesFrom(prev, ps)
      return continuesMemo
    }
    for (const f of figs) {
      const evidence = [...f.evidence]
      let confidence = f.confidence
      let location: Span | null = locOf.get(f) ?? null
      if (!location && f.kind === 'distance') {
        const left = locations.filter((l) => l.end <= f.start)
        location = left[left.length - 1] ?? null
        if (location) evidence.push('distance measured from the place named before it')
      }
      if (location) evidence.push(`place '${location.text}'`)
      else if (prev?.firstLocation && continues()) {
        location = prev.firstLocation
        confidence -= 0.05
        evidence.push(`place '${location.text}' carried from the previous sentence (same event)`)
      }
      const parent = f.partOf ? done.get(f.partOf) : undefined
      const isPart = parent !== undefined && f.relation === 'part'
      if (parent && (isPart || !location)) {
        location = parent.location
        evidence.push(`place shared with '${parent.text}'`)
      }
      let timeScope: TimeScopeSpan | null = isPart ? parent.timeScope : (scopeOf.get(f) ?? null)
      if (timeScope) evidence.push(`time scope '${timeScope.text}' (${timeScope.type ?? 'other'})`)
      else if (
        prev?.firstScope &&
        prev.figures.length === 0 &&
        !paragraphBreakBetween(text, prev.sent.end, ps.sent.start)
      ) {
        timeScope = prev.firstScope
        confidence -= 0.05
        evidence.push(`time scope '${timeScope.text}' carried from the previous sentence`)
      }
      const found = sourceFor(f, text, containers.get(f) ?? [])
      const source = found.source ?? parent?.source ?? null
      evidence.push(...found.evidence)
      if (f.kind === 'count' && !f.measure) confidence -= 0.1
      const figure: Figure = {
        id: '',
        start: f.start,
        end: f.end,
        text: text.slice(f.start, f.end),
        segmentRole: roleAt(f.start),
        value: f.value,
        low: f.low,
        high: f.high,
        qualifier: f.qualifier,
        qualifierText: f.qualifierText,
        kind: f.kind,
        unit: f.unit,
        measure: f.measure,
        subject: f.subject,
        timeScope,
        location,
        source,
        sentence: { start: f.sentence.start, end: f.sentence.end },
        evidence,
        confidence: Math.max(0.1, Math.min(1, Math.round(confidence * 100) / 100)),
      }
      done.set(f, figure)
      out.push(figure)
    }
    const firstLocation =
      locations[0] ?? (figs.length > 0 ? (out[out.length - 1]?.location ?? null) : null)
    prev = {
      sent: ps.sent,
      locations,
      scopes: ps.scopes,
      figures: figs,
      firstLocation:
        firstLocation ?? (prev?.firstLocation && continues() ? prev.firstLocation : null),
      firstScope: ps.scopes[0] ?? null,
    }
  }
  return out.map((f, i) => ({ ...f, id: `fig-${i + 1}` }))
}
