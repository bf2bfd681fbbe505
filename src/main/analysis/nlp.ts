import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import type { Segment } from '../../shared/document'
import posClusters from '../../../resources/lexicons/wink-pos-clusters.json' with { type: 'json' }
import sentenceAbbreviations from '../../../resources/lexicons/sentence-abbrevs.json' with { type: 'json' }
import { isJsSpace } from './char-codes'

/**
 * Part-of-speech tags on demand. Most of the text never needs a tag, so none is computed until
 * a rule asks. A plain word is answered from wink's tag for the word on its own (memoised across
 * documents), settled by the word before where wink's lexicon allows several tags; anything else
 * (hyphenated, abbreviated, a capitalised common noun) has its sentence tagged by wink in context.
 */
export interface TokenTable {
  /** wink's tag for the word at `offset` ('X' where there is no word). */
  posAt(offset: number): string
  /** wink's tag for the token before the word at `offset` in its sentence ('X' at the start). */
  prevPosAt(offset: number): string
  /** wink's tokens of the sentence around `offset`, tagged in context (null outside sentences). */
  sentenceTokens(offset: number): TaggedTokens | null
}

/** Tokens of one sentence: document offsets and wink's tags. */
export interface TaggedTokens {
  starts: Int32Array
  ends: Int32Array
  pos: string[]
}

export interface SentenceSpan {
  start: number
  end: number
}

export interface NlpResult {
  tokens: TokenTable
  sentences: SentenceSpan[]
}

// wink runs only on single words and on the few sentences whose tags need context. No 'sbd':
// wink's tagger reads the token stream, not its sentences, so the tags are the same without
// it, and every text given to wink is one sentence (or one word per paragraph) anyway.
const PIPE = ['pos']

let nlpInstance: ReturnType<typeof winkNLP> | null = null

function nlp(): ReturnType<typeof winkNLP> {
  nlpInstance ??= winkNLP(model, PIPE)
  return nlpInstance
}

/**
 * Sentences and tags on demand. Sentences are cut after . ! ? (with closing quotes and brackets)
 * unless the word before is an abbreviation, an initial or a dotted acronym, or what follows
 * "..." / "!" / "?" is a lower-case word; and always at line breaks and segment starts, because a
 * heading or a comment never continues the sentence before it. One pass over the text: this
 * replaced wink's tokens, sentence and POS passes, which were half the cost of an analysis.
 */
export function runNlp(text: string, segments: readonly Segment[]): NlpResult {
  const sentences = splitSentences(text, segments)
  return { tokens: new LazyTagger(text, sentences), sentences }
}

// ---------------------------------------------------------------------------------------------
// Sentence splitting

interface Abbreviations {
  any: Set<string>
  beforeNumber: Set<string>
  beforeLowerCase: Set<string>
}

let abbreviations: Abbreviations | null = null

function abbrevs(): Abbreviations {
  abbreviations ??= {
    any: new Set(sentenceAbbreviations.abbreviations),
    beforeNumber: new Set(sentenceAbbreviations.beforeNumber),
    beforeLowerCase: new Set(sentenceAbbreviations.beforeLowerCase),
  }
  return abbreviations
}

const LF = 10

function isSpace(c: number): boolean {
  // Control characters count as space (mis-decoded text is full of NULs), and so does a BOM.
  return (
    c <= 32 ||
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x85 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  )
}

// Closing quotes and brackets that stay with the sentence they end.
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»', '›'])
const TERMINATORS = new Set(['.', '!', '?', '…'])
const LOWER = /\p{Ll}/u
const UPPER = /\p{Lu}/u

/** The word before the full stop at `dot` ("Gen", "U.S", "J"). */
function wordBefore(text: string, from: number, dot: number): string {
  let a = dot
  while (a > from) {
    const ch = text[a - 1]!
    if (
      ch === '.' ||
      (ch >= 'a' && ch <= 'z') ||
      (ch >= 'A' && ch <= 'Z') ||
      (ch.charCodeAt(0) > 127 && /\p{L}/u.test(ch))
    )
      a--
    else break
  }
  return text.slice(a, dot)
}

