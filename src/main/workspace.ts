/**
 * The researcher's corrections that belong to the library rather than to a project: entity
 * edits per document (merge, split, rename, delete), re-applied after every re-analysis. One small
 * lowdb file in the data folder, written atomically after every change.
 */

import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import type { EntityEdit } from '../shared/analysis'
import { v } from '../shared/validate'

export interface WorkspaceData {
  entityEdits: Record<string, EntityEdit[]>
}

const FILE = 'workspace.json'

const empty = (): WorkspaceData => ({ entityEdits: {} })

/** What a stored workspace must look like; anything else is set aside, not trusted. */
const workspaceSchema = v.object({ entityEdits: v.plainObject() })

export class Workspace {
  private constructor(private readonly db: Low<WorkspaceData>) {}

  static async open(dataDir: string): Promise<Workspace> {
    const path = join(dataDir, FILE)
    const db = new Low<WorkspaceData>(new JSONFile(path), empty())
    try {
      await db.read()
      db.data = { ...empty(), ...(workspaceSchema.parse(db.data) as WorkspaceData) }
    } catch {
      // A damaged file is kept for the researcher to inspect, never silently overwritten.
      await rename(path, `${path}.corrupt-${Date.now()}`).catch(() => undefined)
      db.data = empty()
    }
    return new Workspace(db)
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
}
