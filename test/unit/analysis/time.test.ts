import { describe, expect, it } from 'vitest'
import { findTime } from '../../../src/main/analysis/time'

describe('a date after "on", "in" or "by" is a point in time', () => {
  it.each([
    ['Dozens were killed on May 5', 'on May 5', 19],
    // A line break before "on" (a wrapped line in a text file) is not part of the scope.
    ['Dozens were killed\non May 5', 'on May 5', 19],
    ['Dozens were killed\u2028on May 5', 'on May 5', 19],
  ])('%j', (sentence, text, start) => {
    const scope = findTime(sentence, 100, '2016-05-08').scopes.find((s) => s.type === 'point')
    expect(scope).toMatchObject({ text, start: 100 + start, end: 100 + sentence.length })
    expect(scope?.from).toBe('2016-05-05')
  })
})