/** Whether the full stop at `dot` ends a sentence; `next` is where the next word starts. */
function endsSentence(text: string, from: number, dot: number, next: number): boolean {
  const w = wordBefore(text, from, dot)
  if (w.length === 0) return true
  const a = abbrevs()
  if (a.any.has(w)) return false
  // "No. 10", "Dec. 6": these only abbreviate before a number ("No. You tell me").
  if (a.beforeNumber.has(w) && /\d/.test(text[next] ?? '')) return false
  // "etc. zugeordnet" goes on; "challenges, etc. The exception" is a new sentence.
  if (a.beforeLowerCase.has(w) && LOWER.test(text[next] ?? '')) return false
  // Initials and dotted abbreviations: "J. Smith", "P.J. Fleck", "U.S. officials", "10 a.m. Friday".
  if (w.length === 1 && UPPER.test(w)) return false
  if (w.includes('.')) return false
  // After an ordinary word even a lower-case start is a new sentence ("impression. we've").
  return true
}

/** "Daten.Weder": lower-case letters, a stop, then a capitalised word, with no space. */
function runTogether(text: string, dot: number): boolean {
  return (
    dot >= 2 &&
    LOWER.test(text[dot - 1]!) &&
    LOWER.test(text[dot - 2]!) &&
    UPPER.test(text[dot + 1] ?? '') &&
    LOWER.test(text[dot + 2] ?? '')
  )
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

/**
 * Whether text[from, to) has a letter or digit, as /[\p{L}\p{N}]/u on that slice would say,
 * without cutting the slice: the first word is usually a few characters in.
 */
function hasLetterOrDigit(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true
      continue
    }
    // A surrogate pair inside the range is one code point (an astral letter or digit).
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1))
    if (LETTER_OR_DIGIT.test(pair ? text.slice(i, i + 2) : text[i]!)) return true
    if (pair) i++
  }
  return false
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}

function splitSentences(text: string, segments: readonly Segment[]): SentenceSpan[] {
  const out: SentenceSpan[] = []
  const cuts = [...new Set(segments.map((s) => s.start))].filter((c) => c > 0).sort((a, b) => a - b)
  let ci = 0
  const push = (a: number, b: number): void => {
    while (a < b && isSpace(text.charCodeAt(a))) a++
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--
    if (b > a) out.push({ start: a, end: b })
  }
  const n = text.length
  let start = 0
  let pos = 0
  // Only line breaks, segment starts and . ! ? … can end a sentence; the scan jumps between them.
  const stop = /[\n.!?…]/g
  for (;;) {
    while (ci < cuts.length && cuts[ci]! <= start) ci++
    stop.lastIndex = pos
    const m = stop.exec(text)
    const at = m ? m.index : n
    if (ci < cuts.length && cuts[ci]! <= at) {
      push(start, cuts[ci]!)
      start = pos = cuts[ci]!
      continue
    }
    if (!m) break
    if (text.charCodeAt(at) === LF) {
      push(start, at)
      start = pos = at + 1
      continue
    }
    let e = at + 1
    while (e < n && TERMINATORS.has(text[e]!)) e++
    while (e < n && CLOSERS.has(text[e]!)) e++
    // "2.5", "U.S.-led", "example.com": no space after the stop, no boundary, except a missing
    // space between two sentences ("der Daten.Weder").
    if (e < n && !isSpace(text.charCodeAt(e))) {
      if (!(e === at + 1 && text[at] === '.' && runTogether(text, at))) {
        pos = e
        continue
      }
    } else {
      let next = e
      while (next < n && isSpace(text.charCodeAt(next)) && text.charCodeAt(next) !== LF) next++
      // A lower-case word after "...", "!" or "?" continues the sentence ("Black Friday...
      // you're", "“Don’t mind me!” he told them"); so does a stop with nothing before it
      // ("... Penn State").
      const following = text[next]
      const single = text[at] === '.' && (e === at + 1 || CLOSERS.has(text[at + 1]!))
      if (!single && following !== undefined && LOWER.test(following)) {
        pos = e
        continue
      }
      if (!hasLetterOrDigit(text, start, at)) {
        pos = e
        continue
      }
      if (single && !endsSentence(text, start, at, next)) {
        pos = e
        continue
      }
    }
    push(start, e)
    start = pos = e
  }
  push(start, n)
  return out
}

