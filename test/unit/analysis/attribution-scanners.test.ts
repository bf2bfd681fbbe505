import { describe, expect, it } from 'vitest'
import type { Attribution } from '../../../src/shared/analysis'
import { trimSpan } from '../../../src/main/analysis/attribution-text-scan'
import { containmentIndex } from '../../../src/main/analysis/attributions'
import { isQuoteVerbGap } from '../../../src/main/analysis/verb-context'
import { alternation, lexicons } from '../../../src/main/analysis/lexicons'
import {
  formRunAt,
  isFormRun,
  isNonAsciiLetterAt,
  isRunCharAt,
  RUN_SLOT,
  rx,
} from '../../../src/main/analysis/reporting-verbs'
import { clauseEnd, lastBoundary } from '../../../src/main/analysis/speaker-subject'
import { seeded } from '../seeded-random'

// The hand-written scanners of the attribution pass, each checked against the regex (or plain
// scan) it replaced, on seeded generated text and on a few sentences from the news.

const VERB_FORMS = Object.values(lexicons().verbs).flatMap((v) => v.forms)

// Pieces the generated text is made of: what the scanners must tell apart.
// prettier-ignore
const PIECES = [
  // ASCII letters, capitals, and words
  'a',
  'Z',
  'x',
  'ing',
  'ly',
  'The',
  'official',
  'ministry',
  // non-ASCII letters (ſ and the Kelvin sign fold to ASCII under a case-insensitive regex)
  'é',
  'ß',
  'Ł',
  'ı',
  'İ',
  'ſ',
  '\u212a',
  'ñ',
  'ω',
  'Ж',
  // marks, hyphens, apostrophes, quotes
  '\u0301',
  '-',
  '–',
  '—',
  "'",
  '’',
  '‘',
  '“',
  '”',
  '"',
  // spaces and line breaks
  ' ',
  ' ',
  ' ',
  '\t',
  '\u00a0',
  '\n',
  '\u2028',
  '\u3000',
  '\u2009',
  // digits and punctuation
  '7',
  '2016',
  ',',
  ';',
  ':',
  '.',
  '(',
  ')',
  '!',
  // surrogate pairs (a letter, a non-letter) and lone halves
  '\u{1d400}',
  '\u{1f600}',
  '\ud835',
  '\udc00',
  // words the rules look for
  'that',
  'That',
  'and',
  'AND',
  'its',
  'their',
  'his',
  'her',
  'but',
  'who',
  'as',
  'so',
  'than',
  'is',
  'was',
  'has',
  'said',
  'Said',
  'SAYS',
  'told',
  'claimed',
  'as saying',
]

function generate(rand: () => number, maxPieces: number): string {
  const n = Math.floor(rand() * maxPieces)
  let s = ''
  for (let i = 0; i < n; i++) {
    const r = rand()
    if (r < 0.2) {
      const f = VERB_FORMS[Math.floor(rand() * VERB_FORMS.length)]!
      // Forms in lower, upper and title case.
      const c = rand()
      s += c < 0.6 ? f : c < 0.8 ? f.toUpperCase() : f[0]!.toUpperCase() + f.slice(1)
    } else s += PIECES[Math.floor(rand() * PIECES.length)]!
  }
  return s
}

/** Seeded strings, plus the named cases, for each comparison. */
function* cases(seed: number, count: number, named: readonly string[]): Generator<string> {
  yield* named
  const rand = seeded(seed)
  for (let i = 0; i < count; i++) yield generate(rand, 24)
}

const NEWS = [
  'The Iranian government has confirmed that 40 people died.',
  'Syria’s state news agency SANA quoted Velayati as saying that Tehran will stand by Syria.',
  '“We counted well over 60,000 people,” said Marta Ilić, a spokeswoman.',
  'Jaish al-Fatah and its affiliates claimed the attack, the SOHR said on Thursday.',
  'An independent count by Airwars, based on drone footage, estimated 2,000 dead.',
  'The military denied the report and said it had not fired.',
  'Gen. Hossein Salami, the deputy commander, admitted the strike.',
  'Officials re-stated their well-known position — “no talks” — on Monday.',
  'SAID the ministry: the toll “was 12”.',
]

