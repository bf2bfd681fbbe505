import { useCallback, useEffect, useState } from 'react'
import type { ProjectStatus } from '../../../shared/api'
import type { Annotation, Code } from '../../../shared/annotation'
import { api } from '../api'
import { useApiEvents } from '../hooks/use-api-events'

/** The open project's status, kept current from `project.changed` events. */
export function useProjectStatus(): ProjectStatus | null {
  const [status, setStatus] = useState<ProjectStatus | null>(null)
  useEffect(() => {
    void api.project.status().then(setStatus, () => undefined)
  }, [])
  useApiEvents((event) => {
    if (event.type === 'project.changed') setStatus(event.status)
  })
  return status
}

/** All annotations (rejected ones too) and the codebook, fetched again when they change. */
export function useAnnotationData(): {
  annotations: Annotation[]
  codebook: Code[]
  reload: () => void
} {
  const [annotations, setAnnotations] = useState<Annotation[]>([])
  const [codebook, setCodebook] = useState<Code[]>([])
  const reload = useCallback(() => {
    void api.annotations.list({ includeRejected: true }).then(setAnnotations, () => undefined)
    void api.codebook.list().then(setCodebook, () => undefined)
  }, [])
  useEffect(reload, [reload])
  useApiEvents((event) => {
    if (event.type === 'annotations.changed' || event.type === 'project.changed') reload()
  })
  return { annotations, codebook, reload }
}
