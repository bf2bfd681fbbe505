import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import type { Segment } from '../../shared/document'

/** Tokens with their offsets into the document text and wink's part-of-speech tags. */
export interface TokenTable {
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

// Only sentence boundaries and POS: wink's NER, negation and sentiment passes cost ~40% of
// readDoc and their output (dates, cardinals) is re-derived more precisely by our own rules.
const PIPE = ['sbd', 'pos']
// wink builds per-document arrays; chunks of this size keep memory flat on a 50 MB text.
const CHUNK_CHARS = 200_000

let nlpInstance: ReturnType<typeof winkNLP> | null = null

function nlp(): ReturnType<typeof winkNLP> {
  nlpInstance ??= winkNLP(model, PIPE)
  return nlpInstance
}

/** Splits `text` into chunks ending at line breaks (or whitespace) near CHUNK_CHARS. */
function chunkBounds(text: string): number[] {
  const bounds = [0]
  let pos = 0
  while (text.length - pos > CHUNK_CHARS) {
    const limit = pos + CHUNK_CHARS
    let cut = text.lastIndexOf('\n', limit)
    if (cut <= pos + CHUNK_CHARS / 2) cut = text.lastIndexOf(' ', limit)
    if (cut <= pos + CHUNK_CHARS / 2) cut = limit
    else cut += 1
    bounds.push(cut)
    pos = cut
  }
  bounds.push(text.length)
  return bounds
}

/**
 * One wink pass over the text: tokens with offsets and POS, and sentences. Sentences are then
 * cut at line breaks and segment boundaries, because a heading or a comment never continues
 * the sentence before it.
 */
export function runNlp(text: string, segments: readonly Segment[]): NlpResult {
  const its = nlp().its
  // Offsets go straight into typed arrays (grown by doubling): no boxed numbers to collect.
  let starts = new Int32Array(Math.max(1024, text.length >> 2))
  let ends = new Int32Array(starts.length)
  let n = 0
  const pos: string[] = []
  const rough: SentenceSpan[] = []
  const bounds = chunkBounds(text)
  for (let c = 0; c + 1 < bounds.length; c++) {
    const base = bounds[c]!
    const chunk = text.slice(base, bounds[c + 1]!)
    if (chunk.trim().length === 0) continue
    const doc = nlp().readDoc(chunk)
    const values = doc.tokens().out(its.value) as string[]
    const spaces = doc.tokens().out(its.precedingSpaces) as string[]
    const tags = doc.tokens().out(its.pos) as string[]
    const first = n
    if (n + values.length > starts.length) {
      const cap = Math.max(starts.length * 2, n + values.length)
      const grownStarts = new Int32Array(cap)
      const grownEnds = new Int32Array(cap)
      grownStarts.set(starts.subarray(0, n))
      grownEnds.set(ends.subarray(0, n))
      starts = grownStarts
      ends = grownEnds
    }
    let at = 0
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!
      at += spaces[i]?.length ?? 0
      // wink keeps the text losslessly; the fallback search only guards against a model change.
      if (chunk.startsWith(v, at) === false) {
        const found = chunk.indexOf(v, at)
        if (found >= 0) at = found
      }
      starts[n] = base + at
      ends[n] = base + at + v.length
      n++
      pos.push(tags[i] ?? 'X')
      at += v.length
    }
    const spans = doc.sentences().out(its.span) as unknown as [number, number][]
    for (const [a, b] of spans) {
      const ia = first + a
      const ib = first + b
      if (!(ia >= 0 && ia < n && ib >= 0 && ib < n)) continue
      const s = starts[ia]!
      const e = ends[ib]!
      if (e > s) rough.push({ start: s, end: e })
    }
  }
  const cuts = segmentCuts(segments)
  const sentences: SentenceSpan[] = []
  for (const s of rough) splitSentence(text, s, cuts, sentences)
  return {
    tokens: { starts: starts.slice(0, n), ends: ends.slice(0, n), pos },
    sentences,
  }
}

function segmentCuts(segments: readonly Segment[]): Set<number> {
  const cuts = new Set<number>()
  for (const s of segments) cuts.add(s.start)
  return cuts
}

const LINE_BREAK = /\n/g

function splitSentence(
  text: string,
  s: SentenceSpan,
  cuts: Set<number>,
  out: SentenceSpan[],
): void {
  let start = s.start
  const push = (a: number, b: number): void => {
    while (a < b && /\s/.test(text[a]!)) a++
    while (b > a && /\s/.test(text[b - 1]!)) b--
    if (b > a) out.push({ start: a, end: b })
  }
  const piece = text.slice(s.start, s.end)
  LINE_BREAK.lastIndex = 0
  const breaks: number[] = []
  for (let m = LINE_BREAK.exec(piece); m; m = LINE_BREAK.exec(piece)) breaks.push(s.start + m.index)
  for (const cut of cuts) if (cut > s.start && cut < s.end) breaks.push(cut)
  breaks.sort((a, b) => a - b)
  for (const b of breaks) {
    push(start, b)
    start = b
  }
  push(start, s.end)
}

/** The index of the token that starts at or covers `offset`, or -1. Binary search. */
export function tokenAt(tokens: TokenTable, offset: number): number {
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

/** wink's POS tag for the word at `offset` ('X' when there is no token there). */
export function posAt(tokens: TokenTable, offset: number): string {
  const i = tokenAt(tokens, offset)
  return i < 0 ? 'X' : (tokens.pos[i] ?? 'X')
}

/** The index of the first token starting at or after `offset` (tokens.length when none). */
export function firstTokenFrom(tokens: TokenTable, offset: number): number {
  let lo = 0
  let hi = tokens.starts.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (tokens.starts[mid]! < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}