describe('reporting verb forms: the letter-run scan against the whole-word regex', () => {
  const r = rx()
  // The pattern the speed pass replaced: every form, case-insensitive, as a whole run of
  // letters and hyphens.
  const reference = new RegExp(
    `(?<![\\p{L}-])(?:${alternation(r.forms.keys())})(?![\\p{L}-])`,
    'giu',
  )

  /**
   * The regex's matches as findAttributions used them: a match whose lower-cased text is no form
   * ("ſaid": the regex folds the long s, toLowerCase does not) gave no verb.
   */
  function referenceMatches(s: string): string[] {
    reference.lastIndex = 0
    const out: string[] = []
    for (let m = reference.exec(s); m; m = reference.exec(s)) {
      const info = r.forms.get(m[0].toLowerCase())
      if (info) out.push(`${m.index}-${m.index + m[0].length}:${info.lemma}`)
    }
    return out
  }

  /** The verb before a quote, before the speed pass: the last match, if it is a form. */
  function referenceQuoteVerb(s: string): string | null {
    reference.lastIndex = 0
    let last: RegExpExecArray | null = null
    for (let m = reference.exec(s); m; m = reference.exec(s)) last = m
    if (!last || !isQuoteVerbGap(s.slice(last.index + last[0].length))) return null
    const info = r.forms.get(last[0].toLowerCase())
    return info ? `${last.index}-${last.index + last[0].length}:${info.lemma}` : null
  }

  /** The verb before a quote now: the last form run, read backwards with isFormRun. */
  function quoteVerb(s: string): string | null {
    const last = lastFormRun(s)
    if (!last || !isQuoteVerbGap(s.slice(last.end))) return null
    return `${last.start}-${last.end}:${r.forms.get(s.slice(last.start, last.end).toLowerCase())?.lemma}`
  }

  /** The sentence loop of findAttributions: each run read once with formRunAt. */
  function scanMatches(s: string): string[] {
    const out: string[] = []
    const run = { at: 0 }
    for (let p = 0; p < s.length;) {
      const c = s.charCodeAt(p)
      if (c < 128 ? RUN_SLOT[c]! < 0 : !isNonAsciiLetterAt(s, p, c)) {
        p++
        continue
      }
      const info = formRunAt(r, s, p, s.length, run)
      if (info) out.push(`${p}-${run.at}:${info.lemma}`)
      p = run.at
    }
    return out
  }

  /** The backward read before a quote in findAttributions: the last run that is a form. */
  function lastFormRun(s: string): { start: number; end: number } | null {
    for (let b = s.length; b > 0;) {
      if (!isRunCharAt(s, b - 1)) {
        b--
        continue
      }
      let a = b - 1
      while (a > 0 && isRunCharAt(s, a - 1)) a--
      if (isFormRun(r, s, a, b)) return { start: a, end: b }
      b = a
    }
    return null
  }

  it('finds the same forms at the same offsets, read forwards (formRunAt)', () => {
    let compared = 0
    for (const s of cases(1, 20_000, NEWS)) {
      expect(scanMatches(s), JSON.stringify(s)).toEqual(referenceMatches(s))
      compared++
    }
    expect(compared).toBeGreaterThan(10_000)
  })

  it('finds the same verb before a quote, read backwards (isFormRun)', () => {
    let compared = 0
    for (const s of cases(2, 20_000, NEWS)) {
      expect(quoteVerb(s), JSON.stringify(s)).toEqual(referenceQuoteVerb(s))
      compared++
    }
    expect(compared).toBeGreaterThan(10_000)
  })

  it('finds the same last form, whatever follows it (isFormRun)', () => {
    for (const s of cases(3, 20_000, NEWS)) {
      const last = lastFormRun(s)
      const want = referenceMatches(s).pop() ?? null
      expect(
        last &&
          `${last.start}-${last.end}:${r.forms.get(s.slice(last.start, last.end).toLowerCase())?.lemma}`,
        JSON.stringify(s),
      ).toEqual(want)
    }
  })

  // Found by this test: a letter outside the BMP ("𝐀", U+1D400) is two code units; the scan
  // once read each half as a non-letter, so a form touching one was a whole word to it alone.
  it.each([['said\u{1d400}'], ['\u{10428}noted'], ['He said\u{1d400} it, \u{1d400}told']])(
    'reads a letter outside the BMP as the regex does: %j',
    (s) => {
      expect(scanMatches(s)).toEqual(referenceMatches(s))
      expect(scanMatches(s)).toEqual([])
    },
  )

  it('drops "ſaid" as the regex-based code did (the regex matched it, no form was found)', () => {
    expect(scanMatches('The ministry ſtated')).toEqual([])
    expect(referenceMatches('The ministry ſtated')).toEqual([])
    expect(quoteVerb('He ſaid “')).toBeNull()
    expect(referenceQuoteVerb('He ſaid “')).toBeNull()
  })

  it.each([
    ['a form in any case', 'He SAID it, she Says so, they told us', 3],
    ['not inside a longer run', 'unsaid saids said-so re-said', 0],
    ['not next to an accented letter', 'saidé ésaid said', 1],
    ['a form by itself', 'said', 1],
    // The Kelvin sign lower-cases to "k": a run with it is looked up in full, not in the trie.
    ['a form with the Kelvin sign', 'The army ac\u212anowledged it', 1],
  ])('%s', (_name, s, n) => {
    expect(scanMatches(s)).toHaveLength(n)
    expect(scanMatches(s)).toEqual(referenceMatches(s))
  })
})

