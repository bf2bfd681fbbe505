import { describe, expect, it } from 'vitest'
import { intervalScale } from './interval-scale'

describe('interval chart axis', () => {
  it('is linear from zero for comparable counts, with room past the largest bound for open ends', () => {
    const s = intervalScale(
      [
        { low: 630, high: 700 },
        { low: 693, high: 693 },
        { low: 700, high: null },
      ],
      300,
    )
    expect(s.isLog).toBe(false)
    expect(s.x(0)).toBeCloseTo(0)
    expect(s.x(700)).toBeLessThan(300 * 0.85)
    expect(s.x(630)).toBeLessThan(s.x(693))
    expect(s.ticks.length).toBeGreaterThanOrEqual(3)
    for (const t of s.ticks) expect(t.x).toBeGreaterThanOrEqual(0)
  })

  it('turns logarithmic when bounds span orders of magnitude, keeping order', () => {
    const s = intervalScale(
      [
        { low: 13, high: 13 },
        { low: 3000, high: null },
      ],
      300,
    )
    expect(s.isLog).toBe(true)
    expect(s.x(13)).toBeGreaterThan(0)
    expect(s.x(13)).toBeLessThan(s.x(100))
    expect(s.x(3000)).toBeLessThan(300)
    expect(s.ticks.map((t) => t.value)).toContain(100)
  })

  it('copes with a group whose figures have no finite bound', () => {
    const s = intervalScale([{ low: null, high: null }], 200)
    expect(s.ticks).toEqual([])
    expect(s.x(5)).toBe(100)
  })
})
