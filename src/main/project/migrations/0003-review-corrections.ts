import type { Migration } from './index'

/**
 * Version 3 lets a review of a machine entity, attribution or stance cue carry its correction
 * (`annotations[].correction`: an entity renamed or retyped, a speaker or verb strength put right,
 * a cue re-kinded or struck out). Nothing of a version-2 file changes; the number moves so that
 * an older Parallax refuses a version-3 file ("saved by a newer version") instead of opening it
 * and dropping the corrections at the next save.
 */
export const migrateV2ToV3: Migration = {
  from: 2,
  to: 3,
  description: 'reviews of entities, attributions and stance cues can carry corrections',
  up: (data) => data,
}
