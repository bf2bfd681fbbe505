import { API_CHANNELS, createApiClient, type ParallaxApi, type Transport } from '../../shared/api'

declare global {
  interface Window {
    /** Installed by the preload (Electron) or by the test harness's init script. */
    parallaxTransport?: Transport
  }
}

function connect(): ParallaxApi {
  const transport = window.parallaxTransport
  if (!transport) {
    throw new Error('Parallax must run inside its desktop shell (no API transport was installed).')
  }
  return createApiClient(API_CHANNELS, transport)
}

/** The typed API; the only way the renderer talks to main. */
export const api: ParallaxApi = connect()

/** Error shape thrown by api calls (code, message, file). */
export interface ApiCallError extends Error {
  code: string
  file?: string
}

export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) {
    const e = err as ApiCallError
    return e.file ? `${e.file}: ${e.message}` : e.message
  }
  return String(err)
}