// ---------------------------------------------------------------------------------------------
// Tags on demand

const LETTER_OR_MARK = /[\p{L}\p{M}]/u

/** Whether text[i] belongs to a plain word (letters and combining marks); ASCII without a regex. */
function isWordLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  return LETTER_OR_MARK.test(text[i]!)
}
const MEMO_LIMIT = 50_000

interface PosLexicon {
  /** The tags wink may choose between for each ambiguous lower-case word. */
  choices: Map<string, Set<string>>
  subjectPronouns: Set<string>
  verbCues: Set<string>
  possessives: Set<string>
  auxiliaries: Set<string>
}

let posLexicon: PosLexicon | null = null

function posLex(): PosLexicon {
  if (!posLexicon) {
    const choices = new Map<string, Set<string>>()
    for (const [tags, words] of Object.entries(posClusters.clusters)) {
      const set = new Set(tags.split(' '))
      for (const w of words) choices.set(w, set)
    }
    posLexicon = {
      choices,
      subjectPronouns: new Set(posClusters.context.subjectPronouns),
      verbCues: new Set(posClusters.context.verbCues),
      possessives: new Set(posClusters.context.possessives),
      auxiliaries: new Set(posClusters.context.auxiliaries),
    }
  }
  return posLexicon
}

interface OwnTag {
  tag: string
  /** A word wink knows, read on its own as one token. */
  known: boolean
  /** The lexicon's tag choices for the word (as written), kept here: one Map lookup per word. */
  choices: Set<string> | undefined
  /** Whether the lexicon lists the word (as written) as an auxiliary. */
  auxiliary: boolean
}

const wordTags = new Map<string, OwnTag>()

function remember(word: string, tag: string, known: boolean): OwnTag {
  if (wordTags.size >= MEMO_LIMIT) wordTags.clear()
  const lex = posLex()
  const t: OwnTag = {
    tag,
    known,
    choices: lex.choices.get(word),
    auxiliary: lex.auxiliaries.has(word),
  }
  wordTags.set(word, t)
  return t
}

/** wink's tag for `word` read on its own, memoised across documents. */
function ownTag(word: string): OwnTag {
  let t = wordTags.get(word)
  if (t === undefined) {
    const doc = nlp().readDoc(word)
    const tags = doc.tokens().out(nlp().its.pos) as string[]
    t = remember(
      word,
      tags.length === 1 ? (tags[0] ?? 'X') : 'X',
      tags.length === 1 && !doc.isOOV(word.toLowerCase()),
    )
  }
  return t
}

/** The memoised tag of `word` read on its own, without computing it; for tests. */
export function memoisedWordTag(word: string): { tag: string; known: boolean } | undefined {
  const t = wordTags.get(word)
  return t && { tag: t.tag, known: t.known }
}

/**
 * Memoises wink's own tag for each of `words` with ONE readDoc: the words one per paragraph
 * ("\n\n" between them), so no word is read in the context of another. A readDoc per new word
 * (4,100 of them) cost 0.7 s CPU of a 2 s cold pass over the 90 bench articles; one batch per
 * document, 0.45 s, even with every word of the document in it. The tags equal those of the words
 * read alone (checked on the 12,000 distinct words of the 90 bench articles; a unit test keeps
 * checking it); a word wink splits into several tokens gets 'X', as it does alone.
 */
