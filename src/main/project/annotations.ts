import {
  annotationSchema,
  type Annotation,
  type AnnotationFigure,
  type AnnotationKind,
  type AnnotationStatus,
  type LinkRelation,
  type MachineLayer,
  type ReviewCorrection,
} from '../../shared/annotation'
import { SchemaError } from '../../shared/validate'
import { dropAnnotations } from './codebook'
import { effect, invalid, nowIso, plural, type ActionResult, type AnnotationState } from './state'

/** Adds an annotation after checking it (schema, unique id, known code, existing link targets). */
export function addAnnotation(state: AnnotationState, annotation: Annotation): ActionResult {
  const a = checked(annotation)
  if (state.annotations.some((x) => x.id === a.id)) invalid(`An annotation with id ${a.id} exists.`)
  requireKnownCode(state, a.code)
  for (const l of a.links) requireAnnotation(state, l.to)
  return {
    state: { ...state, annotations: [...state.annotations, a] },
    effect: effect(`Added ${describeKind(a.kind)}.`, { added: [a.id] }),
  }
}

/** The fields of an annotation a researcher may change. `null` clears an optional field. */
export interface AnnotationPatch {
  code?: string | null
  note?: string | null
  stance?: Annotation['stance'] | null
  figure?: AnnotationFigure | null
  correction?: ReviewCorrection | null
  status?: AnnotationStatus
  target?: Annotation['target']
  kind?: AnnotationKind
}

/** Changes one annotation. */
export function updateAnnotation(
  state: AnnotationState,
  id: string,
  patch: AnnotationPatch,
  now = nowIso(),
): ActionResult {
  const old = requireAnnotation(state, id)
  const next: Record<string, unknown> = { ...old, modified: now }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    if (value === null) delete next[key]
    else next[key] = value
  }
  const a = checked(next as unknown as Annotation)
  requireKnownCode(state, a.code)
  return {
    state: { ...state, annotations: state.annotations.map((x) => (x.id === id ? a : x)) },
    effect: effect(`Changed ${describeKind(a.kind)}.`, {
      changed: [id],
      recoded: old.code !== a.code && a.code !== undefined ? [id] : [],
      uncoded: old.code !== undefined && a.code === undefined ? [id] : [],
    }),
  }
}

/** Removes annotations and the links other annotations had to them. */
export function removeAnnotations(
  state: AnnotationState,
  ids: readonly string[],
  now = nowIso(),
): ActionResult {
  const gone = new Set(ids.filter((id) => state.annotations.some((a) => a.id === id)))
  const { annotations, unlinked } = dropAnnotations(state.annotations, gone, now)
  return {
    state: { ...state, annotations },
    effect: effect(`Deleted ${plural(gone.size, 'annotation')}.`, {
      deletedAnnotations: [...gone],
      changed: unlinked,
    }),
  }
}

/** What a researcher decides about a machine annotation. */
export type ReviewDecision = 'accepted' | 'rejected' | 'edited'

export interface MachineReview {
  /** The review annotation's id, used when it does not exist yet. */
  id: string
  layer: MachineLayer
  machineId: string
  target: Annotation['target']
  decision: ReviewDecision
  /** For an edited figure: the corrected reading (feeds figure reconciliation). */
  figure?: AnnotationFigure
  /** For an edited entity, attribution or stance cue: the part for its layer. */
  correction?: ReviewCorrection
  note?: string
  author: string
}

/** Which part of a correction each layer takes (figures take `figure`). */
const CORRECTION_PART = {
  entity: 'entity',
  attribution: 'attribution',
  stance: 'stanceCue',
} as const satisfies Record<Exclude<MachineLayer, 'figure'>, keyof ReviewCorrection>

/**
 * Checks that a review carries what its decision and layer need: an edit has the correction for
 * its own layer and nothing for another; an accept or reject carries no correction.
 */
function checkReview(review: MachineReview): void {
  const { layer, decision, figure, correction } = review
  if (decision !== 'edited') {
    if (figure || correction) invalid('Only an edited review carries a correction.')
    return
  }
  if (layer === 'figure') {
    if (!figure) invalid('An edited figure needs its corrected value and qualifier.')
    if (correction) invalid('A figure is corrected with its figure fields.')
    return
  }
  if (figure) invalid(`A machine ${layer} is not corrected with figure fields.`)
  const part = CORRECTION_PART[layer]
  const parts = Object.keys(correction ?? {})
  if (!correction?.[part] || parts.length !== 1) {
    invalid(`An edited machine ${layer} needs its correction (and only that).`)
  }
}

/**
 * Records a review of a machine annotation. One review annotation per machine item: a second
 * review updates it. Rejected items stay (hidden by the UI) so the decision survives re-analysis.
 */
