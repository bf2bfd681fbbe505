/** One undoable step: the state after it and what it did, in words. */
export interface HistoryEntry<S> {
  state: S
  label: string
}

/**
 * Undo/redo for annotation and codebook actions, as snapshots. Actions are pure and share
 * unchanged items with the previous state, so a snapshot costs one array of references, not a
 * copy of the project; that is simpler and safer than hand-written inverse operations (a merge
 * or a delete with a policy would each need their own inverse).
 */
export class History<S> {
  private past: HistoryEntry<S>[] = []
  private future: HistoryEntry<S>[] = []
  private present: HistoryEntry<S>

  /** `limit`: how many steps back undo reaches (older steps are forgotten). */
  constructor(
    initial: S,
    private readonly limit = 500,
  ) {
    this.present = { state: initial, label: '' }
  }

  get current(): S {
    return this.present.state
  }

  get canUndo(): boolean {
    return this.past.length > 0
  }

  get canRedo(): boolean {
    return this.future.length > 0
  }

  /** What undo would take back ("Merged “A” into “B”…"), for the Edit menu. */
  get undoLabel(): string | null {
    return this.past.length > 0 ? this.present.label : null
  }

  get redoLabel(): string | null {
    return this.future.at(-1)?.label ?? null
  }

  /** Records a new state; clears the redo stack. Returns the new state. */
  push(state: S, label: string): S {
    this.past.push(this.present)
    if (this.past.length > this.limit) this.past.shift()
    this.present = { state, label }
    this.future = []
    return state
  }

  /** Records an action's result (`{ state, effect }` from the action functions). */
  record(result: { state: S; effect: { description: string } }): S {
    return this.push(result.state, result.effect.description)
  }

  /** Steps back; returns the restored state and the label of the step undone, or null. */
  undo(): HistoryEntry<S> | null {
    const previous = this.past.pop()
    if (!previous) return null
    const undone = this.present
    this.future.push(undone)
    this.present = previous
    return { state: previous.state, label: undone.label }
  }

  /** Steps forward again; returns the state and the label of the step redone, or null. */
  redo(): HistoryEntry<S> | null {
    const next = this.future.pop()
    if (!next) return null
    this.past.push(this.present)
    this.present = next
    return { state: next.state, label: next.label }
  }

  /** Starts over from `state` (a project was opened or closed). */
  reset(state: S): void {
    this.past = []
    this.future = []
    this.present = { state, label: '' }
  }
}
