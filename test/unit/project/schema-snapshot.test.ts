import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROJECT_SCHEMA_VERSION, projectSchema, type Project } from '../../../src/shared/project'
import { MIGRATIONS } from '../../../src/main/project/migrations/index'
import { FIXTURES, sampleProject } from './fixtures'

/** Every field a project can have, as key paths ("annotations[].target.exact"). */
function keyPaths(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) keyPaths(item, `${path}[]`, out)
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k
      out.add(p)
      // View settings are the UI's free-form data, not part of the file format.
      if (!p.endsWith('.view')) keyPaths(v, p, out)
    }
  }
  return out
}

/** A project with every optional field filled in. */
async function fullProject(): Promise<Project> {
  const p = await sampleProject()
  const [x] = p.annotations
  p.documents[0]!.segments[0]!.reason = 'whole text'
  p.annotations.push({
    ...x!,
    id: 'review',
    kind: 'machine-review',
    target: { ...x!.target, isOrphaned: true },
    machineRef: { layer: 'figure', id: 'f1' },
    stance: { toward: 'Iran', value: 'neutral' },
    figure: {
      value: 1,
      qualifier: 'exact',
      kind: 'count',
      low: 1,
      high: 1,
      unit: 'people',
      measure: 'killed',
      subject: 's',
      scope: 's',
      location: 'l',
      source: 's',
    },
    // Not one review's worth (a review corrects only its own layer), but every field once.
    correction: {
      entity: { was: 'IRGC', name: 'Revolutionary Guards', type: 'organisation' },
      attribution: { speaker: 'a Guards official', verbStrength: 'distancing' },
      stanceCue: { kind: 'hedge', polarity: 0, isNotCue: false },
    },
    note: 'n',
    status: 'edited',
  })
  p.lexicon.push({
    term: 'rebels',
    kind: 'actor-label',
    actor: 'Syrian opposition',
    connotation: 'delegitimising',
    polarity: -0.3,
    note: 'n',
  })
  p.notes.push({ ...p.notes[0]!, id: 'n2', docId: 'd', comparisonId: 'c' })
  p.autosave = { sourcePath: null, autosavedAt: p.created }
  return projectSchema.parse(p)
}

describe('file format snapshot (Tropy habit: a schema snapshot beside the numbered migrations)', () => {
  it(`the version ${PROJECT_SCHEMA_VERSION} format has exactly the fields in its snapshot`, async () => {
    const snapshot = JSON.parse(
      await readFile(join(FIXTURES, `schema-v${PROJECT_SCHEMA_VERSION}.keys.json`), 'utf8'),
    ) as string[]
    const actual = [...keyPaths(await fullProject())].sort()
    // A difference means the file format changed: bump PROJECT_SCHEMA_VERSION, add a migration
    // with a fixture of the old version, and write the new snapshot.
    expect(actual).toEqual(snapshot)
  })

  it('every migration step has a fixture file of the version it reads, and the steps chain', async () => {
    const files = await readdir(FIXTURES)
    let version = 1
    for (const m of MIGRATIONS) {
      expect(m.from).toBe(version)
      expect(m.to).toBe(version + 1)
      expect(files.some((f) => f.startsWith(`v${m.from}-`) && f.endsWith('.parallax'))).toBe(true)
      version = m.to
    }
    expect(version).toBe(PROJECT_SCHEMA_VERSION)
  })
})
