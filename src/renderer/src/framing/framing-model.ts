import {
  CONNOTATIONS,
  type Actor,
  type ActorLabel,
  type Connotation,
  type DocumentAnalysis,
  type Entity,
  type StanceCue,
  type StanceCueKind,
} from '../../../shared/analysis'
import {
  LEXICON_KINDS,
  lexiconEntrySchema,
  type LexiconEntry,
  type LexiconKind,
} from '../../../shared/lexicon'
import { SchemaError } from '../../../shared/validate'

/** Mantine colour per connotation: cool for favourable, warm for hostile, grey for neutral. */
export const CONNOTATION_COLOR: Record<Connotation, string> = {
  neutral: 'gray',
  sympathetic: 'teal',
  legitimising: 'blue',
  delegitimising: 'orange',
  pejorative: 'red',
}

/** What each connotation means, for the legend and the chips' hover text. */
export const CONNOTATION_MEANING: Record<Connotation, string> = {
  neutral: 'a plain name the parties themselves would accept',
  sympathetic: 'invites the reader to side with the actor',
  legitimising: 'presents the actor as lawful or rightful',
  delegitimising: 'denies the actor standing: proxy, illegitimate, not to be taken at its word',
  pejorative: 'insults or demonises the actor',
}

export const CUE_KIND_LABEL: Record<StanceCueKind, string> = {
  label: 'Label',
  scare_quote: 'Scare quote',
  distancing: 'Distancing',
  loaded_term: 'Loaded term',
  evaluative: 'Evaluative',
  hedge: 'Hedge',
  booster: 'Booster',
}

/** What each lexicon kind does to the analysis, shown beside the editor's form. */
export const LEXICON_KIND_HELP: Record<LexiconKind, string> = {
  'actor-label':
    'A name for an actor. Every occurrence becomes one of that actor’s labels with the connotation you give, and counts toward its stance.',
  loaded:
    'A word whose choice takes sides (“propaganda”, “regime”). Marked as a loaded term and counted against (or for) the actor it bears on.',
  evaluative:
    'An evaluative phrase (“heavy casualties”, “significant role”): the writer judges. Give a polarity when it favours or attacks.',
  hedge: 'Marks uncertainty (“reportedly”, “could be”). Highlighted; no direction toward an actor.',
  booster:
    'Marks certainty or correction (“almost certainly”, “actually”). Highlighted; no direction.',
  distancing:
    'The writer keeps a claim at arm’s length (“so-called”, “as they claim”). Counted against the actor it bears on.',
}

export const LEXICON_KIND_LABEL: Record<LexiconKind, string> = {
  'actor-label': 'Actor label',
  loaded: 'Loaded term',
  evaluative: 'Evaluative',
  hedge: 'Hedge',
  booster: 'Booster',
  distancing: 'Distancing',
}

/** One distinct label of an actor with how often the document uses it. */
export interface LabelGroup {
  text: string
  connotation: Connotation
  count: number
  /** The first occurrence (for revealing it in the reader). */
  start: number
  rules: string[]
  isQuoted: boolean
}

