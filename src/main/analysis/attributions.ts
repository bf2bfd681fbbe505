import type { Attribution, SourceSpan, Span } from '../../shared/analysis'
import { posAt, type SentenceSpan, type TokenTable } from './nlp'
import {
  countWords,
  endsWithWordAndSpaces,
  isAllSpace,
  isWordAt,
  span,
  trimSpan,
  wordEndAt,
} from './attribution-text-scan'
import { containmentIndex } from './containment-index'
import { resolvePronouns } from './pronoun-speakers'
import {
  formRunAt,
  isFormRun,
  isNonAsciiLetterAt,
  isRunCharAt,
  mayHoldClaimBy,
  RUN_SLOT,
  rx,
  type VerbInfo,
} from './reporting-verbs'
import { cueLookup, makeSentenceLookup } from './sentence-lookups'
import { subjectBefore } from './speaker-subject'
import {
  endsWithComma,
  isQuoteVerbGap,
  mayBePassiveBefore,
  PASSIVE_BEFORE,
  thatPrefixLength,
} from './verb-context'

export { containmentIndex } from './containment-index'
export { subjectBefore } from './speaker-subject'

// Words a reporting verb must not follow (see the sentence loop).
const ARTICLES = ['a', 'an', 'the']
const AS = ['as']

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
      // An "-ing" form never counts: settled before the tagger is asked.
      if (/ing$/i.test(m[0]) || tagger.posAt(m.index) !== 'VERB') continue
      const prev = tagger.prevPosAt(m.index)
      if (prev === 'NOUN' || prev === 'PROPN' || prev === 'PRON') return true
    }
    return false
  }
  const isFiniteVerbAt = (offset: number): boolean => {
    // A finite verb here starts with a lower-case ASCII letter and does not end in "ing"; both
    // read off the text before the tagger is asked.
    const c = text.charCodeAt(offset)
    if (c < 97 || c > 122) return false
    const end = wordEndAt(text, offset)
    if (end - offset >= 3 && isWordAt(text, end - 3, 'ing')) return false
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
    const afterEnd = Math.min(sent.end, vEnd + WINDOW)
    // Built where a reading is returned: most verbs read here give none.
    const verbEvidence = (): string =>
      `reporting verb '${text.slice(vStart, vEnd)}' (reporting-verbs: ${info.lemma}, ${info.strength})`
    // Windows are bounded: a 100,000-character "sentence" must not make this quadratic.
    const from = Math.max(sent.start, vStart - WINDOW)
    const passiveFrom = Math.max(from, vStart - 40)
    if (
      mayBePassiveBefore(text, passiveFrom, vStart) &&
      PASSIVE_BEFORE.test(text.slice(passiveFrom, vStart))
    ) {
      if (!/^\s+(?:to|that)\b/i.test(text.slice(vEnd, afterEnd))) return null
      return {
        speaker: null,
        contentStart: vEnd,
        evidence: [verbEvidence(), 'passive reporting verb: no speaker named'],
      }
    }
    // Only "quote" relays a speaker through "… as saying".
    const chain =
      info.lemma === 'quote'
        ? /^\s+(.{2,100}?)\s+as\s+(?:saying|telling|stating)\b\s*(?:that\b)?/i.exec(
            text.slice(vEnd, afterEnd),
          )
        : null
    const subject = subjectBefore(text, from, vStart, isFiniteVerbAt)
    if (chain) {
      const objStart = vEnd + chain[0].indexOf(chain[1]!)
      const speaker: SourceSpan = span(text, objStart, objStart + chain[1]!.length)
      if (subject) speaker.via = subject
      return {
        speaker,
        contentStart: vEnd + chain[0].length,
        evidence: [
          verbEvidence(),
          `chain: '${text.slice(vStart, vEnd)} … as saying' relays the speaker`,
        ],
      }
    }
    if (subject) {
      // "…, the agency said on Thursday, up from 260": the report is the whole sentence.
      const afterComma = endsWithComma(text, Math.max(sent.start, subject.start - 5), subject.start)
      if (afterComma) {
        const after = text.slice(vEnd, afterEnd)
        const adjunctOnly =
          !/^\s*(?:that\b|:|“|")/.test(after) &&
          !/\b(?:is|are|was|were|has|have|had|will|would)\b/i.test(after) &&
          !hasFiniteVerb(vEnd, afterEnd)
        if (adjunctOnly) {
          return {
            speaker: subject,
            contentStart: -2,
            evidence: [verbEvidence(), 'reporting clause after the report'],
          }
        }
      }
      return {
        speaker: subject,
        contentStart: vEnd + thatPrefixLength(text, vEnd, afterEnd),
        evidence: [verbEvidence()],
      }
    }
    // Inverted: "…, said the official."
    if (endsWithComma(text, from, vStart)) {
      const after = text.slice(vEnd, afterEnd)
      const inv = /^\s+([^,.;:“”"]{2,80}?)\s*[.;]?\s*$/.exec(after)
      if (inv) {
        const a = vEnd + after.indexOf(inv[1]!)
        return {
          speaker: span(text, a, a + inv[1]!.length),
          contentStart: -1,
          evidence: [verbEvidence(), 'inverted speaker after the verb'],
        }
      }
    }
    return null
  }

  // Quotes first: their speakers tell the reported-speech pass which verbs are used up.
  const QUOTE = /“([^“”\n]{1,3000})”|"([^"\n]{1,3000})"/g
  for (let q = QUOTE.exec(text); q; q = QUOTE.exec(text)) {
    const qStart = q.index
    const qEnd = qStart + q[0].length
    // Fewer than four words inside the marks: a title or a scare quote.
    if (countWords(text, qStart + 1, qEnd - 1, 4) < 4) continue
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
    // Read backwards from the quote, run by run: the verb is mostly just before it.
    for (let b = qStart; b > qFrom;) {
      if (!isRunCharAt(text, b - 1)) {
        b--
        continue
      }
      let a = b - 1
      while (a > qFrom && isRunCharAt(text, a - 1)) a--
      if (isFormRun(r, text, a, b)) {
        lastStart = a
        lastEnd = b
        break
      }
      b = a
    }
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

  const run = { at: 0 }
  for (const sent of sentences) {
    if (!isBody(sent.start)) continue
    // Reporting verbs are whole words: one scan over the sentence's letter runs, each looked up
    // in the forms' trie as it is read, instead of a regex alternation of every form at every
    // position.
    for (let p = sent.start; p < sent.end;) {
      const c = text.charCodeAt(p)
      if (c < 128 ? RUN_SLOT[c]! < 0 : !isNonAsciiLetterAt(text, p, c)) {
        p++
        continue
      }
      const vStart = p
      const info = formRunAt(r, text, vStart, sent.end, run)
      const vEnd = run.at
      p = vEnd
      if (!info || consumedVerbs.has(vStart)) continue
      // The checks read off the text come before the tagger, which costs more.
      // "an estimated 2.4m": the participle is an adjective here, not a report.
      if (endsWithWordAndSpaces(text, Math.max(sent.start, vStart - 5), vStart, ARTICLES)) continue
      // "quoted X as saying": the chain was read at "quoted".
      if (endsWithWordAndSpaces(text, Math.max(sent.start, vStart - 4), vStart, AS)) continue
      const pos = posAt(tagger, vStart)
      // wink tags "estimate" in "Aid groups estimate that …" as a noun; "that" settles it.
      const beforeThat = pos === 'NOUN' && /^\s+that\b/i.test(text.slice(vEnd, vEnd + 6))
      if (pos !== 'VERB' && pos !== 'AUX' && !beforeThat) continue
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
    const cites = mayCite(sent)
    const claims = mayClaim(sent)
    if (!cites && !claims) continue
    const s = text.slice(sent.start, sent.end)
    // exec loops on the shared global regexes (lastIndex from 0; a failed exec resets it):
    // matchAll would copy the regex for every sentence.
    if (cites) {
      const according = r.according
      according.lastIndex = 0
      for (let m = according.exec(s); m; m = according.exec(s)) {
        const phraseStart = sent.start + m.index
        const npStart = phraseStart + m[0].indexOf(m[1]!, m[0].length - m[1]!.length - 1)
        const [ns, ne] = trimSpan(text, npStart, npStart + m[1]!.length)
        const atStart = isAllSpace(text, sent.start, phraseStart)
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
    }
    if (claims && mayHoldClaimBy(text, sent.start, sent.end, r.claimLastWords)) {
      const claimNoun = r.claimNoun
      claimNoun.lastIndex = 0
      for (let m = claimNoun.exec(s); m; m = claimNoun.exec(s)) {
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
  // The drafts' attributions are this call's own: numbered in place, not copied.
  return drafts.map((d, i) => {
    d.attr.id = `attr-${i + 1}`
    return d.attr
  })
}

// How far before a verb or quote the speaker is looked for.
const WINDOW = 300
