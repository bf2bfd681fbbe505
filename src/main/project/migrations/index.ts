import { ParallaxError } from '../../../shared/errors'
import { PROJECT_SCHEMA_VERSION } from '../../../shared/project'
import { migrateV1ToV2 } from './0002-selectors-and-comparisons'
import { migrateV2ToV3 } from './0003-review-corrections'

/**
 * One step between schema versions. Steps are numbered by the version they produce (Tropy's
 * habit) and each works on plain JSON data, never on the current types, so old steps keep
 * compiling as the model moves on. Each has a fixture file of the version it reads
 * (`test/fixtures/project/v<from>-*.parallax`).
 */
export interface Migration {
  from: number
  to: number
  /** What the step changes, in words (shown as "Upgraded from version 1: …"). */
  description: string
  /** Returns the data at version `to`. `fileName` names the file in errors. */
  up(data: Record<string, unknown>, fileName: string): Record<string, unknown>
}

export const MIGRATIONS: readonly Migration[] = [migrateV1ToV2, migrateV2ToV3]

/** The oldest schema version the app can still open. */
export const OLDEST_SCHEMA_VERSION = 1

/** Runs every step from `fromVersion` to the current version, in memory. */
export function migrate(
  data: Record<string, unknown>,
  fromVersion: number,
  fileName: string,
): { data: Record<string, unknown>; applied: Migration[] } {
  const applied: Migration[] = []
  let version = fromVersion
  let current = data
  while (version < PROJECT_SCHEMA_VERSION) {
    const step = MIGRATIONS.find((m) => m.from === version)
    if (!step) {
      throw new ParallaxError(
        'invalid-project',
        `This project uses schema version ${version}, which this version of Parallax can no longer read.`,
        fileName,
      )
    }
    current = { ...step.up(current, fileName), schemaVersion: step.to }
    applied.push(step)
    version = step.to
  }
  return { data: current, applied }
}