describe('lastBoundary against the clause-word regex it replaced', () => {
  // subjectBefore's closure before the speed pass, over x = text[from, end).
  const BOUNDARY =
    /\s(?:that|but|which|who|because|when|while|as|and|where|after|before|if|so|than)\s/gi
  function reference(x: string): number {
    let cut = Math.max(
      x.lastIndexOf(','),
      x.lastIndexOf(';'),
      x.lastIndexOf(':'),
      x.lastIndexOf('“'),
      x.lastIndexOf('”'),
      x.lastIndexOf('"'),
      x.lastIndexOf('('),
      x.lastIndexOf('—'),
    )
    const padded = x + ' '
    BOUNDARY.lastIndex = 0
    for (let m = BOUNDARY.exec(padded); m; m = BOUNDARY.exec(padded)) {
      const rest = padded.slice(m.index + m[0].length)
      BOUNDARY.lastIndex = m.index + 1
      if (/^and$/i.test(m[0].trim()) && /^(?:its|their|his|her)\b/i.test(rest)) continue
      if (/^and$/i.test(m[0].trim()) && rest.trim().length === 0) continue
      cut = Math.max(cut, m.index + m[0].length - 1)
    }
    return cut
  }

  it('cuts where the regex cut, with the segment anywhere in the text', () => {
    const rand = seeded(3)
    for (const s of cases(4, 20_000, NEWS)) {
      // The segment is text[from, end) of a longer text: nothing outside it may count.
      const from = Math.floor(rand() * (s.length + 1))
      const end = from + Math.floor(rand() * (s.length - from + 1))
      expect(lastBoundary(s, from, end), JSON.stringify([s, from, end])).toBe(
        reference(s.slice(from, end)),
      )
    }
  })

  it.each([
    ['Jaish al-Fatah and its affiliates', -1],
    ['The military denied the report and', -1],
    ['officials who spoke to Reuters', 'officials who'.length],
    ['the agency, which', 'the agency, which'.length],
  ])('%s', (s, cut) => {
    expect(lastBoundary(s, 0, s.length)).toBe(cut)
    expect(lastBoundary(s, 0, s.length)).toBe(reference(s))
  })
})

