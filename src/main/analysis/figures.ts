import type { FigureKind, MeasureSpan, Qualifier, Span } from '../../shared/analysis'
import { lexicons, type QualifierEntry } from './lexicons'
import { posAt, type SentenceSpan, type TokenTable } from './nlp'
import { isLetterAt } from './word-scan'
import { parseDigits, parseNumberWords, tidy } from './numbers'
import { hasFoldingChar, rx } from './figure-patterns'
import { mayEndQualifier, nextCandidate, parseCandidate } from './figure-candidates'
import { attachSubjectsAndMeasures, multipliedSubject } from './figure-subjects'
import { endsWithWordAndSpace, isSpaceAt, wordAt, wordBeforeEnd } from './words-around'
import { phraseKey } from './word-table'

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

const PLACE_AFTER_DISTANCE =
  /^\s+(?:(?:south|north|east|west)(?:-?(?:east|west))?(?:ern)?|southwest|southeast|northwest|northeast|from|outside|away\s+from|of)\s+(?:of\s+)?(?:the\s+)?(?:[\p{Lu}][\p{L}’'-]*)(?:\s+[\p{Lu}][\p{L}’'-]*)*/u

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

/** The signs of the currency regex (`/(US\$|[$£€¥₹])\s?$/`), by character code. */
const CURRENCY_SIGNS = new Set([...'$£€¥₹'].map((c) => c.charCodeAt(0)))
const AGE = /age/i

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
