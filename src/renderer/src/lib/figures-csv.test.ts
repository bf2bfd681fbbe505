import { describe, expect, it } from 'vitest'
import type { Figure } from '../../../shared/analysis'
import { compareFigures, csvCell, FIGURE_COLUMNS, figuresToCsv } from './figures-csv'

function fig(over: Partial<Figure>): Figure {
  return {
    id: 'f',
    start: 0,
    end: 1,
    text: '1',
    segmentRole: 'body',
    value: 1,
    low: 1,
    high: 1,
    qualifier: 'exact',
    qualifierText: null,
    kind: 'count',
    unit: null,
    measure: null,
    subject: null,
    timeScope: null,
    location: null,
    source: null,
    sentence: { start: 0, end: 1 },
    evidence: [],
    confidence: 1,
    ...over,
  }
}

describe('figures CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('About 2,000')).toBe('"About 2,000"')
    expect(csvCell('the “rebels” said "no"')).toBe('"the “rebels” said ""no"""')
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell(null)).toBe('')
    expect(csvCell(-3)).toBe('-3')
  })

  it('writes a header and one row per figure that a CSV reader can split back', () => {
    const figures = [
      fig({
        id: 'a',
        text: 'at least 700',
        value: 700,
        low: 700,
        high: null,
        qualifier: 'at_least',
      }),
      fig({
        id: 'b',
        text: 'About 2,000',
        value: 2000,
        low: 1800,
        high: 2200,
        qualifier: 'about',
        source: { start: 0, end: 4, text: 'IISS, London' },
      }),
    ]
    const csv = figuresToCsv(figures)
    const lines = csv.split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(3)
    expect(lines[0]?.split(',')).toEqual(FIGURE_COLUMNS.map((c) => c.label))
    // A minimal RFC 4180 reader: the cells come back as written.
    const parse = (line: string) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
        .map((m) => m[1]?.replace(/^"|"$/g, '').replace(/""/g, '"'))
        .slice(0, FIGURE_COLUMNS.length)
    const row = parse(lines[2] ?? '')
    expect(row[0]).toBe('About 2,000')
    expect(row[1]).toBe('2000')
    expect(row[4]).toBe('about')
    expect(row[11]).toBe('IISS, London')
    expect(parse(lines[1] ?? '')[3]).toBe('')
  })

  it('sorts numbers numerically and puts empty cells last', () => {
    const figures = [
      fig({ id: 'x', value: 700 }),
      fig({ id: 'y', value: null }),
      fig({ id: 'z', value: 13 }),
    ]
    const sorted = [...figures].sort((a, b) => compareFigures(a, b, 'value'))
    expect(sorted.map((f) => f.id)).toEqual(['z', 'x', 'y'])
    const descending = [...figures].sort((a, b) => compareFigures(a, b, 'value', -1))
    expect(descending.map((f) => f.id)).toEqual(['x', 'z', 'y'])
  })
})
