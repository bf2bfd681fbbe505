import type { Attribution } from '../../shared/analysis'

// Quotes are capped at 3000 characters and other contents are one sentence, so an attribution
// containing an offset starts at most this far before it.
const MAX_CONTENT = 20_000

/**
 * An index over attributions: which ones contain [start, end) in their content. Binary search on
 * the sorted starts, so looking up every figure of a long document stays linear-ish.
 */
export function containmentIndex(
  attrs: readonly Attribution[],
): (start: number, end: number) => Attribution[] {
  const sorted = [...attrs].sort((a, b) => a.content.start - b.content.start)
  const n = sorted.length
  const starts = new Float64Array(n)
  const ends = new Float64Array(n)
  // For each attribution, the nearest one before it (in start order) whose content ends later,
  // or -1: the ones in between end no later, so a lookup they cannot answer skips them at once.
  const endsLaterBefore = new Int32Array(n)
  const stack: number[] = []
  for (let i = 0; i < n; i++) {
    const c = sorted[i]!.content
    starts[i] = c.start
    ends[i] = c.end
    while (stack.length > 0 && ends[stack[stack.length - 1]!]! <= c.end) stack.pop()
    endsLaterBefore[i] = stack.length > 0 ? stack[stack.length - 1]! : -1
    stack.push(i)
  }
  return (start, end) => {
    let lo = 0
    let hi = n
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (starts[mid]! <= start) lo = mid + 1
      else hi = mid
    }
    const out: Attribution[] = []
    for (let i = lo - 1; i >= 0 && starts[i]! >= start - MAX_CONTENT;) {
      if (ends[i]! >= end) {
        out.push(sorted[i]!)
        i--
      } else i = endsLaterBefore[i]!
    }
    return out
  }
}