export function memoiseWordTags(words: Iterable<string>): void {
  const todo: string[] = []
  const seen = new Set<string>()
  for (const w of words) {
    if (w.length === 0 || wordTags.has(w) || seen.has(w)) continue
    seen.add(w)
    todo.push(w)
  }
  if (todo.length === 0) return
  // A batch larger than the memo would evict itself.
  if (todo.length > MEMO_LIMIT / 2) todo.length = MEMO_LIMIT / 2
  const its = nlp().its
  const doc = nlp().readDoc(todo.join('\n\n'))
  const values = doc.tokens().out(its.value) as string[]
  const spaces = doc.tokens().out(its.precedingSpaces) as string[]
  const tags = doc.tokens().out(its.pos) as string[]
  // Token i covers [at, at + value.length) of the joined text; word j starts at wordStart.
  let at = 0
  let k = 0
  let wordStart = 0
  for (const w of todo) {
    const wordEnd = wordStart + w.length
    let count = 0
    let tag = 'X'
    for (; k < values.length; k++) {
      const tokenStart = at + (spaces[k]?.length ?? 0)
      if (tokenStart >= wordEnd) break
      const v = values[k]!
      at = tokenStart + v.length
      // Line-break tokens between words are not the word's.
      if (tokenStart >= wordStart && v.trim().length > 0) {
        count++
        tag = tags[k] ?? 'X'
      }
    }
    const one = count === 1
    remember(w, one ? tag : 'X', one && !doc.isOOV(w.toLowerCase()))
    wordStart = wordEnd + 2
  }
}

const SPACE = 32
const DOT = 46
const APOSTROPHE = 39
const RIGHT_SINGLE_QUOTE = 0x2019
const LOWER_S = 115

const codes = (chars: string): Set<number> => new Set([...chars].map((ch) => ch.charCodeAt(0)))
// What wink splits off before and after a word, besides spaces: /[\s("“‘—–/]/ before,
// /[\s,;:!?)"”—–/]/ after, /[\s"”’')]/ after a full stop.
const OPENERS = codes('("“‘—–/')
const SPLIT_AFTER = codes(',;:!?)"”—–/')
const CLOSE_AFTER_STOP = codes('"”’\')')

/**
 * Whether wink reads text[start, end) as one token of its own: spaces or punctuation wink
 * always splits off around it, a full stop only after a word that is not an abbreviation, a
 * possessive "’s" after it. Anything else ("al-Assad", "U.S.") is left to wink in context.
 */
function isWholeToken(text: string, start: number, end: number): boolean {
  // Character codes, not one-character strings and regexes: this runs for most tag questions.
  const before = start > 0 ? text.charCodeAt(start - 1) : SPACE
  if (!(isJsSpace(before) || OPENERS.has(before))) return false
  const after = end < text.length ? text.charCodeAt(end) : SPACE
  if (isJsSpace(after) || SPLIT_AFTER.has(after)) return true
  const next = end + 1 < text.length ? text.charCodeAt(end + 1) : SPACE
  if (after === DOT) {
    if (!(isJsSpace(next) || CLOSE_AFTER_STOP.has(next))) return false
    const word = text.slice(start, end)
    const a = abbrevs()
    return (
      word.length > 1 &&
      !a.any.has(word) &&
      !a.beforeNumber.has(word) &&
      !a.beforeLowerCase.has(word)
    )
  }
  if (after === RIGHT_SINGLE_QUOTE || after === APOSTROPHE) {
    const third = end + 2 < text.length ? text[end + 2]! : ' '
    return next === LOWER_S && !/[\p{L}\p{N}]/u.test(third)
  }
  return false
}

/** `s.toLowerCase()`, without a copy when `s` is plain lower-case ASCII (most words). */
function lowerCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 128 || (c >= 65 && c <= 90)) return s.toLowerCase()
  }
  return s
}

