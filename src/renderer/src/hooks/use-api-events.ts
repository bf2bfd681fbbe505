import { useEffect, useRef } from 'react'
import type { ApiEvent } from '../../../shared/api'
import { api } from '../api'

/** Subscribes to main's events for the component's lifetime; the latest handler always runs. */
export function useApiEvents(handler: (event: ApiEvent) => void): void {
  const latest = useRef(handler)
  useEffect(() => {
    latest.current = handler
  })
  useEffect(() => api.onEvent((event) => latest.current(event)), [])
}
