import type { DocumentAnalysis } from '../../../shared/analysis'
import type { Annotation, Code, LinkRelation, MachineLayer } from '../../../shared/annotation'
import { buildHighlights, type Highlight, type LayerId } from './highlights'

/** Which reader layer a machine review points into. */
export const MACHINE_LAYER_OF: Record<MachineLayer, LayerId> = {
  figure: 'figures',
  entity: 'entities',
  attribution: 'attributions',
  stance: 'stance',
}

/** Colour of an annotation without a code (Mantine indigo 6, the app's accent). */
export const UNCODED_COLOUR = '#4c6ef5'

/** Words for link relations, in the card, the legend and the link dialog. */
export const RELATION_LABELS: Record<LinkRelation, string> = {
  same_claim: 'same claim',
  contradicts: 'contradicts',
  supports: 'supports',
  derived_from: 'derived from',
}

/**
 * Whether an annotation is drawn as a mark. Machine reviews change the machine highlight they
 * review instead; orphaned ones have stale offsets (the panel lists them); rejected ones stay
 * hidden but kept.
 */
export function isDrawn(a: Annotation): boolean {
  return a.kind !== 'machine-review' && a.status !== 'rejected' && !a.target.isOrphaned
}

/** The researcher's annotations on `docId` as highlights of the `annotations` layer. */
export function buildAnnotationHighlights(
  annotations: readonly Annotation[],
  docId: string,
  codes: ReadonlyMap<string, Code>,
): Highlight[] {
  const out: Highlight[] = []
  for (const a of annotations) {
    if (a.target.docId !== docId || !isDrawn(a) || a.target.end <= a.target.start) continue
    out.push({
      key: `n:${a.id}`,
      layer: 'annotations',
      start: a.target.start,
      end: a.target.end,
      variant: a.kind,
      targetId: a.id,
      colour: (a.code ? codes.get(a.code)?.colour : undefined) ?? UNCODED_COLOUR,
    })
  }
  return out
}

/** A machine item a researcher rejected: its highlights over [start, end) are hidden. */
export interface RejectedItem {
  layer: LayerId
  id: string
  start: number
  end: number
}

/**
 * Whether a review takes its machine item off the page: a rejection, or a stance cue corrected
 * as "not a cue" (the words stay, the researcher says they carry no stance; the review keeps
 * the correction, so it is an edit and not a rejection).
 */
export function hidesMachineItem(a: Annotation): boolean {
  if (a.kind !== 'machine-review' || !a.machineRef) return false
  if (a.status === 'rejected') return true
  return (
    a.status === 'edited' &&
    a.machineRef.layer === 'stance' &&
    a.correction?.stanceCue?.isNotCue === true
  )
}

/** The machine items of `docId` its reviews hide (see `hidesMachineItem`). */
export function rejectedItems(annotations: readonly Annotation[], docId: string): RejectedItem[] {
  const out: RejectedItem[] = []
  for (const a of annotations) {
    if (!hidesMachineItem(a) || !a.machineRef) continue
    if (a.target.docId !== docId) continue
    out.push({
      layer: MACHINE_LAYER_OF[a.machineRef.layer],
      id: a.machineRef.id,
      start: a.target.start,
      end: a.target.end,
    })
  }
  return out
}

/**
 * Drops the highlights a rejection covers: same layer, same analysis id, and a span that
 * overlaps the review's target. The overlap matters for entities, whose mentions share the
 * entity's id: rejecting one mention must leave the others. A zero-length target counts as
 * covering the character at its start.
 */
export function hideRejected(
  highlights: readonly Highlight[],
  rejected: readonly RejectedItem[],
): Highlight[] {
  if (rejected.length === 0) return [...highlights]
  const byKey = new Map<string, RejectedItem[]>()
  for (const r of rejected) {
    const key = `${r.layer}:${r.id}`
    const list = byKey.get(key)
    if (list) list.push(r)
    else byKey.set(key, [r])
  }
  return highlights.filter((h) => {
    const hits = byKey.get(`${h.layer}:${h.targetId}`)
    if (!hits) return true
    return !hits.some((r) => h.start < Math.max(r.end, r.start + 1) && h.end > r.start)
  })
}

/** What the annotation layer needs besides the analysis. */
export interface AnnotationInput {
  /** Every annotation of the project (rejected ones and reviews too). */
  annotations: readonly Annotation[]
  codes: ReadonlyMap<string, Code>
}