/** The word or number just before `offset` in the sentence, or null. */
function previousWord(text: string, from: number, offset: number): string | null {
  let b = offset
  while (b > from && (text[b - 1] === ' ' || text[b - 1] === '\t')) b--
  let a = b
  while (a > from && isWordOrNumberChar(text, a - 1)) a--
  return b > a ? text.slice(a, b) : null
}

const WORD_OR_NUMBER_CHAR = /[\p{L}\p{M}\p{N}.,’'-]/u

/** Whether text[i] matches /[\p{L}\p{M}\p{N}.,’'-]/u; ASCII without a regex. */
function isWordOrNumberChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if (c < 128) {
    return (
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === DOT ||
      c === 44 ||
      c === APOSTROPHE ||
      c === 45
    )
  }
  return WORD_OR_NUMBER_CHAR.test(text[i]!)
}

/** Tags one sentence (or a beginning, `s`) with wink in context; all its tags trusted. */
function tagSentence(text: string, s: SentenceSpan): PrefixTokens {
  const its = nlp().its
  const piece = text.slice(s.start, s.end)
  const doc = nlp().readDoc(piece)
  const values = doc.tokens().out(its.value) as string[]
  const spaces = doc.tokens().out(its.precedingSpaces) as string[]
  const tags = doc.tokens().out(its.pos) as string[]
  const starts = new Int32Array(values.length)
  const ends = new Int32Array(values.length)
  let at = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    at += spaces[i]?.length ?? 0
    // wink keeps the text losslessly; the fallback search only guards against a model change.
    if (!piece.startsWith(v, at)) {
      const found = piece.indexOf(v, at)
      if (found >= 0) at = found
    }
    starts[i] = s.start + at
    ends[i] = s.start + at + v.length
    at += v.length
  }
  return { starts, ends, pos: tags.map((t) => t ?? 'X'), trustedEnd: s.end }
}

class LazyTagger implements TokenTable {
  /** Tagged sentences (or sentence beginnings) by sentence index; see `contextTokens`. */
  private readonly tagged = new Map<number, PrefixTokens>()
  private batched = false
  /** Index of the sentence `sentenceAt` found last. */
  private lastSentence = 0

  constructor(
    private readonly text: string,
    private readonly sentences: readonly SentenceSpan[],
  ) {}

  posAt(offset: number): string {
    const own = this.ownPos(offset)
    if (own !== null) return own
    const t = this.contextTokens(offset)
    if (!t) return 'X'
    const i = tokenAt(t, offset)
    return i < 0 ? 'X' : (t.pos[i] ?? 'X')
  }

