import type { Attribution, SourceSpan, Span, VerbStrength } from '../../shared/analysis'
import { alternation, firstCharClass, lexicons } from './lexicons'
import { posAt, type SentenceSpan, type TokenTable } from './nlp'
import { forEachWord, isLetterAt, WordSet } from './word-scan'

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec'
const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday'

// Words that may sit between a speaker and the verb ("has also said", "on May 7 quoted").
const TRAILING = new RegExp(
  `(?:\\s+(?:has|have|had|was|were|is|are|will|would|also|later|then|reportedly|previously|again|repeatedly|did|does|do|further|recently|officially|publicly|regularly|once|not|never|subsequently|earlier|today|yesterday|clearly|openly|finally)|\\s+on\\s+(?:${MONTHS})\\.?\\s+\\d{1,2}(?:,?\\s+\\d{4})?|\\s+on\\s+(?:${WEEKDAYS})|\\s+in\\s+an?\\s+(?:statement|press\\s+release|tweet|post|interview|speech|report))\\s*$`,
  'i',
)
const BOUNDARY_WORDS =
  /\s(?:that|but|which|who|because|when|while|as|and|where|after|before|if|so|than)\s/gi
const OPENERS = new RegExp(
  `^(?:for\\s+the\\s+first\\s+time|for\\s+the\\s+second\\s+time|on\\s+(?:${MONTHS})\\.?\\s+\\d{1,2}|on\\s+(?:${WEEKDAYS})|in\\s+\\d{4}|meanwhile|however|earlier|later|now|today|yesterday|separately|in\\s+response|in\\s+turn)\\s+`,
  'i',
)
const FINITE = /\b(?:is|are|was|were|has|have|had|been|be|do|does|did)\b/i
const WORD_AT = /[\p{L}\p{M}]+/uy
const PRONOUNS = /^(?:he|she|they|it|we|i)$/i
const SINGULAR_PRONOUN = /^(?:he|she)$/i

interface VerbInfo {
  lemma: string
  strength: VerbStrength
}

interface Regexes {
  forms: Map<string, VerbInfo>
  formSet: WordSet
  according: RegExp
  claimNoun: RegExp
}

let cachedRx: Regexes | null = null

function rx(): Regexes {
  if (cachedRx) return cachedRx
  const lex = lexicons()
  const forms = new Map<string, VerbInfo>()
  for (const [lemma, v] of Object.entries(lex.verbs)) {
    for (const f of v.forms) forms.set(f, { lemma, strength: v.strength })
  }
  cachedRx = {
    forms,
    formSet: new WordSet(forms.keys()),
    according: new RegExp(
      `(?=${firstCharClass(lex.accordingTo)})\\b(?:${alternation(lex.accordingTo)})\\s+([^,.;:“”"\\n]{2,160}?)(?=\\s*[,.;:“”"]|\\s+that\\b|\\s*$)`,
      'giu',
    ),
    claimNoun: new RegExp(
      `(?=${firstCharClass(lex.claimNouns)})\\b(${alternation(lex.claimNouns)})\\s+(?:made\\s+|issued\\s+|published\\s+|released\\s+)?by\\s+([^,.;:“”"\\n]{2,120}?)(?=\\s*[,.;:“”"]|\\s+(?:that|regularly|which|who)\\b|\\s*$)`,
      'giu',
    ),
  }
  return cachedRx
}

function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) }
}

/** Trims whitespace and stray punctuation off both ends of [start, end). */
function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /[\s,;:—–-]/.test(text[start]!)) start++
  while (end > start && /[\s,;:—–.]/.test(text[end - 1]!)) end--
  return [start, end]
}

/**
 * The noun phrase before a reporting verb: its subject ("the Iranian government has
 * confirmed"). Skips auxiliaries and date phrases between them and, for an appositive
 * ("…, Gen. Hossein Salami, admitted"), takes the name between the commas.
 */
