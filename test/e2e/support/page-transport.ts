/**
 * The page side of both e2e harnesses: the same `parallaxTransport` the preload installs in
 * Electron — invoke a call, listen to events — so the renderer cannot tell the difference. One
 * generic binding; no line per call. Where the calls go (the workbench in the test process, or
 * the app process) is the harness's business.
 */

import type { Page } from '@playwright/test'
import type { ApiEvent, Envelope } from '../../../src/shared/api'

/** Runs one contract call: the channel and its arguments, as the page sent them. */
export type Dispatch = (channel: string, args: unknown) => Promise<Envelope<unknown>>

/** Wire codec: the binding carries JSON, so bytes travel as base64 and are restored each side. */
const encodeInPage = `
  const toWire = (x) => {
    if (x instanceof Uint8Array) {
      let s = ''; for (let i = 0; i < x.length; i += 0x8000) s += String.fromCharCode.apply(null, x.subarray(i, i + 0x8000));
      return { __bytes: btoa(s) }
    }
    if (Array.isArray(x)) return x.map(toWire)
    if (x && typeof x === 'object') { const o = {}; for (const k of Object.keys(x)) o[k] = toWire(x[k]); return o }
    return x
  }`

function fromWire(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(fromWire)
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>
    if (typeof o.__bytes === 'string' && Object.keys(o).length === 1) {
      return new Uint8Array(Buffer.from(o.__bytes, 'base64'))
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fromWire(v)]))
  }
  return x
}

/** The current target of each page's binding: a restart swaps it, the binding stays. */
const routes = new WeakMap<Page, { dispatch: Dispatch }>()

/**
 * Installs `window.parallaxTransport` in the page (it survives navigations) and sends its calls
 * to `dispatch`. Calling it again for the same page only changes where calls go.
 */
export async function bindTransport(page: Page, dispatch: Dispatch): Promise<void> {
  const existing = routes.get(page)
  if (existing) {
    existing.dispatch = dispatch
    return
  }
  const route = { dispatch }
  routes.set(page, route)
  await page.exposeFunction('__parallaxInvoke', (channel: string, args: unknown) =>
    route.dispatch(channel, fromWire(args)),
  )
  await page.addInitScript({
    content: `(() => {
      ${encodeInPage}
      const listeners = new Set()
      window.__parallaxEmit = (ev) => { for (const l of listeners) l(ev) }
      window.parallaxTransport = {
        invoke: (channel, args) => window.__parallaxInvoke(channel, toWire(args)),
        subscribe: (listener) => { listeners.add(listener); return () => listeners.delete(listener) },
      }
    })()`,
  })
}

/** Delivers an event from main to the page's listeners (dropped while the page navigates). */
export function emitToPage(page: Page, event: ApiEvent): void {
  void page.evaluate((ev) => window.__parallaxEmit?.(ev), event).catch(() => undefined)
}

declare global {
  interface Window {
    __parallaxEmit?: (event: ApiEvent) => void
  }
}
