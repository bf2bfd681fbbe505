/**
 * Transport 1: binds every call of the contract to `ipcMain.handle`, in one loop. A call is
 * answered only when it comes from the main frame of one of our own windows; everything else gets
 * an error envelope and never reaches the workbench.
 */

import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import {
  API_CHANNELS,
  CALL_PREFIX,
  EVENT_CHANNEL,
  type ApiEvent,
  type Envelope,
} from '../../shared/api'
import type { Workbench } from '../workbench'
import { isAppUrl } from './security'

export function bindIpc(workbench: Workbench, devServerUrl: string | undefined): () => void {
  const isTrusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame
    const win = BrowserWindow.fromWebContents(event.sender)
    return (
      win !== null &&
      frame !== null &&
      frame === event.sender.mainFrame &&
      isAppUrl(frame.url, devServerUrl)
    )
  }
  for (const channel of API_CHANNELS) {
    ipcMain.handle(
      CALL_PREFIX + channel,
      (event, ...args: unknown[]): Promise<Envelope<unknown>> => {
        if (!isTrusted(event)) {
          return Promise.resolve({
            ok: false,
            error: {
              code: 'invalid-argument',
              message: 'Call refused: not from a Parallax window.',
            },
          })
        }
        return workbench.dispatch(channel, args)
      },
    )
  }
  const unsubscribe = workbench.onEvent((event: ApiEvent) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, event)
  })
  return () => {
    unsubscribe()
    for (const channel of API_CHANNELS) ipcMain.removeHandler(CALL_PREFIX + channel)
  }
}
