import { describe, expect, it } from 'vitest'
import { SpanIndex, splitMixedRuns } from './spans'

// A small deterministic generator so a failure can be replayed.
function random(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s / 2 ** 31
  }
}

describe('span index and mixed runs', () => {
  it('finds exactly the spans a linear scan finds', () => {
    const next = random(7)
    const spans = Array.from({ length: 400 }, (_, i) => {
      const start = Math.floor(next() * 5000)
      return { start, end: start + 1 + Math.floor(next() * 300), id: i }
    })
    const index = new SpanIndex(spans)
    for (let q = 0; q < 200; q++) {
      const start = Math.floor(next() * 5000)
      const end = start + Math.floor(next() * 400)
      const expected = spans
        .filter((s) => s.start < end && s.end > start)
        .map((s) => s.id)
        .sort((a, b) => a - b)
      const got = index
        .overlapping(start, end)
        .map((s) => s.id)
        .sort((a, b) => a - b)
      expect(got).toEqual(expected)
    }
  })

  it('tiles a paragraph with flat runs that carry every covering highlight and link', () => {
    const highlights = [{ start: 10, end: 20 }]
    const links = [
      { start: 0, end: 40, key: 'c1' },
      { start: 12, end: 20, key: 'q0' },
    ]
    const runs = splitMixedRuns(0, 40, highlights, links)
    expect(runs.map((r) => [r.start, r.end])).toEqual([
      [0, 10],
      [10, 12],
      [12, 20],
      [20, 40],
    ])
    expect(runs[2]?.links.map((l) => l.key)).toEqual(['c1', 'q0'])
    expect(runs[2]?.highlights).toHaveLength(1)
    expect(runs[0]?.highlights).toHaveLength(0)
  })
})
