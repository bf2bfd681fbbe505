import { SpanIndex, type Span } from '../lib/span-index'

export { SpanIndex, type Span }

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
