import type { MeasureSpan } from '../../shared/analysis'
import { posAt, type TokenTable } from './nlp'
import { FUNCTION_WORDS, rx, type FigureRegexes } from './figure-patterns'
import type { RawFigure } from './figures'
import { isAsciiLetter, isSpaceAt } from './words-around'
import { phraseKey } from './word-table'

/** The words multiplied, after a comparison ending at sentence offset `from` ("cases"). */
export function multipliedSubject(
  s: string,
  from: number,
  base: number,
): { start: number; end: number; text: string } | null {
  const m = rx().multipliedAfter.exec(s.slice(from))
  if (!m) return null
  const a = from + m[0].lastIndexOf(m[1]!)
  return { start: base + a, end: base + a + m[1]!.length, text: m[1]! }
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
export function wordEndAt(t: string, p: number): number {
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
export function hasLetter(text: string, start: number, end: number): boolean {
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
export function findMeasure(
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
export function spaceRuns(t: string, end: number): number {
  let runs = 0
  for (let i = 0; i < end; i++) {
    if (isSpaceAt(t, i) && (i === 0 || !isSpaceAt(t, i - 1))) runs++
  }
  return runs
}

/** Subject (what is counted) and measure (what happened to it), from the words around. */
export function attachSubjectsAndMeasures(
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
