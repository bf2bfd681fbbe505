/**
 * The shell's security policy. Parallax opens untrusted documents and is offline by design, so
 * the window may show our own bundle and nothing else: no navigation, no new windows, no
 * webviews, no permissions, and no network request that is not for the app's own files.
 */

import { app, session, type WebContents } from 'electron'

/** True for URLs of the app's own bundle (the built renderer, or the dev server in development). */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true
  if (url.startsWith('devtools://')) return true
  try {
    const u = new URL(url)
    if (u.protocol !== 'file:') return false
    return decodeURIComponent(u.pathname).startsWith(rendererRoot())
  } catch {
    return false
  }
}

function rendererRoot(): string {
  // Renderer files sit in out/renderer (inside the asar archive when packaged).
  return new URL('../renderer/', import.meta.url).pathname
}

export function applySecurityPolicy(devServerUrl: string | undefined): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppUrl(details.url, devServerUrl) || details.url.startsWith('data:')
    callback({ cancel: !allowed })
  })

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}
