/** Anything that covers [start, end) of a document's text. */
export interface Span {
  start: number
  end: number
}

/**
 * Finds the spans overlapping a range without scanning them all (a paragraph asks only for its
 * own), like the reader's HighlightIndex but for any span type.
 */
export class SpanIndex<T extends Span> {
  readonly sorted: readonly T[]
  private readonly maxLength: number

  constructor(spans: readonly T[]) {
    this.sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start)
    this.maxLength = this.sorted.reduce((m, s) => Math.max(m, s.end - s.start), 0)
  }

  /** Spans overlapping [start, end). */
  overlapping(start: number, end: number): T[] {
    let lo = 0
    let hi = this.sorted.length
    const from = start - this.maxLength
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.sorted[mid]?.start ?? 0) < from) lo = mid + 1
      else hi = mid
    }
    const out: T[] = []
    for (let i = lo; i < this.sorted.length; i++) {
      const s = this.sorted[i]
      if (!s || s.start >= end) break
      if (s.end > start) out.push(s)
    }
    return out
  }
}

/** A stretch of text with the same highlights and the same links over all of it. */
export interface MixedRun<H, L> {
  start: number
  end: number
  highlights: H[]
  links: L[]
}

/**
 * Tiles [start, end) with runs where neither the set of highlights nor the set of links
 * changes, so a figure inside an aligned claim sentence renders as flat, non-nested elements.
 */
export function splitMixedRuns<H extends Span, L extends Span>(
  start: number,
  end: number,
  highlights: readonly H[],
  links: readonly L[],
): MixedRun<H, L>[] {
  const cuts = new Set<number>([start, end])
  for (const s of [...highlights, ...links]) {
    if (s.start > start && s.start < end) cuts.add(s.start)
    if (s.end > start && s.end < end) cuts.add(s.end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const runs: MixedRun<H, L>[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i] as number
    const e = points[i + 1] as number
    runs.push({
      start: s,
      end: e,
      highlights: highlights.filter((h) => h.start < e && h.end > s),
      links: links.filter((l) => l.start < e && l.end > s),
    })
  }
  return runs
}
