import type { UnsavedAnswer } from '../project-service'
import type { Workbench } from '../workbench'

/** What closing the window decided, and why it stays open when it does. */
export type CloseDecision = { close: true } | { close: false; error?: string }

/**
 * Asks before the window closes with unsaved changes. Save saves (a never-saved project asks
 * where; cancelling that keeps the window open), Don't Save closes the project (its recovery file
 * goes), Cancel keeps everything. A failed save keeps the window open with the reason: nothing is
 * lost by closing.
 */
export async function decideWindowClose(
  workbench: Workbench,
  ask: (projectName: string) => Promise<UnsavedAnswer>,
): Promise<CloseDecision> {
  const status = workbench.projects.status()
  if (!status.isDirty) return { close: true }
  const answer = await ask(status.name)
  if (answer === 'cancel') return { close: false }
  if (answer === 'save') {
    const saved = await workbench.dispatch('project.save', [])
    if (!saved.ok) return { close: false, error: saved.error.message }
    return saved.value === null ? { close: false } : { close: true }
  }
  // The question was just asked; closing the project must not ask it again.
  await workbench.projects.discardAndClose()
  return { close: true }
}