  /**
   * The tag from the word itself where wink's rules cannot or would not change it, else null.
   * A word with one possible tag keeps it; an ambiguous word is settled by the word before
   * ("a 6-1 win", "they claim"), as wink's rules do; a capitalised word wink calls a proper noun
   * on its own stays one. Checked against wink in context on the seeds, fixtures and 90 news
   * articles (see the README's table of lexicons).
   */
  private ownPos(offset: number): string | null {
    const text = this.text
    const n = text.length
    let end = offset
    // The word's letters; an ASCII capital or a non-ASCII letter is noted on the way, so the
    // word is lower-cased (to see whether it is capitalised) only when its case is not plain.
    let capital = false
    let nonAscii = false
    for (; end < n; end++) {
      const c = text.charCodeAt(end)
      if (c < 128) {
        if (c >= 65 && c <= 90) capital = true
        else if (c < 97 || c > 122) break
      } else {
        if (!LETTER_OR_MARK.test(text[end]!)) break
        nonAscii = true
      }
    }
    if (end === offset) return null
    if (!isWholeToken(text, offset, end)) return null
    const word = text.slice(offset, end)
    let own = wordTags.get(word)
    if (own === undefined) {
      if (!this.batched) this.memoiseDocumentWords()
      own = ownTag(word)
    }
    if (capital || (nonAscii && word.toLowerCase() !== word)) {
      // Capitalised: wink's own tag stands, except a common noun or adjective, which its rules
      // often make a proper noun in a name ("World Health Organization"), a word wink splits or
      // does not know, and an all-capitals verb ("LED clusters").
      const t = own.tag
      if (t === 'NOUN' || t === 'ADJ' || t === 'X') return null
      if (t === 'VERB' && word === word.toUpperCase()) return null
      return t
    }
    if (!own.known) return null
    const choices = own.choices
    if (!choices) return own.tag
    if (own.auxiliary) return 'AUX'
    const lex = posLex()
    const s = this.sentenceAt(offset)
    const prev = previousWord(text, s ? s.start : 0, offset)
    if (prev === null) return own.tag
    const prevLower = lowerCase(prev)
    if (choices.has('VERB') && (lex.subjectPronouns.has(prevLower) || lex.verbCues.has(prevLower)))
      return 'VERB'
    // Noun-or-verb words only ("a 6-1 win"): "450 million down" stays a preposition.
    if (own.tag === 'VERB' && choices.has('NOUN')) {
      if (/\d$/.test(prev) || lex.possessives.has(prevLower)) return 'NOUN'
      if (/^[\p{L}]+$/u.test(prev)) {
        const p = ownTag(prevLower).tag
        if (p === 'DET' || p === 'NUM' || p === 'ADJ') return 'NOUN'
      }
    }
    return own.tag
  }

  /**
   * On the first word of this document missing from the memo, memoise every plain word of the
   * document (and the lower-case form of capitalised ones, which the rules look up) in one
   * batch. Batching only the capitalised words (and leaving the rest to one readDoc each) was
   * slower: wink's per-call cost outweighs the extra words.
   */
  private memoiseDocumentWords(): void {
    this.batched = true
    const text = this.text
    // Only words not memoised yet go in: memoiseWordTags would pass over the others, in the
    // same order. Only words with a capital or a non-ASCII letter are lower-cased.
    const words = new Set<string>()
    const n = text.length
    let i = 0
    while (i < n) {
      if (!isWordLetter(text, i)) {
        i++
        continue
      }
      let e = i
      let plainLowerCase = true
      for (; e < n; e++) {
        const c = text.charCodeAt(e)
        if (c < 128) {
          if (c >= 65 && c <= 90) plainLowerCase = false
          else if (c < 97 || c > 122) break
        } else {
          if (!LETTER_OR_MARK.test(text[e]!)) break
          plainLowerCase = false
        }
      }
      const w = text.slice(i, e)
      if (!wordTags.has(w)) words.add(w)
      if (!plainLowerCase) {
        const lower = w.toLowerCase()
        if (lower !== w && !wordTags.has(lower)) words.add(lower)
      }
      i = e
    }
    memoiseWordTags(words)
  }

  prevPosAt(offset: number): string {
    const s = this.sentenceAt(offset)
    const from = s ? s.start : 0
    let b = offset
    while (b > from && (this.text[b - 1] === ' ' || this.text[b - 1] === '\t')) b--
    if (b <= from) return 'X'
    const ch = this.text[b - 1]!
    if (/[\p{L}\p{M}]/u.test(ch)) {
      let a = b - 1
      while (a > from && /[\p{L}\p{M}]/u.test(this.text[a - 1]!)) a--
      return this.posAt(a)
    }
    if (/\p{N}/u.test(ch)) return 'NUM'
    return 'PUNCT'
  }

  private sentenceAt(offset: number): SentenceSpan | undefined {
    // Questions come sentence by sentence: the last answer is usually the next one too.
    const last = this.sentences[this.lastSentence]
    if (last && last.start <= offset && offset < last.end) return last
    const k = sentenceIndex(this.sentences, offset)
    if (k < 0) return undefined
    this.lastSentence = k
    return this.sentences[k]
  }

