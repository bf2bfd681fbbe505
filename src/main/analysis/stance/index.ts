import type { Actor, Entity, StanceCue } from '../../../shared/analysis'
import type { Segment, SegmentRole } from '../../../shared/document'
import type { LexiconEntry } from '../../../shared/lexicon'
import { buildActors } from './actor-stance'
import { buildCues } from './cues'
import { Matches, Units, tokenAfter } from './matches-and-units'
import { addEntityMentions, resolveMentions } from './mentions'
import { type ScareQuote, findScareQuotes } from './scare-quotes'
import { splitSentences } from './sentences'
import { type CompiledLexicon, compileLexicon } from './stance-lexicon'
import { TokenTable, tokenizeInto } from './tokenize'
import { summariseStance } from './summary'

export { clusterActorsAcrossDocuments, type ActorCluster } from './cluster'
export { actorId } from './actor-stance'

export interface StanceInput {
  text: string
  segments: Segment[]
  sentences: { start: number; end: number }[]
  entities: Entity[]
  /** Researcher-added entries; they replace shipped entries spelled the same and add the rest. */
  userLexicon?: LexiconEntry[]
  /** Reader comments analysed as their own layer (cues with segmentRole 'comments') when true. */
  includeComments?: boolean
}

export interface StanceResult {
  actors: Actor[]
  stanceCues: StanceCue[]
  stanceSummary: string | null
}

/**
 * Stance and framing of one document: the actors it names and the labels it uses for them, the
 * cues that show how it positions itself (labels with a connotation, scare quotes, distancing,
 * loaded and evaluative terms, hedges, boosters), a -1..1 stance score per actor with its
 * evidence sentences, and a one-line summary. Headline cues carry segmentRole 'title'; reader
 * comments are left out unless `includeComments`. Every cue names the lexicon entry or rule
 * that produced it.
 */
export function analyzeStance(input: StanceInput): StanceResult {
  const lex = compileLexicon(input.userLexicon ?? [])
  const { text } = input
  const segments: readonly Segment[] =
    input.segments.length > 0 ? input.segments : [{ start: 0, end: text.length, role: 'body' }]
  const scanned = segments.filter(
    (s) =>
      s.role === 'title' ||
      s.role === 'body' ||
      (input.includeComments === true && s.role === 'comments'),
  )

  // Every scanned segment's tokens, one segment after another; each segment is matched on its
  // own rows. About one token per six characters of prose.
  const tokens = takeTable(Math.ceil(text.length / 5))
  try {
    return analyzeTokens(input, lex, text, scanned, tokens)
  } finally {
    releaseTable(tokens)
  }
}

// One token table kept between calls (up to a size), so a long document does not allocate and
// clear megabytes of arrays on every analysis. Taken while in use: a nested call gets its own.
let spareTable: TokenTable | null = null
const MAX_SPARE_ROWS = 1 << 19

function takeTable(rows: number): TokenTable {
  const spare = spareTable
  const table = spare && spare.start.length >= rows ? spare : new TokenTable(Math.max(64, rows))
  spareTable = null
  table.count = 0
  return table
}

function releaseTable(table: TokenTable): void {
  if (table.start.length <= MAX_SPARE_ROWS) spareTable = table
}

function analyzeTokens(
  input: StanceInput,
  lex: CompiledLexicon,
  text: string,
  scanned: readonly Segment[],
  tokens: TokenTable,
): StanceResult {
  const units = new Units()
  const matches = new Matches()
  const quotes: { q: ScareQuote; role: SegmentRole; unit: number }[] = []
  const sentences =
    input.sentences.length > 0 ? input.sentences : splitSentences(text, scanned, lex.abbreviations)
  let sentenceCursor = 0

  for (const seg of scanned) {
    const segFirst = tokens.count
    tokenizeInto(tokens, lex.vocabulary, text, seg.start, seg.end)
    const segTokens = { table: tokens, first: segFirst, last: tokens.count }
    lex.trie.scanEach(text, tokens, segFirst, segTokens.last, (first, last, entries) => {
      for (const e of entries) matches.add(first, last, e.payload)
    })
    // Units: the sentences overlapping the segment, clipped to it.
    while (sentenceCursor > 0 && sentences[sentenceCursor - 1]!.end > seg.start) sentenceCursor--
    let at = seg.start
    const firstUnit = units.count
    for (let k = sentenceCursor; k < sentences.length; k++) {
      const s = sentences[k]!
      if (s.start >= seg.end) break
      if (s.end <= seg.start) {
        sentenceCursor = k + 1
        continue
      }
      const start = Math.max(s.start, seg.start)
      const end = Math.min(s.end, seg.end)
      if (start > at) units.add(at, start, seg.role)
      units.add(start, end, seg.role)
      at = end
    }
    if (at < seg.end) units.add(at, seg.end, seg.role)
    // Units follow one another, so each search starts where the last one ended.
    let cursor = segFirst
    for (let u = firstUnit; u < units.count; u++) {
      units.first[u] = cursor = tokenAfter(
        tokens,
        units.start[u]!,
        cursor,
        segFirst,
        segTokens.last,
      )
      units.last[u] = cursor = tokenAfter(tokens, units.end[u]!, cursor, segFirst, segTokens.last)
    }
    for (const q of findScareQuotes(
      text,
      seg.start,
      seg.end,
      segTokens,
      lex,
      seg.role === 'title',
    )) {
      quotes.push({ q, role: seg.role, unit: units.at(q.start) })
    }
  }

  const tokenUnit = new Int32Array(tokens.count).fill(-1)
  for (let u = 0; u < units.count; u++) {
    for (let t = units.first[u]!; t < units.last[u]!; t++) tokenUnit[t] = u
  }
  const unitOf = (tokenIndex: number): number =>
    tokenIndex >= 0 && tokenIndex < tokenUnit.length ? tokenUnit[tokenIndex]! : -1

  // In text order before the entities are matched against them, and again once the entities'
  // own mentions are added (stably: the same order as sorting once at the end).
  const mentions = resolveMentions(text, tokens, matches, quotes, lex, unitOf)
  const entityLinks = addEntityMentions(mentions, input.entities, tokens, scanned, unitOf)
  mentions.sort((a, b) => a.start - b.start)

  const { cues, labelsByActor, actorCues, cueTokens } = buildCues(
    text,
    tokens,
    units,
    matches,
    mentions,
    quotes,
    scanned,
    lex,
    unitOf,
  )

  const actors = buildActors(
    text,
    tokens,
    units,
    mentions,
    labelsByActor,
    actorCues,
    cueTokens,
    lex,
    entityLinks,
  )
  return { actors, stanceCues: cues, stanceSummary: summariseStance(actors) }
}
