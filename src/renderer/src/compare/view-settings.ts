import { LAYERS, type LayerId } from '../lib/highlights'

export const INSIGHT_TABS = [
  'figures',
  'inconsistencies',
  'claims',
  'sources',
  'labels',
  'derivation',
] as const
export type InsightTab = (typeof INSIGHT_TABS)[number]

/**
 * How a comparison is laid out, saved with it (`ComparisonSetup.view`). Plain data only: it is
 * written to the workspace and to project files, and read back from whatever an older or newer
 * version wrote, so every field is checked on the way in.
 */
export interface ViewSettings {
  /** Column widths as shares of the columns area, one per document, summing to 1. */
  widths: number[]
  layers: LayerId[]
  isSyncScroll: boolean
  /** Sentences aligned as claims answer hover, not just figures and actor labels. */
  isClaimLinks: boolean
  tab: InsightTab
  isInsightsOpen: boolean
}

/** Narrowest a column may get, as a share of the area (six columns of about 1/6 each fit). */
export const MIN_COLUMN_SHARE = 0.08

/** Equal widths for `count` columns. */
export function equalWidths(count: number): number[] {
  return Array.from({ length: count }, () => 1 / count)
}

/** Scales positive widths to sum to 1; anything unusable becomes equal widths. */
export function normalizeWidths(widths: readonly number[], count: number): number[] {
  if (widths.length !== count || count === 0) return equalWidths(count)
  if (widths.some((w) => !Number.isFinite(w) || w <= 0)) return equalWidths(count)
  const sum = widths.reduce((s, w) => s + w, 0)
  return widths.map((w) => w / sum)
}

/** The settings a comparison opens with before the researcher changes anything. */
export function defaultViewSettings(count: number): ViewSettings {
  return {
    widths: equalWidths(count),
    layers: [...LAYERS],
    isSyncScroll: false,
    isClaimLinks: true,
    tab: 'figures',
    isInsightsOpen: true,
  }
}

/** Reads saved settings for `count` columns; missing or malformed fields take their defaults. */
export function parseViewSettings(raw: unknown, count: number): ViewSettings {
  const d = defaultViewSettings(count)
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return d
  const o = raw as Record<string, unknown>
  const widths = Array.isArray(o.widths)
    ? normalizeWidths(
        o.widths.map((w) => (typeof w === 'number' ? w : Number.NaN)),
        count,
      )
    : d.widths
  const layers = Array.isArray(o.layers)
    ? LAYERS.filter((l) => (o.layers as unknown[]).includes(l))
    : d.layers
  const tab = INSIGHT_TABS.find((t) => t === o.tab) ?? d.tab
  return {
    widths,
    layers,
    isSyncScroll: typeof o.isSyncScroll === 'boolean' ? o.isSyncScroll : d.isSyncScroll,
    isClaimLinks: typeof o.isClaimLinks === 'boolean' ? o.isClaimLinks : d.isClaimLinks,
    tab,
    isInsightsOpen: typeof o.isInsightsOpen === 'boolean' ? o.isInsightsOpen : d.isInsightsOpen,
  }
}

/** The settings as the plain object `comparisons.save` stores. */
export function serializeViewSettings(s: ViewSettings): Record<string, unknown> {
  return {
    widths: s.widths.map((w) => Math.round(w * 10_000) / 10_000),
    layers: [...s.layers],
    isSyncScroll: s.isSyncScroll,
    isClaimLinks: s.isClaimLinks,
    tab: s.tab,
    isInsightsOpen: s.isInsightsOpen,
  }
}

/**
 * Moves the boundary between column `left` and `left + 1` by `delta` (a share of the area),
 * keeping both at least MIN_COLUMN_SHARE wide and every other column as it was.
 */
export function resizeColumns(widths: readonly number[], left: number, delta: number): number[] {
  const a = widths[left]
  const b = widths[left + 1]
  if (a === undefined || b === undefined) return [...widths]
  const pair = a + b
  const min = Math.min(MIN_COLUMN_SHARE, pair / 2)
  const nextA = Math.max(min, Math.min(pair - min, a + delta))
  const out = [...widths]
  out[left] = nextA
  out[left + 1] = pair - nextA
  return out
}