  sentenceTokens(offset: number): TaggedTokens | null {
    const k = sentenceIndex(this.sentences, offset)
    if (k < 0) return null
    const s = this.sentences[k]!
    let t = this.tagged.get(k)
    if (!t || t.trustedEnd < s.end) {
      t = tagSentence(this.text, s)
      this.tagged.set(k, t)
    }
    return t
  }

  /**
   * Tokens tagged in context, enough to answer for the word at `offset`: the sentence from its
   * start to a few words past `offset`, not the whole sentence. wink's rules look at most two
   * tokens to the right (on the 90 bench articles, every tag of a token three tokens before the
   * end of such a beginning equals its tag in the whole sentence), and most questions are about
   * a sentence's first words; in-context tagging was a quarter of a warm analysis. A later
   * question past the trusted part tags the whole sentence.
   */
  private contextTokens(offset: number): PrefixTokens | null {
    const k = sentenceIndex(this.sentences, offset)
    if (k < 0) return null
    const s = this.sentences[k]!
    let t = this.tagged.get(k)
    if (t && offset < t.trustedEnd) return t
    const cut = t ? s.end : prefixEnd(this.text, offset, s.end)
    t = trustedPrefix(tagSentence(this.text, { start: s.start, end: cut }), cut, s.end)
    if (offset >= t.trustedEnd) t = tagSentence(this.text, s)
    this.tagged.set(k, t)
    return t
  }
}

/** Tagged tokens of a sentence's beginning; tags of tokens starting before `trustedEnd` hold. */
interface PrefixTokens extends TaggedTokens {
  trustedEnd: number
}

// Tokens at the end of a sentence's beginning whose tags may change with what follows (wink's
// rules reach two tokens right; one more for safety).
const UNTRUSTED_TAIL = 3
// Whitespace-separated chunks kept after the word asked about: each is at least one token.
const CHUNKS_AFTER = 6

/** Where a sentence beginning long enough to tag the word at `offset` in context ends. */
function prefixEnd(text: string, offset: number, end: number): number {
  let p = offset
  for (let chunk = 0; chunk <= CHUNKS_AFTER; chunk++) {
    while (p < end && !isSpace(text.charCodeAt(p))) p++
    while (p < end && isSpace(text.charCodeAt(p))) p++
    if (p >= end) return end
  }
  // Back over the spaces, so the beginning ends on a word.
  while (p > offset && isSpace(text.charCodeAt(p - 1))) p--
  return p
}

/** Narrows the trusted part of `t`, the tagged text up to `cut`, to what holds in the sentence. */
function trustedPrefix(t: PrefixTokens, cut: number, end: number): PrefixTokens {
  if (cut >= end) {
    t.trustedEnd = end
    return t
  }
  const n = t.starts.length
  t.trustedEnd = n > UNTRUSTED_TAIL ? t.starts[n - UNTRUSTED_TAIL]! : 0
  return t
}

/** The index of the sentence holding `offset` (binary search over the sorted sentences), or -1. */
export function sentenceIndex(sentences: readonly SentenceSpan[], offset: number): number {
  let lo = 0
  let hi = sentences.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = sentences[mid]!
    if (s.start > offset) hi = mid - 1
    else if (s.end <= offset) lo = mid + 1
    else return mid
  }
  return -1
}

/** The index of the token that starts at or covers `offset`, or -1. Binary search. */
export function tokenAt(tokens: TaggedTokens, offset: number): number {
  let lo = 0
  let hi = tokens.starts.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (tokens.starts[mid]! > offset) hi = mid - 1
    else if (tokens.ends[mid]! <= offset) lo = mid + 1
    else return mid
  }
  return -1
}

/** wink's POS tag for the word at `offset` ('X' when there is no word there). */
export function posAt(tokens: TokenTable, offset: number): string {
  return tokens.posAt(offset)
}
