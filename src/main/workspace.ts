/**
 * The researcher's own additions that sit beside the library: lexicon entries, entity
 * corrections per document, and named comparisons. One small lowdb file in the data folder,
 * written atomically after every change.
 */

import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import type { ComparisonDraft } from '../shared/api'
import type { EntityEdit } from '../shared/analysis'
import { ParallaxError } from '../shared/errors'
import { lexiconSchema, type LexiconEntry, type LexiconKind } from '../shared/lexicon'
import { comparisonSetupSchema, type ComparisonSetup } from '../shared/project'
import { v } from '../shared/validate'

export interface WorkspaceData {
  lexicon: LexiconEntry[]
  entityEdits: Record<string, EntityEdit[]>
  comparisons: ComparisonSetup[]
}

const FILE = 'workspace.json'

const empty = (): WorkspaceData => ({ lexicon: [], entityEdits: {}, comparisons: [] })

/** What a stored workspace must look like; anything else is set aside, not trusted. */
const workspaceSchema = v.object({
  lexicon: lexiconSchema,
  entityEdits: v.plainObject(),
  comparisons: v.array(comparisonSetupSchema, { max: 100_000 }),
})

export class Workspace {
  private constructor(private readonly db: Low<WorkspaceData>) {}

  /**
   * Opens the workspace; on first run (no file yet) it starts with `seed`, the sample comparison.
   */
  static async open(dataDir: string, seed: ComparisonSetup[] = []): Promise<Workspace> {
    const path = join(dataDir, FILE)
    const db = new Low<WorkspaceData>(new JSONFile(path), empty())
    const isFirstRun = !existsSync(path)
    try {
      await db.read()
      if (isFirstRun) {
        db.data = { ...empty(), comparisons: seed }
        await db.write()
      }
      db.data = { ...empty(), ...(workspaceSchema.parse(db.data) as WorkspaceData) }
    } catch {
      // A damaged file is kept for the researcher to inspect, never silently overwritten.
      await rename(path, `${path}.corrupt-${Date.now()}`).catch(() => undefined)
      db.data = empty()
    }
    return new Workspace(db)
  }

  get lexicon(): LexiconEntry[] {
    return this.db.data.lexicon
  }

  async addLexiconEntry(entry: LexiconEntry): Promise<LexiconEntry[]> {
    const term = entry.term.trim()
    if (!term) throw new ParallaxError('invalid-argument', 'A lexicon entry needs a word or phrase.')
    const same = (e: LexiconEntry) => e.kind === entry.kind && e.term.toLowerCase() === term.toLowerCase()
    this.db.data.lexicon = [...this.db.data.lexicon.filter((e) => !same(e)), { ...entry, term }]
    await this.db.write()
    return this.lexicon
  }

  async removeLexiconEntry(term: string, kind: LexiconKind): Promise<LexiconEntry[]> {
    const before = this.db.data.lexicon.length
    this.db.data.lexicon = this.db.data.lexicon.filter(
      (e) => !(e.kind === kind && e.term.toLowerCase() === term.trim().toLowerCase()),
    )
    if (this.db.data.lexicon.length === before) {
      throw new ParallaxError('not-found', `There is no ${kind} entry “${term}” in your lexicon.`)
    }
    await this.db.write()
    return this.lexicon
  }

  entityEdits(docId: string): EntityEdit[] {
    return this.db.data.entityEdits[docId] ?? []
  }

  async addEntityEdits(docId: string, edits: EntityEdit[]): Promise<void> {
    this.db.data.entityEdits[docId] = [...this.entityEdits(docId), ...edits]
    await this.db.write()
  }

  /** Drops the last edit of a document; false when there was none. */
  async popEntityEdit(docId: string): Promise<boolean> {
    const edits = this.entityEdits(docId)
    if (edits.length === 0) return false
    this.db.data.entityEdits[docId] = edits.slice(0, -1)
    await this.db.write()
    return true
  }

  get comparisons(): ComparisonSetup[] {
    return this.db.data.comparisons
  }

  async saveComparison(draft: ComparisonDraft): Promise<ComparisonSetup> {
    const now = new Date().toISOString()
    const existing = draft.id ? this.db.data.comparisons.find((c) => c.id === draft.id) : undefined
    if (draft.id && !existing) {
      throw new ParallaxError('not-found', 'That comparison no longer exists.')
    }
    const setup: ComparisonSetup = {
      id: existing?.id ?? randomUUID(),
      name: draft.name.trim() || 'Untitled comparison',
      docIds: draft.docIds,
      view: draft.view,
      created: existing?.created ?? now,
      modified: now,
    }
    this.db.data.comparisons = existing
      ? this.db.data.comparisons.map((c) => (c.id === setup.id ? setup : c))
      : [...this.db.data.comparisons, setup]
    await this.db.write()
    return setup
  }

  async removeComparison(id: string): Promise<ComparisonSetup[]> {
    const next = this.db.data.comparisons.filter((c) => c.id !== id)
    if (next.length === this.db.data.comparisons.length) {
      throw new ParallaxError('not-found', 'That comparison no longer exists.')
    }
    this.db.data.comparisons = next
    await this.db.write()
    return next
  }
}