describe('clauseEnd against the word regex it replaced', () => {
  // The loop before the speed pass: the first word after the first that is a finite verb.
  function reference(text: string, s: number, e: number, isVerb: (o: number) => boolean): number {
    const words = /[\p{L}][\p{L}’'-]*/gu
    const piece = text.slice(s, e)
    for (let m = words.exec(piece); m; m = words.exec(piece))
      if (m.index > 0 && isVerb(s + m.index)) return s + m.index
    return e
  }

  it('stops at the same word start, asking about the same words', () => {
    const rand = seeded(5)
    for (const text of cases(6, 20_000, NEWS)) {
      const s = Math.floor(rand() * (text.length + 1))
      const e = s + Math.floor(rand() * (text.length - s + 1))
      // A seeded "tagger" that calls some word starts finite verbs.
      const verbs = new Set<number>()
      for (let i = s; i < e; i++) if (rand() < 0.15) verbs.add(i)
      const asked: number[] = []
      const askedRef: number[] = []
      const got = clauseEnd(text, s, e, (o) => (asked.push(o), verbs.has(o)))
      const want = reference(text, s, e, (o) => (askedRef.push(o), verbs.has(o)))
      expect([got, asked], JSON.stringify([text, s, e])).toEqual([want, askedRef])
    }
  })

  it('reads a word with an apostrophe, hyphen or accent as one word', () => {
    const text = 'Syria’s al-Assad Ilić government'
    const starts: number[] = []
    clauseEnd(text, 0, text.length, (o) => (starts.push(o), false))
    expect(starts).toEqual([text.indexOf('al-'), text.indexOf('Ilić'), text.indexOf('gov')])
  })
})

describe('trimSpan against the character classes it replaced', () => {
  function reference(text: string, start: number, end: number): [number, number] {
    while (start < end && /[\s,;:—–-]/.test(text[start]!)) start++
    while (end > start && /[\s,;:—–.]/.test(text[end - 1]!)) end--
    return [start, end]
  }

  it('trims the same characters off both ends', () => {
    const rand = seeded(7)
    for (const text of cases(8, 20_000, NEWS)) {
      const s = Math.floor(rand() * (text.length + 1))
      const e = s + Math.floor(rand() * (text.length - s + 1))
      expect(trimSpan(text, s, e), JSON.stringify([text, s, e])).toEqual(reference(text, s, e))
    }
  })

  it('keeps a full stop at the start and a hyphen at the end', () => {
    const text = ' — .5 per cent-, '
    expect(reference(text, 0, text.length)).toEqual([3, 15])
    expect(trimSpan(text, 0, text.length)).toEqual([3, 15])
  })
})

describe('containmentIndex against a linear scan', () => {
  // Contents are at most this long (a quote of 3000 characters, a sentence); the index assumes it.
  const MAX_CONTENT = 20_000

  function attribution(id: number, start: number, end: number): Attribution {
    return {
      id: `attr-${id}`,
      kind: 'reported',
      speaker: null,
      verb: null,
      verbLemma: null,
      verbStrength: null,
      content: { start, end, text: '' },
      sentence: { start, end },
      evidence: [],
    }
  }

  /** Every attribution whose content holds [start, end), latest start first. */
  function linear(attrs: readonly Attribution[], start: number, end: number): Attribution[] {
    return [...attrs]
      .sort((a, b) => a.content.start - b.content.start)
      .filter(
        (a) =>
          a.content.start <= start &&
          a.content.end >= end &&
          a.content.start >= start - MAX_CONTENT,
      )
      .reverse()
  }

  it('answers every lookup as the scan does, in the same order', () => {
    const rand = seeded(9)
    for (let round = 0; round < 400; round++) {
      // Small documents (many ties and nestings) and long ones.
      const span = round % 4 === 0 ? 60_000 : 200
      const attrs: Attribution[] = []
      const n = Math.floor(rand() * 40)
      for (let i = 0; i < n; i++) {
        const start = Math.floor(rand() * span)
        const length = Math.floor(rand() * Math.min(span, 3000))
        attrs.push(attribution(i, start, start + length))
      }
      const within = containmentIndex(attrs)
      for (let q = 0; q < 50; q++) {
        const start = Math.floor(rand() * (span + 10)) - 5
        const end = start + Math.floor(rand() * 300)
        expect(within(start, end), JSON.stringify({ round, q, start, end })).toEqual(
          linear(attrs, start, end),
        )
      }
    }
  })

  it('finds nested reported speech around a quote, innermost start first', () => {
    const outer = attribution(1, 0, 500)
    const inner = attribution(2, 100, 300)
    const beside = attribution(3, 310, 400)
    const within = containmentIndex([beside, outer, inner])
    expect(within(150, 200)).toEqual([inner, outer])
    expect(within(290, 320)).toEqual([outer])
    expect(within(600, 610)).toEqual([])
  })
})
