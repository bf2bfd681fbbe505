/** Anything that covers [start, end) of a document's text. */
export interface Span {
  start: number
  end: number
}

/**
 * Finds the spans overlapping a range without scanning them all: a paragraph asks only for its
 * own, so a long document costs O(log n) per paragraph. Used by the reader (highlights) and the
 * comparison columns (highlights and counterpart links).
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
