import { describe, expect, it } from 'vitest'
import {
  defaultViewSettings,
  MIN_COLUMN_SHARE,
  parseViewSettings,
  resizeColumns,
  serializeViewSettings,
} from './view-settings'

describe('comparison view settings', () => {
  it('round-trips through the plain object the workspace stores (via JSON)', () => {
    const s = {
      ...defaultViewSettings(3),
      widths: [0.5, 0.3, 0.2],
      layers: ['figures' as const, 'stance' as const],
      isSyncScroll: true,
      tab: 'claims' as const,
      isInsightsOpen: false,
    }
    const stored: unknown = JSON.parse(JSON.stringify(serializeViewSettings(s)))
    expect(parseViewSettings(stored, 3)).toEqual(s)
  })

  it('falls back field by field on malformed or foreign data', () => {
    const parsed = parseViewSettings(
      { widths: [1, 'x', 2], layers: ['figures', 'nope'], tab: 'bogus', isSyncScroll: 'yes' },
      3,
    )
    expect(parsed.widths).toEqual([1 / 3, 1 / 3, 1 / 3])
    expect(parsed.layers).toEqual(['figures'])
    expect(parsed.tab).toBe('figures')
    expect(parsed.isSyncScroll).toBe(false)
    expect(parseViewSettings(null, 2)).toEqual(defaultViewSettings(2))
    expect(parseViewSettings([1, 2], 2)).toEqual(defaultViewSettings(2))
  })

  it('resets widths saved for another number of columns and normalises the rest', () => {
    expect(parseViewSettings({ widths: [0.5, 0.5] }, 3).widths).toHaveLength(3)
    const w = parseViewSettings({ widths: [2, 1, 1] }, 3).widths
    expect(w[0]).toBeCloseTo(0.5)
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1)
  })

  it('moves only the dragged boundary and never below the minimum share', () => {
    const start = [0.25, 0.25, 0.25, 0.25]
    const moved = resizeColumns(start, 1, 0.1)
    expect(moved[1]).toBeCloseTo(0.35)
    expect(moved[2]).toBeCloseTo(0.15)
    expect(moved[0]).toBe(0.25)
    expect(moved[3]).toBe(0.25)
    const squeezed = resizeColumns(start, 1, 10)
    expect(squeezed[2]).toBeCloseTo(MIN_COLUMN_SHARE)
    expect(squeezed.reduce((a, b) => a + b, 0)).toBeCloseTo(1)
    expect(resizeColumns(start, 3, 0.1)).toEqual(start)
  })
})
