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
  /** The place prepositions, sticky: the exact rule, where `locationAscii` is not enough. */
  locationSticky: RegExp
  /**
   * The same, global, with an ASCII-letter lookbehind and without the 'u' flag when the
   * prepositions are ASCII: the same matches after an ASCII character, and several times faster.
   */
  locationAscii: RegExp
  /** `\bthe …` with an event noun, sticky: tried only where "the" is. */
  anaphoraSticky: RegExp
  /**
   * The same for an all-ASCII sentence: ASCII letters for \p{L} and 'i' for 'iu' match the
   * same there, and V8 runs it faster.
   */
  anaphoraAscii: RegExp
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
  const ascii = lex.placePrepositions.every((p) => /^[\x20-\x7e]*$/.test(p))
  const locationAscii = `(?<![A-Za-z])(?:${preps})(?=\\s)`
  const anaphora = (letter: string, flags: string): RegExp =>
    new RegExp(
      `\\bthe\\s+(?:[${letter}-]+\\s+){0,3}?(?:${alternation(lex.eventAnaphora)})\\b`,
      flags,
    )
  cached = {
    locationSticky: new RegExp(location, 'uy'),
    locationAscii: ascii ? new RegExp(locationAscii, 'g') : new RegExp(location, 'gu'),
    anaphoraSticky: anaphora('\\p{L}', 'iuy'),
    anaphoraAscii: lex.eventAnaphora.every((w) => /^[\x20-\x7e]*$/.test(w))
      ? anaphora('A-Za-z', 'iy')
      : anaphora('\\p{L}', 'iuy'),
    connective: new RegExp(`^\\s*(?:${alternation(lex.continuationConnectives)})\\b`, 'iu'),
    places: new Set(lex.places),
    orgNames,
    orgHeads: new Set(lex.organisationHeads),
    demonyms: new Set(Object.keys(lex.demonyms)),
    notNames: new Set(lex.notNames),
  }
  return cached
}