const QUOTES = /[“”"‘’«»]/g

/**
 * Groups an actor's labels by wording and connotation ("rebels" twice → one chip ×2), the most
 * hostile first, then the most used: the chips a researcher should see first lead.
 */
export function groupLabels(labels: readonly ActorLabel[]): LabelGroup[] {
  const groups = new Map<string, LabelGroup>()
  for (const l of labels) {
    const text = l.text.replace(/[’']s$/u, '').trim()
    const key = `${text.replace(QUOTES, '').toLowerCase()}|${l.connotation}`
    const g = groups.get(key)
    const isQuoted = /scare-quote/.test(l.rule) || QUOTES.test(l.text)
    QUOTES.lastIndex = 0
    if (g) {
      g.count += 1
      g.start = Math.min(g.start, l.start)
      if (!g.rules.includes(l.rule)) g.rules.push(l.rule)
      g.isQuoted ||= isQuoted
    } else {
      groups.set(key, {
        text,
        connotation: l.connotation,
        count: 1,
        start: l.start,
        rules: [l.rule],
        isQuoted,
      })
    }
  }
  const hostility = (c: Connotation) => -CONNOTATIONS.indexOf(c)
  return [...groups.values()].sort(
    (a, b) =>
      hostility(a.connotation) - hostility(b.connotation) || b.count - a.count || a.start - b.start,
  )
}

/** The connotations an analysis actually uses, in the lexicon's order (for a compact legend). */
export function connotationsUsed(actors: readonly Actor[]): Connotation[] {
  const used = new Set(actors.flatMap((a) => a.labels.map((l) => l.connotation)))
  return CONNOTATIONS.filter((c) => used.has(c))
}

/**
 * Where a diverging bar for a score in -1..+1 sits, as percentages of the track: it grows from
 * the middle to the left (hostile) or to the right (favourable). Out-of-range scores are clamped.
 */
export function divergingBar(score: number): {
  left: number
  width: number
  tone: 'hostile' | 'favourable' | 'neutral'
} {
  const s = Number.isFinite(score) ? Math.max(-1, Math.min(1, score)) : 0
  const width = Math.abs(s) * 50
  return {
    left: s < 0 ? 50 - width : 50,
    width,
    tone: s <= -0.05 ? 'hostile' : s >= 0.05 ? 'favourable' : 'neutral',
  }
}

/** "−0.27 · hostile", "+0.19 · favourable", "0.00 · neutral". */
export function describeScore(score: number): string {
  const { tone } = divergingBar(score)
  const sign = score > 0.005 ? '+' : score < -0.005 ? '−' : ''
  return `${sign}${Math.abs(score).toFixed(2)} · ${tone}`
}

/** The stance cues bearing on each actor, in text order; cues with no actor under `null`. */
export function cuesByActor(cues: readonly StanceCue[]): Map<string | null, StanceCue[]> {
  const out = new Map<string | null, StanceCue[]>()
  for (const c of [...cues].sort((a, b) => a.start - b.start)) {
    const list = out.get(c.actor) ?? []
    list.push(c)
    out.set(c.actor, list)
  }
  return out
}

/**
 * Actors in the order a researcher reads them: those the document takes a position on first
 * (largest |score| weighted by mentions), then by how often they are named.
 */
export function orderActors(actors: readonly Actor[]): Actor[] {
  const weight = (a: Actor) =>
    Math.abs(a.stance.score) * Math.log2(2 + (a.mentions ?? a.labels.length))
  const hostileLabels = (a: Actor) =>
    a.labels.filter((l) => l.connotation === 'delegitimising' || l.connotation === 'pejorative')
      .length
  return [...actors].sort(
    (a, b) =>
      Number(hostileLabels(b) > 0) - Number(hostileLabels(a) > 0) ||
      weight(b) - weight(a) ||
      (b.mentions ?? 0) - (a.mentions ?? 0) ||
      a.name.localeCompare(b.name),
  )
}

/** A phrase of the document around a span, for showing a cue in its context. */
export function contextAround(
  text: string,
  start: number,
  end: number,
  width = 40,
): { before: string; match: string; after: string } {
  const from = Math.max(0, start - width)
  const to = Math.min(text.length, end + width)
  // Cut at word boundaries so the snippet does not start mid-word.
  let before = text.slice(from, start)
  let after = text.slice(end, to)
  if (from > 0) before = `…${before.replace(/^\S*\s/, '')}`
  if (to < text.length) after = `${after.replace(/\s\S*$/, '')}…`
  return {
    before: before.replace(/\s+/g, ' '),
    match: text.slice(start, end),
    after: after.replace(/\s+/g, ' '),
  }
}

/** Whether a cue came from the researcher's own lexicon (its rule names the source). */
export function isUserRule(rule: string): boolean {
  return /^user-lexicon\b|\buser[- ]lexicon\b/i.test(rule)
}

/** The form of the lexicon editor: strings as typed, checked into a `LexiconEntry`. */
export interface LexiconDraft {
  term: string
  kind: LexiconKind
  actor: string
  connotation: Connotation | ''
  /** As typed; empty for "use the kind's default". */
  polarity: string
  note: string
}

export const EMPTY_DRAFT: LexiconDraft = {
  term: '',
  kind: 'loaded',
  actor: '',
  connotation: '',
  polarity: '',
  note: '',
}

export function draftOf(e: LexiconEntry): LexiconDraft {
  return {
    term: e.term,
    kind: e.kind,
    actor: e.actor ?? '',
    connotation: e.connotation ?? '',
    polarity: e.polarity === undefined ? '' : String(e.polarity),
    note: e.note ?? '',
  }
}

export type DraftErrors = Partial<Record<keyof LexiconDraft, string>>

/**
 * Checks a draft the way main will (`lexiconEntrySchema`), plus what the schema cannot say: an
 * actor label must name its actor. Returns the entry or the errors per field.
 */
export function checkDraft(
  d: LexiconDraft,
): { entry: LexiconEntry; errors: null } | { entry: null; errors: DraftErrors } {
  const errors: DraftErrors = {}
  const term = d.term.trim().replace(/\s+/g, ' ')
  if (!term) errors.term = 'Type the word or phrase to match.'
  else if (term.length > 200) errors.term = 'At most 200 characters.'
  if (!LEXICON_KINDS.includes(d.kind)) errors.kind = 'Choose a kind.'
  const actor = d.actor.trim()
  if (d.kind === 'actor-label' && !actor) errors.actor = 'Name the actor this label refers to.'
  if (actor.length > 200) errors.actor = 'At most 200 characters.'
  let polarity: number | undefined
  if (d.polarity.trim() !== '') {
    polarity = Number(d.polarity.trim().replace('−', '-'))
    if (!Number.isFinite(polarity) || polarity < -1 || polarity > 1) {
      errors.polarity = 'A number from −1 (hostile) to +1 (favourable).'
    }
  }
  if (d.note.length > 2000) errors.note = 'At most 2000 characters.'
  if (Object.keys(errors).length > 0) return { entry: null, errors }
  const candidate = {
    term,
    kind: d.kind,
    ...(actor ? { actor } : {}),
    ...(d.connotation ? { connotation: d.connotation } : {}),
    ...(polarity !== undefined ? { polarity } : {}),
    ...(d.note.trim() ? { note: d.note.trim() } : {}),
  } satisfies LexiconEntry
  try {
    return { entry: lexiconEntrySchema.parse(candidate), errors: null }
  } catch (err) {
    const field = err instanceof SchemaError ? (err.path as keyof LexiconDraft) : 'term'
    return { entry: null, errors: { [field]: err instanceof Error ? err.message : String(err) } }
  }
}

/** Whether two entries are the same slot in the lexicon (main replaces on same term and kind). */
export function sameEntry(
  a: Pick<LexiconEntry, 'term' | 'kind'>,
  b: Pick<LexiconEntry, 'term' | 'kind'>,
): boolean {
  return a.kind === b.kind && a.term.trim().toLowerCase() === b.term.trim().toLowerCase()
}

/** Entities sorted for the editor: most mentioned first, then by name. */
export function sortEntities(entities: readonly Entity[]): Entity[] {
  return [...entities].sort(
    (a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name),
  )
}

/**
 * The distinct wordings of an entity's mentions with their mentions, for the split dialog:
 * picking "Assad" moves every mention written "Assad".
 */
export function mentionWordings(e: Entity): { text: string; mentions: Entity['mentions'] }[] {
  const byText = new Map<string, Entity['mentions']>()
  for (const m of e.mentions) {
    const list = byText.get(m.text) ?? []
    list.push(m)
    byText.set(m.text, list)
  }
  return [...byText.entries()]
    .map(([text, mentions]) => ({ text, mentions }))
    .sort((a, b) => b.mentions.length - a.mentions.length || a.text.localeCompare(b.text))
}

/** Whether an `analysis.invalidated` event concerns this document. */
export function concernsDocument(docIds: string[] | 'all', docId: string): boolean {
  return docIds === 'all' || docIds.includes(docId)
}

/** The cues found in the headline, which the engine analyses on its own. */
export function headlineCues(analysis: Pick<DocumentAnalysis, 'stanceCues'>): StanceCue[] {
  return analysis.stanceCues.filter((c) => c.segmentRole === 'title')
}

/**
 * Where to take the reader for a sentence of evidence: the reader can only focus highlights, so
 * the first stance cue of this actor in the sentence, else any cue, else an entity mention, else
 * the sentence start (the reader then scrolls as near as it can).
 */
export function revealPoint(
  analysis: Pick<DocumentAnalysis, 'stanceCues' | 'entities'>,
  span: { start: number; end: number },
  actorId: string | null,
): number {
  const inside = (s: number) => s >= span.start && s < span.end
  const cues = analysis.stanceCues.filter((c) => inside(c.start)).sort((a, b) => a.start - b.start)
  const own = cues.find((c) => c.actor === actorId)
  if (own) return own.start
  if (cues[0]) return cues[0].start
  const mentions = analysis.entities
    .flatMap((e) => e.mentions)
    .filter((m) => inside(m.start))
    .sort((a, b) => a.start - b.start)
  return mentions[0]?.start ?? span.start
}
