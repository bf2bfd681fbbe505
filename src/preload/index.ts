/**
 * The bridge: exposes the contract's transport (invoke a known call, listen to events) and
 * nothing else. No ipcRenderer, no Node. The renderer builds its typed API object on top
 * (createApiClient), exactly as it does over the test transport.
 */

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  API_CHANNELS,
  CALL_PREFIX,
  EVENT_CHANNEL,
  type ApiEvent,
  type Transport,
} from '../shared/api'

const known = new Set<string>(API_CHANNELS)

const transport: Transport = {
  invoke(channel, args) {
    if (!known.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'invalid-argument', message: `Unknown call "${channel}".` },
      })
    }
    return ipcRenderer.invoke(CALL_PREFIX + channel, ...args)
  },
  subscribe(listener) {
    const handler = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload)
    ipcRenderer.on(EVENT_CHANNEL, handler)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler)
  },
}

contextBridge.exposeInMainWorld('parallaxTransport', transport)