// Sticky at a position in the sentence, where they were once anchored on the rest of it: no
// substring per word.
const WORD_AHEAD = /\s+((?:(?:al|el)-)?[\p{L}][\p{L}’'-]*)/uy
const NAME_WORD_AHEAD = / ((?:(?:al|el)-)?\p{Lu}[\p{L}’'-]*)/uy
const CAPITALISED = /^(?:(?:al|el)-)?\p{Lu}/u

/** The word `readWordAhead` read, and where its match ended (reused: no object per word). */
const ahead = { word: '', end: 0 }

/**
 * Reads WORD_AHEAD at `at` into `ahead`; false when it does not match. ASCII text is read by
 * hand (the match array and capture cost more than the reading); the regex reads the rest.
 */
function readWordAhead(s: string, at: number): boolean {
  const n = s.length
  let q = at
  let c = s.charCodeAt(q)
  while (c === 32 || (c >= 9 && c <= 13)) c = s.charCodeAt(++q)
  if (q === n) return false
  // A non-ASCII character may be a space (U+00A0) or a letter: the regex rules.
  if (c >= 128) return readWordAheadByRegex(s, at)
  // Otherwise the match needs ASCII whitespace, then an ASCII letter.
  if (q === at || !isAsciiLetter(c)) return false
  // The word runs over letters, ’, ' and -; a non-ASCII character in it is left to the regex.
  let j = q + 1
  for (; j < n; j++) {
    const d = s.charCodeAt(j)
    if (d >= 128) return readWordAheadByRegex(s, at)
    if (!isAsciiLetter(d) && d !== 39 && d !== 45) break
  }
  ahead.word = s.slice(q, j)
  ahead.end = j
  return true
}

function readWordAheadByRegex(s: string, at: number): boolean {
  WORD_AHEAD.lastIndex = at
  const w = WORD_AHEAD.exec(s)
  if (!w) return false
  ahead.word = w[1]!
  ahead.end = at + w[0].length
  return true
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
}

function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0)
  if (c >= 65 && c <= 90) return true
  // A lower-case ASCII letter decides too, unless an article ("al-", "el-") may come first.
  if (c >= 97 && c <= 122 && word.charCodeAt(2) !== 45) return false
  return CAPITALISED.test(word)
}

/**
 * The next match of the place prepositions in `s` at or after `from`, as the exact 'u' regex
 * would find it. `r.locationAscii` finds it faster; it differs only for a non-ASCII letter before
 * the preposition, where the exact regex rules.
 */
function nextPlacePreposition(s: string, from: number, r: ContextRegexes): RegExpExecArray | null {
  const re = r.locationAscii
  re.lastIndex = from
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const p = m.index
    if (p === 0 || s.charCodeAt(p - 1) < 128) return m
    r.locationSticky.lastIndex = p
    const exact = r.locationSticky.exec(s)
    if (exact) return exact
    re.lastIndex = p + 1
  }
  return null
}

/** Place phrases in a sentence ("near Aleppo", "in the southern countryside of Aleppo"). */
export function findLocations(text: string, sent: SentenceSpan): Span[] {
  return placesIn(text, sent, Infinity)
}

/** The first `max` place phrases in a sentence. */
function placesIn(text: string, sent: SentenceSpan, max: number): Span[] {
  const r = rx()
  const s = text.slice(sent.start, sent.end)
  const out: Span[] = []
  for (
    let m = nextPlacePreposition(s, 0, r);
    m !== null;
    m = nextPlacePreposition(s, m.index + Math.max(1, m[0].length), r)
  ) {
    let at = m.index + m[0].length
    let name: string[] = []
    let nameEnd = at
    // Walk: place words ("the southern countryside of"), demonyms ("Syrian"), then the name.
    for (let guard = 0; guard < 8 && name.length === 0; guard++) {
      if (!readWordAhead(s, at)) break
      const word = ahead.word
      if (!isCapitalised(word)) {
        if (!PLACE_WORDS.has(word.toLowerCase())) break
        at = ahead.end
        continue
      }
      if (r.demonyms.has(word) || (r.notNames.has(word) && !r.places.has(word))) {
        if (!r.demonyms.has(word)) break
        at = ahead.end
        continue
      }
      // The capitalised run: "Khan Tuman", "Bashar al-Assad", "Deir ez-Zor".
      let runEnd = ahead.end
      name = [word]
      for (;;) {
        NAME_WORD_AHEAD.lastIndex = runEnd
        const n = NAME_WORD_AHEAD.exec(s)
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
    if (!r.places.has(full) && /^\p{Lu}+$/u.test(full)) {
      // Only here is the preposition itself asked for: "in"/"at" before an unknown acronym.
      const prep = m[0].toLowerCase().replace(/\s+/g, ' ')
      if (prep === 'in' || prep === 'at') continue
    }
    out.push({
      start: sent.start + m.index,
      end: sent.start + nameEnd,
      text: s.slice(m.index, nameEnd),
    })
    if (out.length >= max) break
  }
  return out
}

/**
 * Assigns each element (place, time scope) to one figure: the last one before it, else the first
 * one after it, unless `skip` says no. Returns per figure index the element it got.
 */
function assign<T extends { start: number; end: number }>(
  elements: readonly T[],
  figs: readonly RawFigure[],
  skip: (k: number, e: T) => boolean,
): (T | undefined)[] {
  const out: (T | undefined)[] = []
  for (const e of elements) {
    if (overlapsAny(figs, e)) continue
    let target = -1
    for (let k = 0; k < figs.length; k++) if (figs[k]!.end <= e.start && !skip(k, e)) target = k
    if (target < 0) {
      for (let k = 0; k < figs.length; k++) {
        if (figs[k]!.start >= e.end && !skip(k, e)) {
          target = k
          break
        }
      }
    }
    if (target >= 0 && out[target] === undefined) out[target] = e
  }
  return out
}

function overlapsAny(figs: readonly RawFigure[], e: { start: number; end: number }): boolean {
  for (const f of figs) if (e.start < f.contextEnd && e.end > f.start) return true
  return false
}

function coordinated(text: string, a: RawFigure, b: RawFigure): boolean {
  // Kind and length first: they decide most pairs without cutting the gap out of the text.
  if (a.kind !== b.kind || b.start - a.end > 80) return false
  const gap = text.slice(a.end, b.start)
  return gap.length <= 80 && /\band\b/i.test(gap) && !/[.;]/.test(gap)
}

function paragraphBreakBetween(text: string, a: number, b: number): boolean {
  // Only [a, b) is looked at: indexOf would run on to the next newline, however far.
  for (let i = a; i < b; i++) if (text.charCodeAt(i) === 10) return true
  return false
}

/** Whether the text names "the" event again ("the attack", "the Aleppo offensive"). */
function mentionsEvent(sentText: string, r: ContextRegexes): boolean {
  // The anaphora regex starts with "the": tried at each "the" only, not at every position.
  let anaphora: RegExp | null = null
  THE.lastIndex = 0
  for (let m = THE.exec(sentText); m; m = THE.exec(sentText)) {
    anaphora ??= NON_ASCII.test(sentText) ? r.anaphoraSticky : r.anaphoraAscii
    anaphora.lastIndex = m.index
    if (anaphora.test(sentText)) {
      THE.lastIndex = 0
      return true
    }
  }
  return false
}

const NON_ASCII = /[\u0080-\uffff]/

// No other character case-folds to t, h or e, so this finds every start of the 'iu' regex's "the".
const THE = /the/gi

const byContentLength = (a: Attribution, b: Attribution): number =>
  a.content.end - a.content.start - (b.content.end - b.content.start)

/** The figure's source; what decided it goes into `evidence`. */
function sourceFor(
  f: RawFigure,
  text: string,
  containing: Attribution[],
  evidence: string[],
): SourceSpan | null {
  if (containing.length === 0) return null
  // A distance given in apposition ("…, some eight miles southwest of Aleppo") is the writer's.
  if (f.kind === 'distance' && /,\s*$/.test(text.slice(Math.max(0, f.start - 3), f.start))) {
    evidence.push('distance in apposition: the writer’s own geography')
    return null
  }
  if (containing.length > 1) containing.sort(byContentLength)
  const best = containing[0]!
  if (!best.speaker) {
    evidence.push(`reported without a source (${best.verb ? `'${best.verb.text}'` : 'passive'})`)
    return null
  }
  const source: SourceSpan = { ...best.speaker }
  evidence.push(
    `source from ${best.kind === 'quote' ? 'the quote’s speaker' : best.kind === 'according_to' ? "'according to'" : `reporting verb '${best.verb?.text ?? ''}'`}`,
  )
  if (!source.via) {
    // The first other speaker, as the attributions were sorted (narrowest content first).
    for (const a of containing) {
      const outer = a.speaker
      if (a === best || !outer || outer.text === source.text) continue
      source.via = { start: outer.start, end: outer.end, text: outer.text }
      evidence.push(`relayed via '${outer.text}'`)
      break
    }
  }
  return source
}

/** The narrowest reported clause among `containing` that lies in the sentence (not "according to"). */
function clauseIn(containing: readonly Attribution[], sentStart: number): Attribution | undefined {
  let best: Attribution | undefined
  let bestLength = Infinity
  for (const a of containing) {
    if (a.kind === 'according_to' || a.content.start < sentStart) continue
    const length = a.content.end - a.content.start
    // Strictly shorter: the first of equally narrow clauses wins, as a stable sort would have it.
    if (length < bestLength) {
      best = a
      bestLength = length
    }
  }
  return best
}

/** What a sentence without figures gets for places: none looked for. */
const NO_LOCATIONS: readonly Span[] = Object.freeze([])

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
  // Only figures another one is part of are looked up again ("including nine children").
  const parents = new Set<RawFigure>()
  for (const ps of perSentence) for (const f of ps.figures) if (f.partOf) parents.add(f.partOf)
  const done = new Map<RawFigure, Figure>()
  const containingOf = containmentIndex(attributions)
  // Whether a sentence goes on about the previous one's event.
  const continuesFrom = (before: SentenceSpan, sent: SentenceSpan): boolean => {
    if (!paragraphBreakBetween(text, before.end, sent.start)) return true
    const sentText = text.slice(sent.start, sent.end)
    return mentionsEvent(sentText, r) || r.connective.test(sentText)
  }
  // What the sentence before left to carry over (kept in locals: no object per sentence).
  let prevSent: SentenceSpan | null = null
  let prevHadFigures = false
  let prevLocation: Span | null = null
  let prevScope: TimeScopeSpan | null = null
  for (let idx = 0; idx < perSentence.length; idx++) {
    const ps = perSentence[idx]!
    const figs = ps.figures
    if (figs.length === 0) {
      // Places are only needed where a figure is, or one sentence before it, and there only
      // the first, which the next sentence may carry.
      const locations =
        (perSentence[idx + 1]?.figures.length ?? 0) > 0 ? placesIn(text, ps.sent, 1) : NO_LOCATIONS
      // Nothing to attach: only what the next sentence may carry over.
      prevLocation =
        locations[0] ??
        (prevSent !== null && prevLocation && continuesFrom(prevSent, ps.sent)
          ? prevLocation
          : null)
      prevSent = ps.sent
      prevHadFigures = false
      prevScope = ps.scopes[0] ?? null
      continue
    }
    const locations = findLocations(text, ps.sent)
    // Context outside the reported clause that holds a figure ("Fars on May 7 quoted … that 13
    // … had been killed on May 6") belongs to the reporting, not to the figure. Per figure
    // index: the attributions holding it, and the narrowest reported clause among them.
    const containers: Attribution[][] = []
    const clauses: (Attribution | undefined)[] = []
    for (const f of figs) {
      const containing = containingOf(f.start, f.numberEnd)
      containers.push(containing)
      clauses.push(clauseIn(containing, ps.sent.start))
    }
    const outside = (k: number, e: { start: number; end: number }): boolean => {
      const c = clauses[k]
      return c !== undefined && (e.start < c.content.start || e.end > c.content.end)
    }
    const locOf = assign(locations, figs, (k, e) => figs[k]!.kind === 'distance' || outside(k, e))
    const scopeOf = assign(ps.scopes, figs, outside)
    for (let k = 0; k < figs.length; k++) {
      const f = figs[k]!
      // The figure before, then the one after: "13 killed and 20 wounded in Aleppo".
      for (let j = k - 1; j <= k + 1; j += 2) {
        const n = figs[j]
        if (!n || !(j < k ? coordinated(text, n, f) : coordinated(text, f, n))) continue
        if (locOf[k] === undefined && locOf[j] !== undefined) locOf[k] = locOf[j]
        if (scopeOf[k] === undefined && scopeOf[j] !== undefined) scopeOf[k] = scopeOf[j]
      }
    }
    // Asked only where a place would be carried, because the anaphora regex is costly.
    let continuesMemo: boolean | null = null
    const continues = (): boolean => {
      continuesMemo ??= prevSent !== null && continuesFrom(prevSent, ps.sent)
      return continuesMemo
    }
    for (let k = 0; k < figs.length; k++) {
      const f = figs[k]!
      const evidence = f.evidence.slice()
      let confidence = f.confidence
      let location: Span | null = locOf[k] ?? null
      if (!location && f.kind === 'distance') {
        // The last place that ends before the distance.
        for (let i = locations.length - 1; i >= 0 && !location; i--) {
          if (locations[i]!.end <= f.start) location = locations[i]!
        }
        if (location) evidence.push('distance measured from the place named before it')
      }
      if (location) evidence.push(`place '${location.text}'`)
      else if (prevLocation && continues()) {
        location = prevLocation
        confidence -= 0.05
        evidence.push(`place '${location.text}' carried from the previous sentence (same event)`)
      }
      const parent = f.partOf ? done.get(f.partOf) : undefined
      const isPart = parent !== undefined && f.relation === 'part'
      if (parent && (isPart || !location)) {
        location = parent.location
        evidence.push(`place shared with '${parent.text}'`)
      }
      let timeScope: TimeScopeSpan | null = isPart ? parent.timeScope : (scopeOf[k] ?? null)
      if (timeScope) evidence.push(`time scope '${timeScope.text}' (${timeScope.type ?? 'other'})`)
      else if (
        prevScope &&
        prevSent !== null &&
        !prevHadFigures &&
        !paragraphBreakBetween(text, prevSent.end, ps.sent.start)
      ) {
        timeScope = prevScope
        confidence -= 0.05
        evidence.push(`time scope '${timeScope.text}' carried from the previous sentence`)
      }
      const source = sourceFor(f, text, containers[k]!, evidence) ?? parent?.source ?? null
      if (f.kind === 'count' && !f.measure) confidence -= 0.1
      const figure: Figure = {
        id: `fig-${out.length + 1}`,
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
      if (parents.has(f)) done.set(f, figure)
      out.push(figure)
    }
    prevLocation =
      locations[0] ??
      out[out.length - 1]?.location ??
      (prevLocation && continues() ? prevLocation : null)
    prevSent = ps.sent
    prevHadFigures = true
    prevScope = ps.scopes[0] ?? null
  }
  return out
}