export function reviewMachineAnnotation(
  state: AnnotationState,
  review: MachineReview,
  now = nowIso(),
): ActionResult {
  checkReview(review)
  // Machine ids are per document ("fig-0" in each): a review is found by document too.
  const existing = state.annotations.find(
    (a) =>
      a.kind === 'machine-review' &&
      a.target.docId === review.target.docId &&
      a.machineRef?.layer === review.layer &&
      a.machineRef.id === review.machineId,
  )
  if (existing) {
    // Re-correcting an entity names it as the analysis had it before the first correction: the
    // earlier rename is replaced by this one, so the name it produced is gone.
    const before = existing.status === 'edited' ? existing.correction?.entity?.was : undefined
    if (before !== undefined && review.correction?.entity) {
      review = { ...review, correction: { entity: { ...review.correction.entity, was: before } } }
    }
    const result = updateAnnotation(
      state,
      existing.id,
      {
        status: review.decision,
        // A decision replaces the previous one whole: an accept drops an earlier correction.
        figure: review.figure ?? null,
        correction: review.correction ?? null,
        note: review.note,
      },
      now,
    )
    return { ...result, effect: { ...result.effect, description: reviewText(review) } }
  }
  const annotation: Annotation = {
    id: review.id,
    target: review.target,
    kind: 'machine-review',
    machineRef: { layer: review.layer, id: review.machineId },
    status: review.decision,
    links: [],
    author: review.author,
    created: now,
    modified: now,
    ...(review.figure ? { figure: review.figure } : {}),
    ...(review.correction ? { correction: review.correction } : {}),
    ...(review.note !== undefined ? { note: review.note } : {}),
  }
  const result = addAnnotation(state, annotation)
  return { ...result, effect: { ...result.effect, description: reviewText(review) } }
}

/** Links two annotations (usually in different documents). Replaces an existing link between them. */
export function linkAnnotations(
  state: AnnotationState,
  fromId: string,
  toId: string,
  relation: LinkRelation,
  now = nowIso(),
): ActionResult {
  if (fromId === toId) invalid('An annotation cannot be linked to itself.')
  const from = requireAnnotation(state, fromId)
  requireAnnotation(state, toId)
  const links = [...from.links.filter((l) => l.to !== toId), { to: toId, relation }]
  const updated: Annotation = { ...from, links, modified: now }
  return {
    state: { ...state, annotations: state.annotations.map((a) => (a.id === fromId ? updated : a)) },
    effect: effect(`Linked two passages (${relation.replace('_', ' ')}).`, { changed: [fromId] }),
  }
}

/** Removes the link from one annotation to another. */
export function unlinkAnnotations(
  state: AnnotationState,
  fromId: string,
  toId: string,
  now = nowIso(),
): ActionResult {
  const from = requireAnnotation(state, fromId)
  const updated: Annotation = {
    ...from,
    links: from.links.filter((l) => l.to !== toId),
    modified: now,
  }
  return {
    state: { ...state, annotations: state.annotations.map((a) => (a.id === fromId ? updated : a)) },
    effect: effect('Removed a link.', { changed: [fromId] }),
  }
}

/** Filters for the annotation list; every given field must match. */
export interface AnnotationFilter {
  docIds?: readonly string[]
  /** Code ids; with `includeSubCodes` the caller passes the expanded set. */
  codes?: readonly string[]
  authors?: readonly string[]
  statuses?: readonly AnnotationStatus[]
  kinds?: readonly AnnotationKind[]
  /** Words that must all occur in the note, quote or stance target (case- and accent-blind). */
  text?: string
}

/** The annotations the list shows for a filter, in document order. */
export function filterAnnotations(
  annotations: readonly Annotation[],
  filter: AnnotationFilter,
): Annotation[] {
  const words = filter.text ? fold(filter.text).split(/\s+/).filter(Boolean) : []
  const inSet = <T>(list: readonly T[] | undefined, value: T | undefined) =>
    !list || list.length === 0 || (value !== undefined && list.includes(value))
  return annotations
    .filter(
      (a) =>
        inSet(filter.docIds, a.target.docId) &&
        inSet(filter.codes, a.code) &&
        inSet(filter.authors, a.author) &&
        inSet(filter.statuses, a.status) &&
        inSet(filter.kinds, a.kind) &&
        (words.length === 0 ||
          ((hay) => words.every((w) => hay.includes(w)))(
            fold(`${a.note ?? ''}\n${a.target.exact}\n${a.stance?.toward ?? ''}`),
          )),
    )
    .sort((x, y) =>
      x.target.docId === y.target.docId
        ? x.target.start - y.target.start || x.target.end - y.target.end
        : x.target.docId < y.target.docId
          ? -1
          : 1,
    )
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase()
}

function reviewText(r: MachineReview): string {
  const what = r.layer === 'attribution' ? 'attribution' : `${r.layer}`
  return r.decision === 'accepted'
    ? `Accepted machine ${what}.`
    : r.decision === 'rejected'
      ? `Rejected machine ${what} (kept, hidden).`
      : `Corrected machine ${what}.`
}

function describeKind(kind: AnnotationKind): string {
  return kind === 'machine-review' ? 'a review' : `a ${kind} annotation`
}

function requireAnnotation(state: AnnotationState, id: string): Annotation {
  return state.annotations.find((a) => a.id === id) ?? invalid(`No annotation with id ${id}.`)
}

function requireKnownCode(state: AnnotationState, code: string | undefined): void {
  if (code !== undefined && !state.codebook.some((c) => c.id === code)) {
    invalid(`No code with id ${code}.`)
  }
}

function checked(a: Annotation): Annotation {
  try {
    return annotationSchema.parse(a)
  } catch (err) {
    if (err instanceof SchemaError)
      invalid(`The annotation's ${err.path} should be ${err.expected}.`)
    throw err
  }
}
