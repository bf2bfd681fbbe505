import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ProjectStatus } from '../../../shared/api'
import type { Annotation, Code } from '../../../shared/annotation'
import { api } from '../api'
import { useApiEvents } from '../hooks/use-api-events'
import { indexAnnotations, type AnnotationLookup } from '../lib/highlights-annotations'

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

/** What the reader and the comparison columns draw the annotations layer from. */
export interface AnnotationLayerData {
  /** Every annotation of the project, rejected ones and machine reviews included. */
  annotations: Annotation[]
  codebook: Code[]
  codes: ReadonlyMap<string, Code>
  lookup: AnnotationLookup
}

/**
 * The open project's annotations and codebook, indexed for highlighting and for the card, with
 * the library's titles for links to other documents. Kept current from `annotations.changed`,
 * `project.changed` (open, undo, redo) and `library.changed`.
 */
export function useAnnotationLayer(): AnnotationLayerData {
  const { annotations, codebook } = useAnnotationData()
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(() => new Map())
  const loadTitles = useCallback(() => {
    void api.library.list().then(
      (records) => setTitles(new Map(records.map((r) => [r.id, r.title]))),
      () => undefined,
    )
  }, [])
  useEffect(loadTitles, [loadTitles])
  useApiEvents((event) => {
    if (event.type === 'library.changed') loadTitles()
  })
  return useMemo(() => {
    const codes = new Map(codebook.map((c) => [c.id, c]))
    return { annotations, codebook, codes, lookup: indexAnnotations(annotations, codes, titles) }
  }, [annotations, codebook, titles])
}
