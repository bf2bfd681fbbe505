import { useEffect, useRef, useState } from 'react'
import { snapshotDrop, walkDrop, type FoundFile } from '../lib/drop-files'

function carriesFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && [...e.dataTransfer.types].includes('Files')
}

/**
 * Makes the whole window a drop target. Returns whether files are being dragged over it (for the
 * overlay). Dropped folders are walked recursively; `onDrop` gets every file found.
 */
export function useWindowDrop(
  onDrop: (files: FoundFile[]) => void,
  onError: (message: string) => void,
): boolean {
  const [isDragging, setDragging] = useState(false)
  const depth = useRef(0)
  const handlers = useRef({ onDrop, onError })
  useEffect(() => {
    handlers.current = { onDrop, onError }
  })

  useEffect(() => {
    // dragenter/dragleave fire for every child element crossed: count them to know when the
    // pointer really left the window.
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return
      e.preventDefault()
      depth.current += 1
      setDragging(true)
    }
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return
      depth.current = Math.max(0, depth.current - 1)
      if (depth.current === 0) setDragging(false)
    }
    const drop = (e: DragEvent) => {
      // Always stop the browser from navigating to a dropped file.
      e.preventDefault()
      depth.current = 0
      setDragging(false)
      if (!e.dataTransfer) return
      const snapshot = snapshotDrop(e.dataTransfer)
      walkDrop(snapshot).then(
        (files) => handlers.current.onDrop(files),
        (err: unknown) =>
          handlers.current.onError(
            err instanceof Error ? err.message : 'The drop could not be read.',
          ),
      )
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  }, [])
  return isDragging
}
