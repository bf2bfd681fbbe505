import type { Attribution, DocumentAnalysis, Entity, SourceSpan } from '../../shared/analysis'
import type { Segment, SegmentRole } from '../../shared/document'
import { ParallaxError } from '../../shared/errors'
import type { LexiconEntry } from '../../shared/lexicon'
import { findAttributions } from './attributions'
import { findEntities } from './entities'
import { attachContext } from './figure-context'
import { findSentenceFigures, type RawFigure } from './figures'
import { runNlp } from './nlp'
import { analyzeStance } from './stance/index'
import { findTime } from './time'
import type { DateMention, TimeScopeSpan } from '../../shared/analysis'

export { applyEntityEdits, clusterEntitiesAcrossDocuments } from './entity-edits'
export { nameKey } from './entities'

/** Bump when the output changes: it is the cache key for stored analyses. */
export const ANALYSER_VERSION = 'parallax-analysis-1.1.0'

/** What the analysis reads: the document's text, its segments and its publication date. */
export interface AnalysisInput {
  docId: string
  text: string
  segments: Segment[]
  /** ISO date the document was published; relative dates are resolved against it. */
  published: string | null
  /** The researcher's own lexicon entries, added to the shipped stance lexicons. */
  userLexicon?: LexiconEntry[]
}

// wink's arrays for a 64 M-character text need a few GB; beyond this we refuse clearly.
const MAX_CHARS = 64 * 1024 * 1024

const ENTITY_ROLES = new Set<SegmentRole>(['body', 'title', 'caption', 'byline'])
const ATTRIBUTION_ROLES = new Set<SegmentRole>(['body', 'title', 'caption'])

function roleLookup(text: string, segments: readonly Segment[]): (offset: number) => SegmentRole {
  if (segments.length === 0) return () => 'body'
  const sorted = [...segments].sort((a, b) => a.start - b.start)
  return (offset) => {
    let lo = 0
    let hi = sorted.length - 1
    let found: Segment | undefined
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = sorted[mid]!
      if (s.start <= offset) {
        found = s
        lo = mid + 1
      } else hi = mid - 1
    }
    return found && offset < found.end ? found.role : offset < text.length ? 'body' : 'body'
  }
}

function linkSpeakers(attributions: Attribution[], entities: Entity[]): void {
  const mentions = entities
    .flatMap((e) => e.mentions.map((m) => ({ start: m.start, end: m.end, id: e.id })))
    .sort((a, b) => a.start - b.start)
  const starts = mentions.map((m) => m.start)
  const link = (sp: SourceSpan | null | undefined): void => {
    if (!sp) return
    const target = sp.antecedent ?? sp
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (starts[mid]! < target.start) lo = mid + 1
      else hi = mid
    }
    const hit = mentions[lo]
    if (hit && hit.end <= target.end) sp.entityId = hit.id
  }
  for (const a of attributions) {
    link(a.speaker)
  }
}

/**
 * Analyses one document: sentences, figures with their context, dates, entities with aliases,
 * attributions, and (from the stance module) actors and stance cues. Synchronous and pure; the
 * same input always gives the same output apart from `elapsedMs`.
 */
export function analyzeDocument(input: AnalysisInput): DocumentAnalysis {
  const t0 = performance.now()
  const { docId, text } = input
  if (typeof text !== 'string')
    throw new ParallaxError('invalid-argument', 'The document has no text to analyse.')
  if (text.length > MAX_CHARS) {
    throw new ParallaxError(
      'too-large',
      `The text is ${Math.round(text.length / 1e6)} million characters; Parallax analyses at most ${MAX_CHARS / 1024 / 1024} million.`,
    )
  }
  const segments =
    input.segments.length > 0
      ? input.segments
      : [{ start: 0, end: text.length, role: 'body' as const }]
  const roleAt = roleLookup(text, segments)
  const { tokens, sentences } = runNlp(text, segments)

  const dates: DateMention[] = []
  const perSentence: {
    sent: (typeof sentences)[number]
    figures: RawFigure[]
    scopes: TimeScopeSpan[]
  }[] = []
  for (const sent of sentences) {
    const time = findTime(text.slice(sent.start, sent.end), sent.start, input.published)
    dates.push(...time.dates)
    const figures = findSentenceFigures(text, sent, time.blocked, tokens)
    perSentence.push({ sent, figures, scopes: time.scopes })
  }
  const attributions = findAttributions(text, sentences, tokens, (o) =>
    ATTRIBUTION_ROLES.has(roleAt(o)),
  )
  const entities = findEntities(
    docId,
    text,
    sentences,
    tokens,
    (o) => ENTITY_ROLES.has(roleAt(o)),
    (o) => roleAt(o) === 'title',
  )
  // Speakers are linked before figures copy them, so figure sources carry the entity id too.
  linkSpeakers(attributions, entities)
  const figures = attachContext(text, perSentence, attributions, roleAt)
  let stance: ReturnType<typeof analyzeStance> = { actors: [], stanceCues: [], stanceSummary: null }
  try {
    stance = analyzeStance({
      text,
      segments,
      sentences,
      entities,
      userLexicon: input.userLexicon ?? [],
    })
    // Reader comments never count toward the article's stance, but their cues are a layer of
    // their own (segmentRole 'comments'): a second pass over the comment segments alone.
    const comments = segments.filter((s) => s.role === 'comments')
    if (comments.length > 0) {
      const commentCues = analyzeStance({
        text,
        segments: comments,
        sentences,
        entities,
        userLexicon: input.userLexicon ?? [],
        includeComments: true,
      }).stanceCues.map((c) => ({ ...c, id: `comment-${c.id}` }))
      stance = {
        ...stance,
        stanceCues: [...stance.stanceCues, ...commentCues].sort((a, b) => a.start - b.start),
      }
    }
  } catch {
    // Stance is a separate layer: a failure there must not lose the figures and entities.
  }
  return {
    docId,
    analyserVersion: ANALYSER_VERSION,
    sentences,
    figures,
    dates,
    entities,
    attributions,
    actors: stance.actors,
    stanceCues: stance.stanceCues,
    stanceSummary: stance.stanceSummary,
    elapsedMs: Math.round(performance.now() - t0),
  }
}
