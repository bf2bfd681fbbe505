import { LAYERS, type LayerId } from '../lib/highlights'
import { parseViewSettings, type ViewSettings } from '../compare/view-settings'

/** The layers of the versions that saved no `knownLayers`. */
const LEGACY_LAYERS: readonly LayerId[] = ['figures', 'entities', 'attributions', 'stance']

/**
 * Reads a comparison's saved view. Settings saved before a layer existed list the layers on at
 * the time, so a newer layer (the annotations layer) would read as switched off. The saved view
 * also records which layers the app knew (`knownLayers`); a layer it did not know opens switched
 * on, as in a new comparison.
 */
export function readViewSettings(view: Record<string, unknown>, count: number): ViewSettings {
  const parsed = parseViewSettings(view, count)
  if (!Array.isArray(view.layers)) return parsed
  const known: readonly unknown[] = Array.isArray(view.knownLayers)
    ? view.knownLayers
    : LEGACY_LAYERS
  return {
    ...parsed,
    layers: LAYERS.filter((l) => parsed.layers.includes(l) || !known.includes(l)),
  }
}

/** The serialised view plus the layers this version knows (see `readViewSettings`). */
export function withKnownLayers(view: Record<string, unknown>): Record<string, unknown> {
  return { ...view, knownLayers: [...LAYERS] }
}