export function subjectBefore(
  text: string,
  from: number,
  verbStart: number,
  isFiniteVerbAt: (offset: number) => boolean = () => false,
): Span | null {
  let seg = text.slice(from, verbStart).replace(/\s+$/, '')
  for (let guard = 0; guard < 8; guard++) {
    const m = TRAILING.exec(seg)
    if (!m) break
    seg = seg.slice(0, m.index)
  }
  seg = seg.replace(/\s+$/, '')
  let isAppositive = false
  if (seg.endsWith(',')) {
    seg = seg.slice(0, -1)
    isAppositive = true
  }
  const lastBoundary = (x: string): number => {
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
    BOUNDARY_WORDS.lastIndex = 0
    for (let m = BOUNDARY_WORDS.exec(padded); m; m = BOUNDARY_WORDS.exec(padded)) {
      // "Jaish al-Fatah and its affiliates": an "and" before a possessive joins one subject.
      const rest = padded.slice(m.index + m[0].length)
      BOUNDARY_WORDS.lastIndex = m.index + 1
      if (/^and$/i.test(m[0].trim()) && /^(?:its|their|his|her)\b/i.test(rest)) continue
      // "The military denied … and said": the subject of the first verb is the speaker.
      if (/^and$/i.test(m[0].trim()) && rest.trim().length === 0) continue
      cut = Math.max(cut, m.index + m[0].length - 1)
    }
    return cut
  }
  let cut = lastBoundary(seg)
  // "An independent count by X, based on drone footage, estimated": the lower-case aside is
  // not the subject; the phrase before it is.
  if (isAppositive && cut >= 0) {
    const cand = seg.slice(cut + 1).trim()
    // "Gen. Hossein Salami, the deputy commander, admitted": the name, not the description.
    const before = seg.slice(0, Math.max(0, seg.lastIndexOf(',')))
    const prevPart = before.slice(lastBoundary(before) + 1).trim()
    const looksLikeName = (x: string): boolean => /\p{Lu}[\p{L}.]*\s+\p{Lu}\p{L}+/u.test(x)
    if (
      /^(?:the|a|an)\s/.test(cand) &&
      !looksLikeName(cand) &&
      looksLikeName(prevPart) &&
      prevPart.split(/\s+/).length <= 6
    ) {
      seg = before.replace(/\s+$/, '')
      cut = lastBoundary(seg)
    }
    if (/^[a-z]/.test(cand) && !/^(?:the|a|an)\s/.test(cand)) {
      seg = seg.slice(0, Math.max(0, seg.lastIndexOf(','))).replace(/\s+$/, '')
      cut = lastBoundary(seg)
    }
  }
  let [s, e] = trimSpan(text, from + cut + 1, from + seg.length)
  // Sentence openers that are not part of the subject ("For the first time a … official confirms").
  const opener = OPENERS.exec(text.slice(s, e))
  if (opener && opener[0].length < e - s) s += opener[0].length
  // A finite verb inside means the phrase is a clause: keep what comes before the verb.
  const words = /[\p{L}][\p{L}’'-]*/gu
  const piece = text.slice(s, e)
  for (let m = words.exec(piece); m; m = words.exec(piece)) {
    if (m.index > 0 && isFiniteVerbAt(s + m.index)) {
      e = s + m.index
      break
    }
  }
  ;[s, e] = trimSpan(text, s, e)
  const np = text.slice(s, e).replace(/\s+and$/i, '')
  e = s + np.length
  const count = np.split(/\s+/).filter((w) => w.length > 0)
  if (count.length === 0 || count.length > 14 || FINITE.test(np)) return null
  if (!/[\p{L}]/u.test(np)) return null
  if (/^(?:the|a|an|this|that|it|and)$/i.test(np)) return null
  // A quoted stretch is never the speaker.
  if (/[“”"]/.test(np)) return null
  return span(text, s, e)
}

function isQuoteVerbGap(gap: string): boolean {
  return /^(?:\s|that|:|,|as\s+saying)*$/i.test(gap)
}

interface Draft {
  attr: Attribution
  /** Offsets of the verb, so a verb that introduced a quote is not read again as reported speech. */
  verbStart: number
}

/**
 * Quotes, reported speech and "according to" in the text. Sentence-bounded except quotes,
 * which may run over several sentences of one paragraph.
 */
export function findAttributions(
  text: string,
  sentences: readonly SentenceSpan[],
  tagger: TokenTable,
  isBody: (offset: number) => boolean,
): Attribution[] {
  const r = rx()
  const drafts: Draft[] = []
  const consumedVerbs = new Set<number>()
  const sentenceOf = makeSentenceLookup(sentences)
  // The "according to" and "… by X" patterns need a cue word: found in one pass over the text
  // instead of a test on every sentence.
  const mayCite = cueLookup(text, /according|citing|as reported|in the words/gi)
  const mayClaim = cueLookup(text, / by /gi)
  // A verb with a noun or pronoun before it: the clause has its own subject.
  const hasFiniteVerb = (from: number, to: number): boolean => {
    const words = /[\p{L}\p{M}]+/gu
    words.lastIndex = from
    for (let m = words.exec(text); m && m.index < to; m = words.exec(text)) {
      if (tagger.posAt(m.index) !== 'VERB') continue
      const prev = tagger.prevPosAt(m.index)
      const hasSubject = prev === 'NOUN' || prev === 'PROPN' || prev === 'PRON'
      if (hasSubject && !/ing$/i.test(m[0])) return true
    }
    return false
  }
  const isFiniteVerbAt = (offset: number): boolean => {
    WORD_AT.lastIndex = offset
    const word = WORD_AT.exec(text)?.[0]
    if (!word || /ing$/i.test(word) || !/^[a-z]/.test(word)) return false
    if (tagger.posAt(offset) !== 'VERB') return false
    const prev = tagger.prevPosAt(offset)
    return prev === 'NOUN' || prev === 'PROPN' || prev === 'PRON' || prev === 'ADJ'
  }

  const reporting = (
    sent: SentenceSpan,
    vStart: number,
    vEnd: number,
    info: VerbInfo,
  ): { speaker: SourceSpan | null; contentStart: number; evidence: string[] } | null => {
    const after = text.slice(vEnd, Math.min(sent.end, vEnd + WINDOW))
    const evidence = [
      `reporting verb '${text.slice(vStart, vEnd)}' (reporting-verbs: ${info.lemma}, ${info.strength})`,
    ]
    // Windows are bounded: a 100,000-character "sentence" must not make this quadratic.
    const from = Math.max(sent.start, vStart - WINDOW)
    const before = text.slice(from, vStart)
    if (/\b(?:is|are|was|were|been|be|being)\s+(?:\w+ly\s+)?$/i.test(before.slice(-40))) {
      if (!/^\s+(?:to|that)\b/i.test(after)) return null
      evidence.push('passive reporting verb: no speaker named')
      return { speaker: null, contentStart: vEnd, evidence }
    }
    const chain = /^\s+(.{2,100}?)\s+as\s+(?:saying|telling|stating)\b\s*(?:that\b)?/i.exec(after)
    const subject = subjectBefore(text, from, vStart, isFiniteVerbAt)
    if (chain && info.lemma === 'quote') {
      const objStart = vEnd + chain[0].indexOf(chain[1]!)
      const speaker: SourceSpan = span(text, objStart, objStart + chain[1]!.length)
      if (subject) speaker.via = subject
      evidence.push(`chain: '${text.slice(vStart, vEnd)} … as saying' relays the speaker`)
      return { speaker, contentStart: vEnd + chain[0].length, evidence }
    }
    if (subject) {
      // "…, the agency said on Thursday, up from 260": the report is the whole sentence.
      const afterComma = /,\s*$/.test(
        text.slice(Math.max(sent.start, subject.start - 5), subject.start),
      )
      const adjunctOnly =
        !/^\s*(?:that\b|:|“|")/.test(after) &&
        !/\b(?:is|are|was|were|has|have|had|will|would)\b/i.test(after) &&
        !hasFiniteVerb(vEnd, Math.min(sent.end, vEnd + WINDOW))
      if (afterComma && adjunctOnly) {
        evidence.push('reporting clause after the report')
        return { speaker: subject, contentStart: -2, evidence }
      }
      const skip = /^\s*(?:that\b)?/i.exec(after)
      return { speaker: subject, contentStart: vEnd + (skip ? skip[0].length : 0), evidence }
    }
    // Inverted: "…, said the official."
    if (/,\s*$/.test(before)) {
      const inv = /^\s+([^,.;:“”"]{2,80}?)\s*[.;]?\s*$/.exec(after)
      if (inv) {
        const a = vEnd + after.indexOf(inv[1]!)
        evidence.push('inverted speaker after the verb')
        return { speaker: span(text, a, a + inv[1]!.length), contentStart: -1, evidence }
      }
    }
    return null
  }

  // Quotes first: their speakers tell the reported-speech pass which verbs are used up.
  const QUOTE = /“([^“”\n]{1,3000})”|"([^"\n]{1,3000})"/g
  for (const q of text.matchAll(QUOTE)) {
    const inner = q[1] ?? q[2] ?? ''
    if (inner.trim().split(/\s+/).length < 4) continue
    const qStart = q.index
    const qEnd = qStart + q[0].length
    const sent = sentenceOf(qStart)
    if (!sent) continue
    let found: {
      speaker: SourceSpan | null
      verb: Span
      info: VerbInfo
      evidence: string[]
    } | null = null
    const qFrom = Math.max(sent.start, qStart - WINDOW)
    // The last reporting verb before the quote.
    let lastStart = -1
    let lastEnd = -1
    forEachWord(text, qFrom, qStart, true, r.formSet, (a, b) => {
      lastStart = a
      lastEnd = b
    })
    if (lastStart >= 0 && isQuoteVerbGap(text.slice(lastEnd, qStart))) {
      const vStart = lastStart
      const vEnd = lastEnd
      const info = r.forms.get(text.slice(vStart, vEnd).toLowerCase())
      if (info) {
        const rep = reporting(sent, vStart, vEnd, info)
        if (rep) {
          found = {
            speaker: rep.speaker,
            verb: span(text, vStart, vEnd),
            info,
            evidence: rep.evidence,
          }
          consumedVerbs.add(vStart)
        }
      }
    }
    if (!found) {
      const endSent = sentenceOf(qEnd - 1) ?? sent
      const tail = text.slice(qEnd, Math.min(endSent.end + 1, qEnd + 120))
      // "…," said Marta Ilić, a spokeswoman  |  "…," the official said.
      const inverted = /^\s*[,.!?]?\s*(\p{L}+)\s+([^,.;:“”"]{2,80}?)\s*(?:[.,;]|$)/u.exec(tail)
      const normal = /^\s*[,.!?]?\s*([^,.;:“”"]{2,80}?)\s+(\p{L}+)\s*(?:[.,;]|$)/u.exec(tail)
      const invInfo = inverted ? r.forms.get(inverted[1]!.toLowerCase()) : undefined
      const normInfo = normal ? r.forms.get(normal[2]!.toLowerCase()) : undefined
      const pick =
        invInfo && inverted
          ? {
              verbWord: inverted[1]!,
              np: inverted[2]!,
              info: invInfo,
              verbFirst: true,
              m: inverted,
            }
          : normInfo && normal
            ? { verbWord: normal[2]!, np: normal[1]!, info: normInfo, verbFirst: false, m: normal }
            : null
      if (pick) {
        const vRel = pick.verbFirst
          ? pick.m[0].indexOf(pick.verbWord)
          : pick.m[0].lastIndexOf(pick.verbWord)
        const npRel = pick.verbFirst
          ? pick.m[0].indexOf(pick.np, vRel + pick.verbWord.length)
          : pick.m[0].indexOf(pick.np)
        const vStart = qEnd + vRel
        const npStart = qEnd + npRel
        found = {
          speaker: span(text, npStart, npStart + pick.np.length),
          verb: span(text, vStart, vStart + pick.verbWord.length),
          info: pick.info,
          evidence: [
            `reporting verb '${pick.verbWord}' after the quote (reporting-verbs: ${pick.info.lemma}, ${pick.info.strength})`,
          ],
        }
        consumedVerbs.add(vStart)
      }
    }
    drafts.push({
      verbStart: found?.verb.start ?? -1,
      attr: {
        id: '',
        kind: 'quote',
        speaker: found?.speaker ?? null,
        verb: found?.verb ?? null,
        verbLemma: found?.info.lemma ?? null,
        verbStrength: found?.info.strength ?? null,
        content: span(text, qStart + 1, qEnd - 1),
        sentence: { start: sent.start, end: Math.max(sent.end, qEnd) },
        evidence: found
          ? ['quotation marks', ...found.evidence]
          : ['quotation marks; no speaker found'],
      },
    })
  }

  for (const sent of sentences) {
    if (!isBody(sent.start)) continue
    // Reporting verbs are whole words: one scan over the sentence's letter runs and a Map
    // lookup, instead of a regex alternation of every form at every position.
    for (let p = sent.start; p < sent.end;) {
      if (!isLetterAt(text, p, true)) {
        p++
        continue
      }
      const vStart = p
      while (p < sent.end && isLetterAt(text, p, true)) p++
      const vEnd = p
      if (!r.formSet.hasAt(text, vStart, vEnd)) continue
      const word = text.slice(vStart, vEnd)
      if (consumedVerbs.has(vStart)) continue
      const pos = posAt(tagger, vStart)
      // wink tags "estimate" in "Aid groups estimate that …" as a noun; "that" settles it.
      const beforeThat = pos === 'NOUN' && /^\s+that\b/i.test(text.slice(vEnd, vEnd + 6))
      if (pos !== 'VERB' && pos !== 'AUX' && !beforeThat) continue
      const info = r.forms.get(word.toLowerCase())
      if (!info) continue
      // "an estimated 2.4m": the participle is an adjective here, not a report.
      if (/\b(?:a|an|the)\s+$/i.test(text.slice(Math.max(sent.start, vStart - 5), vStart))) continue
      // "quoted X as saying": the chain was read at "quoted".
      if (/\bas\s+$/i.test(text.slice(Math.max(sent.start, vStart - 4), vStart))) continue
      const rep = reporting(sent, vStart, vEnd, info)
      if (!rep) continue
      let [cs, ce] =
        rep.contentStart === -2
          ? trimSpan(text, sent.start, sent.end)
          : rep.contentStart < 0
            ? trimSpan(text, sent.start, rep.speaker!.start)
            : trimSpan(text, rep.contentStart, sent.end)
      if (rep.contentStart === -1) ce = Math.max(cs, vStart - 1)
      ;[cs, ce] = trimSpan(text, cs, ce)
      if (ce - cs < 3) continue
      drafts.push({
        verbStart: vStart,
        attr: {
          id: '',
          kind: 'reported',
          speaker: rep.speaker,
          verb: span(text, vStart, vEnd),
          verbLemma: info.lemma,
          verbStrength: info.strength,
          content: span(text, cs, ce),
          sentence: { start: sent.start, end: sent.end },
          evidence: rep.evidence,
        },
      })
    }
    const s = mayCite(sent) || mayClaim(sent) ? text.slice(sent.start, sent.end) : ''
    if (mayCite(sent))
      for (const m of s.matchAll(r.according)) {
        const phraseStart = sent.start + m.index
        const npStart = phraseStart + m[0].indexOf(m[1]!, m[0].length - m[1]!.length - 1)
        const [ns, ne] = trimSpan(text, npStart, npStart + m[1]!.length)
        const atStart = text.slice(sent.start, phraseStart).trim().length === 0
        const [cs, ce] = atStart
          ? trimSpan(text, ne, sent.end)
          : trimSpan(text, sent.start, phraseStart)
        if (ce - cs < 3) continue
        drafts.push({
          verbStart: phraseStart,
          attr: {
            id: '',
            kind: 'according_to',
            speaker: span(text, ns, ne),
            verb: span(text, phraseStart, phraseStart + m[0].length - m[1]!.length - 1),
            verbLemma: 'according to',
            verbStrength: 'neutral',
            content: span(text, cs, ce),
            sentence: { start: sent.start, end: sent.end },
            evidence: [
              `'${m[0].slice(0, m[0].length - m[1]!.length).trim()}' (reporting-verbs: accordingTo)`,
            ],
          },
        })
      }
    if (mayClaim(sent))
      for (const m of s.matchAll(r.claimNoun)) {
        const nStart = sent.start + m.index
        const npStart = nStart + m[0].lastIndexOf(m[2]!)
        const [ns, ne] = trimSpan(text, npStart, npStart + m[2]!.length)
        const noun = m[1]!.toLowerCase()
        const info = r.forms.get(noun)
        drafts.push({
          verbStart: nStart,
          attr: {
            id: '',
            kind: 'reported',
            speaker: span(text, ns, ne),
            verb: span(text, nStart, nStart + m[1]!.length),
            verbLemma: info?.lemma ?? noun,
            verbStrength: info?.strength ?? 'neutral',
            content: span(text, sent.start, sent.end),
            sentence: { start: sent.start, end: sent.end },
            evidence: [`'${m[1]} … by' names who made the claim (reporting-verbs: claimNouns)`],
          },
        })
      }
  }

  // A quote inside reported speech ("… as saying that Tehran … because it “knows …”") is the
  // reported speaker's words.
  const within = containmentIndex(
    drafts.filter((o) => o.attr.kind !== 'quote' && o.attr.speaker).map((o) => o.attr),
  )
  for (const d of drafts) {
    if (d.attr.kind !== 'quote' || d.attr.speaker) continue
    const outer = { attr: within(d.attr.content.start, d.attr.content.end)[0] }
    if (outer.attr?.speaker) {
      d.attr.speaker = { ...outer.attr.speaker }
      d.attr.evidence.push(`quote inside reported speech of '${outer.attr.speaker.text}'`)
    }
  }
  drafts.sort((a, b) => a.attr.content.start - b.attr.content.start || a.verbStart - b.verbStart)
  resolvePronouns(drafts.map((d) => d.attr))
  return drafts.map((d, i) => ({ ...d.attr, id: `attr-${i + 1}` }))
}

// Quotes are capped at 3000 characters and other contents are one sentence, so an attribution
// containing an offset starts at most this far before it.
const MAX_CONTENT = 20_000
// How far before a verb or quote the speaker is looked for.
const WINDOW = 300

/**
 * An index over attributions: which ones contain [start, end) in their content. Binary search on
 * the sorted starts, so looking up every figure of a long document stays linear-ish.
 */
export function containmentIndex(
  attrs: readonly Attribution[],
): (start: number, end: number) => Attribution[] {
  const sorted = [...attrs].sort((a, b) => a.content.start - b.content.start)
  const starts = sorted.map((a) => a.content.start)
  return (start, end) => {
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (starts[mid]! <= start) lo = mid + 1
      else hi = mid
    }
    const out: Attribution[] = []
    for (let i = lo - 1; i >= 0 && starts[i]! >= start - MAX_CONTENT; i--) {
      const a = sorted[i]!
      if (a.content.end >= end) out.push(a)
    }
    return out
  }
}

/** "He also added …": points a pronoun speaker at the last named singular speaker before it. */
function resolvePronouns(attrs: Attribution[]): void {
  const ordered = [...attrs].sort(
    (a, b) => (a.verb?.start ?? a.content.start) - (b.verb?.start ?? b.content.start),
  )
  let lastNamed: Span | null = null
  for (const a of ordered) {
    const sp = a.speaker
    if (!sp) continue
    if (PRONOUNS.test(sp.text)) {
      if (SINGULAR_PRONOUN.test(sp.text) && lastNamed) {
        sp.antecedent = { ...lastNamed }
        a.evidence.push(`pronoun '${sp.text}' read as '${lastNamed.text}'`)
      }
      continue
    }
    const last = sp.text.split(/\s+/).pop() ?? ''
    const isPlural = /[^s]s$/i.test(last)
    if (!isPlural) lastNamed = sp.antecedent ?? { start: sp.start, end: sp.end, text: sp.text }
  }
}

/** Whether a sentence holds a match of `cue` (a global regex), from one scan of the text. */
function cueLookup(text: string, cue: RegExp): (sent: SentenceSpan) => boolean {
  const at: number[] = []
  for (const m of text.matchAll(cue)) at.push(m.index, m.index + m[0].length)
  return (sent) => {
    let lo = 0
    let hi = at.length / 2
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (at[mid * 2]! < sent.start) lo = mid + 1
      else hi = mid
    }
    // The first cue starting in the sentence, or any later one, must also end inside it.
    for (let k = lo; k < at.length / 2 && at[k * 2]! < sent.end; k++)
      if (at[k * 2 + 1]! <= sent.end) return true
    return false
  }
}

function makeSentenceLookup(
  sentences: readonly SentenceSpan[],
): (offset: number) => SentenceSpan | null {
  return (offset) => {
    let lo = 0
    let hi = sentences.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = sentences[mid]!
      if (s.start > offset) hi = mid - 1
      else if (s.end <= offset) lo = mid + 1
      else return s
    }
    return null
  }
}
