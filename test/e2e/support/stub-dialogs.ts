/**
 * Dialog answers a test sets in advance (Joplin's habit: dialogs are stubbed, not clicked). Used
 * by the in-process harness and inside the app process (test/e2e/support/app-process.ts), so it
 * imports nothing from Playwright.
 */

import type { ExportKind } from '../../../src/shared/api'
import type { UnsavedAnswer } from '../../../src/main/project-service'
import type { Dialogs } from '../../../src/main/workbench'

/** Answers to queue, as a test sends them to the app process. */
export interface DialogAnswers {
  /** The next import dialog's answer (null = cancelled). */
  next?: string[] | null
  openPaths?: (string | null)[]
  savePaths?: (string | null)[]
  confirmAnswers?: UnsavedAnswer[]
}

export class StubDialogs implements Dialogs {
  /** The next import dialog's answer (null = cancelled). */
  next: string[] | null = null
  /** Answers of the next open-project dialogs, in order (null = cancelled; none left = cancelled). */
  openPaths: (string | null)[] = []
  /** Answers of the next save dialogs (project or export), in order. */
  savePaths: (string | null)[] = []
  /** Answers of the next "Save changes?" questions, in order (none left = cancel). */
  confirmAnswers: UnsavedAnswer[] = []
  /** Every question asked, for tests to assert on: `save:project:<suggested name>`, `confirm:<name>`… */
  readonly asked: string[] = []

  /** Appends answers to the queues (the import answer replaces the pending one). */
  queue(answers: DialogAnswers): void {
    if (answers.next !== undefined) this.next = answers.next
    this.openPaths.push(...(answers.openPaths ?? []))
    this.savePaths.push(...(answers.savePaths ?? []))
    this.confirmAnswers.push(...(answers.confirmAnswers ?? []))
  }

  async chooseImportPaths(): Promise<string[] | null> {
    const answer = this.next
    this.next = null
    return answer
  }
  async chooseProjectToOpen(): Promise<string | null> {
    this.asked.push('open')
    return this.openPaths.shift() ?? null
  }
  async chooseSavePath(
    purpose: 'project' | ExportKind,
    suggestedName: string,
  ): Promise<string | null> {
    this.asked.push(`save:${purpose}:${suggestedName}`)
    return this.savePaths.shift() ?? null
  }
  async confirmUnsaved(projectName: string): Promise<UnsavedAnswer> {
    this.asked.push(`confirm:${projectName}`)
    return this.confirmAnswers.shift() ?? 'cancel'
  }
}