/**
 * All highlights of one document: the machine layers minus what the researcher rejected, plus
 * the researcher's annotations, sorted like `buildHighlights` (start, then longest first).
 */
export function buildDocumentHighlights(
  analysis: DocumentAnalysis | null,
  docId: string,
  visible: ReadonlySet<LayerId>,
  input: AnnotationInput,
): Highlight[] {
  const machine = analysis ? buildHighlights(analysis, visible) : []
  const kept = hideRejected(machine, rejectedItems(input.annotations, docId))
  if (!visible.has('annotations')) return kept
  return [...kept, ...buildAnnotationHighlights(input.annotations, docId, input.codes)].sort(
    (a, b) => a.start - b.start || b.end - a.end || a.key.localeCompare(b.key),
  )
}

/** A link as the card shows it, seen from one of its two ends. */
export interface LinkView {
  /** The annotation holding the link (`annotations.unlink(from, to)` removes it). */
  from: string
  to: string
  relation: LinkRelation
  /** The annotation at the other end. */
  other: Annotation
  /** true when the link is stored on the other annotation (it points here). */
  isIncoming: boolean
}

/** Lookups the annotation card and the link lines share. */
export interface AnnotationLookup {
  byId: ReadonlyMap<string, Annotation>
  codes: ReadonlyMap<string, Code>
  /** Document titles by id, for "contradicts → <title>". */
  titles: ReadonlyMap<string, string>
  /** Edited figure reviews by `figures:<machine id>@<docId>`: the researcher's corrected reading. */
  corrections: ReadonlyMap<string, Annotation>
  /** Links by annotation id, both the ones it holds and the ones pointing at it. */
  links: ReadonlyMap<string, LinkView[]>
}

/** The key of `corrections` for a machine item of one document (machine ids repeat per document). */
export function correctionKey(layer: LayerId, id: string, docId: string): string {
  return `${layer}:${id}@${docId}`
}

/** Indexes annotations for the card: by id, corrections by machine item, links both ways. */
export function indexAnnotations(
  annotations: readonly Annotation[],
  codes: ReadonlyMap<string, Code>,
  titles: ReadonlyMap<string, string>,
): AnnotationLookup {
  const byId = new Map(annotations.map((a) => [a.id, a]))
  const corrections = new Map<string, Annotation>()
  const links = new Map<string, LinkView[]>()
  const add = (id: string, view: LinkView) => {
    const list = links.get(id)
    if (list) list.push(view)
    else links.set(id, [view])
  }
  for (const a of annotations) {
    if (a.kind === 'machine-review' && a.status === 'edited' && a.machineRef) {
      const layer = MACHINE_LAYER_OF[a.machineRef.layer]
      corrections.set(correctionKey(layer, a.machineRef.id, a.target.docId), a)
    }
    for (const l of a.links) {
      const other = byId.get(l.to)
      if (!other) continue
      add(a.id, { from: a.id, to: l.to, relation: l.relation, other, isIncoming: false })
      add(l.to, { from: a.id, to: l.to, relation: l.relation, other: a, isIncoming: true })
    }
  }
  return { byId, codes, titles, corrections, links }
}

/** One annotation link whose two ends are both shown as columns. */
export interface ColumnLink {
  key: string
  from: { id: string; doc: number; start: number }
  to: { id: string; doc: number; start: number }
  relation: LinkRelation
}

/**
 * The annotation links to draw in a comparison: both ends drawn (see `isDrawn`) and in columns
 * of different documents. `docIds[doc]` is the document shown in column `doc`.
 */
export function columnLinks(
  annotations: readonly Annotation[],
  docIds: readonly string[],
): ColumnLink[] {
  const column = new Map(docIds.map((id, doc) => [id, doc]))
  const byId = new Map(annotations.map((a) => [a.id, a]))
  const out: ColumnLink[] = []
  for (const a of annotations) {
    const fromDoc = column.get(a.target.docId)
    if (fromDoc === undefined || !isDrawn(a)) continue
    for (const l of a.links) {
      const b = byId.get(l.to)
      const toDoc = b ? column.get(b.target.docId) : undefined
      if (!b || toDoc === undefined || toDoc === fromDoc || !isDrawn(b)) continue
      out.push({
        key: `${a.id}>${b.id}`,
        from: { id: a.id, doc: fromDoc, start: a.target.start },
        to: { id: b.id, doc: toDoc, start: b.target.start },
        relation: l.relation,
      })
    }
  }
  return out
}
