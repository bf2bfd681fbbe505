/**
 * The messages between the e2e test process and the app process (app-process.ts) over the child's
 * IPC channel. Requests carry an id and get exactly one `reply` with it; events and the crash
 * seam's report come unasked.
 */

import type { ApiEvent } from '../../../src/shared/api'
import type { DialogAnswers } from './stub-dialogs'

/** How the app process is started: one JSON argument on its command line. */
export interface AppProcessOptions {
  dataDir: string
  /** Folder of the first-run sample articles. */
  samplesDir: string
  /** The built worker script, as a file URL; without it the work runs inline. */
  workerUrl?: string
  /** Delay of the recovery autosave; the app's default when unset. */
  autosaveDelayMs?: number
  /**
   * Installs the save seam (Workbench `beforeProjectRename`): once armed by `pause-next-save`,
   * the next project save stops after writing its temp file and reports `temp-written`.
   */
  crashSeam?: boolean
}

/** Requests the test sends; `reply.value` is given for each. */
export type AppRequest =
  /** A contract call; the reply is the workbench's envelope (a ParallaxError as a value). */
  | { type: 'invoke'; id: number; channel: string; args: unknown }
  /** Queues stub dialog answers; replies null. */
  | { type: 'dialogs'; id: number; answers: DialogAnswers }
  /** Replies with every dialog question asked so far. */
  | { type: 'asked'; id: number }
  /** Arms the save seam for the next project save; replies null. */
  | { type: 'pause-next-save'; id: number }
  /** Closes the workbench as the app does at quit, replies null, then exits. */
  | { type: 'close'; id: number }

export type AppMessage =
  | { type: 'ready'; pid: number }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'event'; event: ApiEvent }
  | { type: 'temp-written'; path: string }
