import { describe, expect, it } from 'vitest'
import type { DocumentRecord } from '../../../shared/document'
import { filterByTags, formatDate, sortRecords, tagCounts } from './records'

function rec(id: string, over: Partial<DocumentRecord>): DocumentRecord {
  return {
    id,
    title: id,
    outlet: null,
    author: null,
    published: null,
    fileName: `${id}.txt`,
    format: 'txt',
    encoding: 'utf-8',
    size: 1,
    importedAt: '2026-01-01T00:00:00Z',
    tags: [],
    wordCount: 1,
    warnings: [],
    ...over,
  }
}

const records = [
  rec('b', {
    title: 'Beta',
    outlet: 'Reuters',
    published: '2016-05-09',
    importedAt: '2026-01-02T00:00:00Z',
    tags: ['iran'],
  }),
  rec('a', {
    title: 'alpha',
    outlet: null,
    published: null,
    importedAt: '2026-01-03T00:00:00Z',
    tags: ['iran', 'syria'],
  }),
  rec('c', {
    title: 'Gamma 10',
    outlet: 'AP',
    published: '2015-11-11',
    importedAt: '2026-01-01T00:00:00Z',
  }),
]

describe('library list', () => {
  it('sorts by title, outlet, date and import time; missing values last', () => {
    const ids = (k: Parameters<typeof sortRecords>[1]) => sortRecords(records, k).map((r) => r.id)
    expect(ids('title')).toEqual(['a', 'b', 'c'])
    expect(ids('outlet')).toEqual(['c', 'b', 'a'])
    expect(ids('published')).toEqual(['b', 'c', 'a'])
    expect(ids('importedAt')).toEqual(['a', 'b', 'c'])
  })

  it('filters by every chosen tag and counts tags', () => {
    expect(filterByTags(records, ['iran']).map((r) => r.id)).toEqual(['b', 'a'])
    expect(filterByTags(records, ['iran', 'syria']).map((r) => r.id)).toEqual(['a'])
    expect(filterByTags(records, []).length).toBe(3)
    expect(tagCounts(records)).toEqual([
      { tag: 'iran', count: 2 },
      { tag: 'syria', count: 1 },
    ])
  })

  it('formats dates for the list', () => {
    expect(formatDate('2016-05-09')).toBe('9 May 2016')
    expect(formatDate('2015-11-11T10:00:00Z')).toBe('11 Nov 2015')
    expect(formatDate('2015-11')).toBe('Nov 2015')
    expect(formatDate('yesterday')).toBe('yesterday')
    expect(formatDate(null)).toBe('')
  })
})
