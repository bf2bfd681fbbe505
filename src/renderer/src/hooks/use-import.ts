import { useCallback, useRef, useState } from 'react'
import type { DroppedFile, ImportReport, ImportResult } from '../../../shared/api'
import { api, errorMessage, type ApiCallError } from '../api'
import { useApiEvents } from './use-api-events'

export interface BatchProgress {
  done: number
  total: number
  isFinished: boolean
}

/** A failed file as the error list shows it, with a key so it can be dismissed. */
export interface ImportFailure {
  key: string
  file: string
  code: string
  message: string
}

/** What the last finished batch did, for the summary under the header. */
export interface BatchSummary {
  imported: string[]
  duplicates: string[]
  failed: number
}

let failureCounter = 0

/**
 * Import state shared by the header (progress), the drop zone and the menu: one batch at a time
 * is shown; failures accumulate in a list until the researcher dismisses them.
 */
export function useImport(onImported: (report: ImportReport) => void) {
  const [progress, setProgress] = useState<BatchProgress | null>(null)
  const [failures, setFailures] = useState<ImportFailure[]>([])
  const [summary, setSummary] = useState<BatchSummary | null>(null)
  const [isBusy, setBusy] = useState(false)
  const hideTimer = useRef<number | undefined>(undefined)

  useApiEvents((event) => {
    if (event.type !== 'import.progress') return
    setProgress((p) =>
      p?.isFinished ? p : { done: event.done, total: event.total, isFinished: false },
    )
  })

  const addFailures = useCallback((results: ImportResult[]) => {
    const failed = results
      .filter((r) => r.status === 'failed')
      .map((r) => ({
        key: `f${++failureCounter}`,
        file: r.file,
        code: r.error?.code ?? 'internal',
        message: r.error?.message ?? 'The file could not be imported.',
      }))
    if (failed.length > 0) setFailures((prev) => [...failed, ...prev])
  }, [])

  const run = useCallback(
    async (start: () => Promise<ImportReport | null>, expected: number | null) => {
      window.clearTimeout(hideTimer.current)
      setBusy(true)
      setProgress(expected ? { done: 0, total: expected, isFinished: false } : null)
      try {
        const report = await start()
        if (!report) {
          setProgress(null)
          return
        }
        const n = report.results.length
        setProgress({ done: n, total: n, isFinished: true })
        addFailures(report.results)
        setSummary({
          imported: report.results
            .filter((r) => r.status === 'imported')
            .map((r) => r.record?.title ?? r.file),
          duplicates: report.results.filter((r) => r.status === 'duplicate').map((r) => r.file),
          failed: report.results.filter((r) => r.status === 'failed').length,
        })
        onImported(report)
        hideTimer.current = window.setTimeout(() => setProgress(null), 4000)
      } catch (err) {
        setProgress(null)
        const e = err as Partial<ApiCallError>
        setFailures((prev) => [
          {
            key: `f${++failureCounter}`,
            file: e.file ?? 'Import',
            code: e.code ?? 'internal',
            message: errorMessage(err),
          },
          ...prev,
        ])
      } finally {
        setBusy(false)
      }
    },
    [addFailures, onImported],
  )

  return {
    progress,
    failures,
    summary,
    isBusy,
    importFiles: (files: DroppedFile[]) => run(() => api.library.importFiles(files), files.length),
    importWithDialog: (kind: 'files' | 'folder') =>
      run(() => api.library.importWithDialog(kind), null),
    /** Reports a problem that happened before anything reached main (reading a dropped file). */
    reportLocalFailure: (file: string, message: string) =>
      setFailures((prev) => [
        { key: `f${++failureCounter}`, file, code: 'unreadable', message },
        ...prev,
      ]),
    dismissFailure: (key: string) => setFailures((prev) => prev.filter((f) => f.key !== key)),
    dismissAllFailures: () => setFailures([]),
    dismissSummary: () => setSummary(null),
  }
}

export type ImportController = ReturnType<typeof useImport>
