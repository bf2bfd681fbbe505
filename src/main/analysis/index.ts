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
export const ANALYSER_VERSION = 'parallax-analysis-1.3.2'

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
  // Every mention's start, sorted: one Float64Array of start·2^26 + mention number sorts
  // numerically in place, without an object per mention. Mentions are numbered entity by
  // entity, in order, so the first of equal starts is the one `find` over the entities'
  // mentions would give, and the number leads to its entity and its end without a search.
  let count = 0
  for (const e of entities) count += e.mentions.length
  const keys = new Float64Array(count)
  const owners = new Int32Array(count)
  const mentionEnds = new Float64Array(count)
  let k = 0
  for (let i = 0; i < entities.length; i++) {
    for (const m of entities[i]!.mentions) {
      keys[k] = m.start * 2 ** 26 + k
      owners[k] = i
      mentionEnds[k] = m.end
      k++
    }
  }
  keys.sort()
  const starts = new Float64Array(count)
  for (let j = 0; j < count; j++) starts[j] = Math.floor(keys[j]! / 2 ** 26)
  const link = (sp: SourceSpan | null | undefined): void => {
    if (!sp) return
    const target = sp.antecedent ?? sp
    let lo = 0
    let hi = count
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (starts[mid]! < target.start) lo = mid + 1
      else hi = mid
    }
    if (lo >= count) return
    const mention = keys[lo]! - starts[lo]! * 2 ** 26
    if (mentionEnds[mention]! <= target.end) sp.entityId = entities[owners[mention]!]!.id
  }
  for (const a of attributions) {
    link(a.speaker)
  }
}

/** CPU milliseconds spent in each phase of `analyzeDocument`, added to on every call. */
export type PhaseTimes = Record<string, number>

/** A lap timer over process CPU time; a no-op when nobody asked for the phases. */
function phaseClock(phases: PhaseTimes | undefined): (name: string) => void {
  if (!phases) return () => undefined
  let last = process.cpuUsage()
  return (name) => {
    const d = process.cpuUsage(last)
    last = process.cpuUsage()
    phases[name] = (phases[name] ?? 0) + (d.user + d.system) / 1000
  }
}

/**
 * Analyses one document: sentences, figures with their context, dates, entities with aliases,
 * attributions, and (from the stance module) actors and stance cues. Synchronous and pure; the
 * same input always gives the same output apart from `elapsedMs`. Pass `phases` to have the
 * CPU time of each phase added to it (the bench does).
 */
export function analyzeDocument(input: AnalysisInput, phases?: PhaseTimes): DocumentAnalysis {
  const t0 = performance.now()
  const lap = phaseClock(phases)
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
  lap('sentences')

  const dates: DateMention[] = []
  const perSentence: {
    sent: (typeof sentences)[number]
    figures: RawFigure[]
    scopes: TimeScopeSpan[]
  }[] = []
  const times = sentences.map((sent) => {
    const time = findTime(text.slice(sent.start, sent.end), sent.start, input.published)
    dates.push(...time.dates)
    return time
  })
  lap('dates and time scopes')
  for (let i = 0; i < sentences.length; i++) {
    const sent = sentences[i]!
    const time = times[i]!
    const figures = findSentenceFigures(text, sent, time.blocked, tokens)
    perSentence.push({ sent, figures, scopes: time.scopes })
  }
  lap('figures')
  const attributions = findAttributions(text, sentences, tokens, (o) =>
    ATTRIBUTION_ROLES.has(roleAt(o)),
  )
  lap('attributions')
  const entities = findEntities(
    docId,
    text,
    sentences,
    tokens,
    (o) => ENTITY_ROLES.has(roleAt(o)),
    (o) => roleAt(o) === 'title',
  )
  lap('entities')
  // Speakers are linked before figures copy them, so figure sources carry the entity id too.
  linkSpeakers(attributions, entities)
  const figures = attachContext(text, perSentence, attributions, roleAt)
  lap('figure context')
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
  lap('stance')
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
