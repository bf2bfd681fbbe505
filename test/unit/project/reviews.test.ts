import { describe, expect, it } from 'vitest'
import { applyReviews, intervalFor } from '../../../src/main/project/reviews'
import { projectWithFigures } from './fixtures'

describe('applyReviews', () => {
  it('drops rejected figures, applies corrections and adds the researcher’s figures', async () => {
    const { project, analyses } = await projectWithFigures()
    const b = applyReviews(analyses[1]!, project.annotations)
    expect(b.figures.map((f) => f.id)).toEqual(['fb1', 'fb2'])
    const corrected = b.figures.find((f) => f.id === 'fb2')!
    expect(corrected).toMatchObject({ value: -5, qualifier: 'about', confidence: 1 })
    expect(corrected.measure!.normalized).toBe('killed')
    expect(corrected.low).toBeCloseTo(-4.5)
    expect(corrected.evidence.at(-1)).toBe('corrected by Test Researcher')
    // The input analysis is not changed.
    expect(analyses[1]!.figures).toHaveLength(3)

    const a = applyReviews(analyses[0]!, project.annotations)
    const added = a.figures.find((f) => f.id === project.annotations[0]!.id)!
    expect(added).toMatchObject({
      value: 40,
      qualifier: 'at_least',
      low: 40,
      high: null,
      text: project.annotations[0]!.target.exact,
    })
    expect(added.source!.text).toBe('the Iranian media')
    expect(a.figures.map((f) => f.start)).toEqual(
      [...a.figures.map((f) => f.start)].sort((x, y) => x - y),
    )
  })

  it('derives intervals from qualifiers', () => {
    expect(intervalFor(40, 'at_least')).toEqual({ low: 40, high: null })
    expect(intervalFor(700, 'less_than')).toEqual({ low: null, high: 700 })
    expect(intervalFor(13, 'exact')).toEqual({ low: 13, high: 13 })
    expect(intervalFor(null, 'vague')).toEqual({ low: null, high: null })
  })
})
