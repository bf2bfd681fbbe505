import { useEffect, useRef } from 'react'

/** Requests one part of the renderer makes of another, without threading callbacks through App. */
export type UiEvent = { type: 'open-annotation'; id: string }

type Listener = (event: UiEvent) => void

const listeners = new Set<Listener>()

/** Tells every listener, in the order they subscribed. */
export function emitUiEvent(event: UiEvent): void {
  for (const listener of [...listeners]) listener(event)
}

/** Asks the project drawer to show annotation `id` in its list, selected and scrolled to. */
export function openAnnotation(id: string): void {
  emitUiEvent({ type: 'open-annotation', id })
}

/** Adds a listener; the returned function removes it. */
export function subscribeUiEvents(listener: Listener): () => void {
  // A wrapper, so the same function subscribed twice is two subscriptions.
  const call: Listener = (event) => listener(event)
  listeners.add(call)
  return () => {
    listeners.delete(call)
  }
}

/** Subscribes for the component's lifetime; the latest `listener` is always the one called. */
export function useUiEvents(listener: Listener): void {
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(() => subscribeUiEvents((event) => latest.current(event)), [])
}
