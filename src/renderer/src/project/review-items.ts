import type {
  Attribution,
  DocumentAnalysis,
  Entity,
  Figure,
  StanceCue,
} from '../../../shared/analysis'
import type { Annotation, MachineLayer } from '../../../shared/annotation'

/** One machine item of any layer, as the review queue and the review actions show it. */
export type ReviewItem = {
  docId: string
  machineId: string
  /** The span a review of it anchors to. */
  start: number
  end: number
  /** The sentence it is in, for context. */
  sentence: { start: number; end: number }
} & (
  | { layer: 'figure'; figure: Figure }
  | { layer: 'entity'; entity: Entity }
  | { layer: 'attribution'; attribution: Attribution }
  | { layer: 'stance'; cue: StanceCue; actorName: string | null }
)

/** Key of a review: machine ids repeat across documents ("fig-0" in each). */
export function reviewKey(docId: string, layer: MachineLayer, machineId: string): string {
  return `${docId}\u0000${layer}\u0000${machineId}`
}

/** The project's machine reviews by `reviewKey`. */
export function reviewsByKey(annotations: readonly Annotation[]): Map<string, Annotation> {
  const out = new Map<string, Annotation>()
  for (const a of annotations) {
    if (a.kind === 'machine-review' && a.machineRef)
      out.set(reviewKey(a.target.docId, a.machineRef.layer, a.machineRef.id), a)
  }
  return out
}

/** The sentence around `offset` (binary search over the analysis's sorted sentences). */
export function sentenceAt(
  sentences: readonly { start: number; end: number }[],
  start: number,
  end: number,
): { start: number; end: number } {
  let lo = 0
  let hi = sentences.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = sentences[mid]!
    if (s.end <= start) lo = mid + 1
    else if (s.start > start) hi = mid - 1
    else return { start: s.start, end: Math.max(s.end, end) }
  }
  return { start, end }
}

/** Every machine item of one layer of a document, in text order. */
export function reviewItems(analysis: DocumentAnalysis, layer: MachineLayer): ReviewItem[] {
  const docId = analysis.docId
  const at = (start: number, end: number) => sentenceAt(analysis.sentences, start, end)
  switch (layer) {
    case 'figure':
      return analysis.figures.map((figure) => ({
        layer,
        docId,
        machineId: figure.id,
        start: figure.start,
        end: figure.end,
        sentence: figure.sentence,
        figure,
      }))
    case 'entity':
      return analysis.entities
        .filter((e) => e.mentions.length > 0)
        .map((entity) => {
          const first = entity.mentions.reduce((x, y) => (y.start < x.start ? y : x))
          return {
            layer,
            docId,
            machineId: entity.id,
            start: first.start,
            end: first.end,
            sentence: at(first.start, first.end),
            entity,
          }
        })
        .sort((x, y) => x.start - y.start)
    case 'attribution':
      return analysis.attributions.map((attribution) => {
        const parts = [attribution.speaker, attribution.verb, attribution.content].filter(
          (s) => s !== null,
        )
        const start = Math.min(...parts.map((s) => s.start))
        const end = Math.max(...parts.map((s) => s.end))
        return {
          layer,
          docId,
          machineId: attribution.id,
          start,
          end,
          sentence: attribution.sentence,
          attribution,
        }
      })
    case 'stance': {
      const actors = new Map(analysis.actors.map((a) => [a.id, a.name]))
      return analysis.stanceCues.map((cue) => ({
        layer,
        docId,
        machineId: cue.id,
        start: cue.start,
        end: cue.end,
        sentence: at(cue.start, cue.end),
        cue,
        actorName: cue.actor === null ? null : (actors.get(cue.actor) ?? cue.actor),
      }))
    }
  }
}

/** The item of `layer` with `machineId` in an analysis, or undefined when it is gone. */
export function findReviewItem(
  analysis: DocumentAnalysis,
  layer: MachineLayer,
  machineId: string,
): ReviewItem | undefined {
  return reviewItems(analysis, layer).find((i) => i.machineId === machineId)
}

/** What the machine says about an item, in one line. */
export function machineSays(item: ReviewItem): string {
  switch (item.layer) {
    case 'figure': {
      const f = item.figure
      const parts = [
        // A vague amount ("several", "dozens") has no value: say so once, with its interval.
        f.value === null
          ? `vague${f.low !== null ? ` (${f.low}–${f.high ?? '…'})` : ''}${f.unit ? ` ${f.unit}` : ''}`
          : `${f.qualifier.replace(/_/g, ' ')} ${f.value}${f.unit ? ` ${f.unit}` : ''}`,
        f.kind,
      ]
      if (f.measure) parts.push(`measure: ${f.measure.normalized}`)
      if (f.subject) parts.push(`subject: ${f.subject.text}`)
      if (f.timeScope) parts.push(`scope: ${f.timeScope.text}`)
      if (f.location) parts.push(`where: ${f.location.text}`)
      if (f.source) parts.push(`source: ${f.source.text}`)
      return parts.join(' · ')
    }
    case 'entity': {
      const e = item.entity
      const aliases = e.aliases.length > 0 ? ` · also: ${e.aliases.join(', ')}` : ''
      return `${e.name} (${e.type})${aliases} · ${e.mentions.length} mention${e.mentions.length === 1 ? '' : 's'}`
    }
    case 'attribution': {
      const a = item.attribution
      const verb = a.verb ? ` ${a.verb.text}` : ''
      const strength = a.verbStrength ? ` (${a.verbStrength})` : ''
      return `${a.speaker?.text ?? 'no speaker'}${verb}${strength} · ${a.kind.replace(/_/g, ' ')}: “${clip(a.content.text, 120)}”`
    }
    case 'stance': {
      const c = item.cue
      const actor = item.actorName ? ` · toward ${item.actorName}` : ''
      return `${c.kind.replace(/_/g, ' ')} · polarity ${c.polarity}${actor}${c.connotation ? ` · ${c.connotation}` : ''}`
    }
  }
}

/** The words an item highlights: the figure, the entity's first mention, the speaker, the cue. */
export function itemText(item: ReviewItem): string {
  switch (item.layer) {
    case 'figure':
      return item.figure.text
    case 'entity':
      return item.entity.name
    case 'attribution':
      return item.attribution.speaker?.text ?? item.attribution.verb?.text ?? 'quote'
    case 'stance':
      return item.cue.text
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
