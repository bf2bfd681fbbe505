import { Button, Portal } from '@mantine/core'
import { useState } from 'react'
import type { Code } from '../../../shared/annotation'
import { AnnotationForm, type PendingSelection } from './AnnotationForm'
import { selectionRange } from './selection-offsets'

/** "Add annotation" offered beside a text selection: what is selected, and where the button goes. */
export interface AnnotationOffer extends PendingSelection {
  top: number
  left: number
}

/**
 * The offer for the window's selection inside `root` (a rendered document text whose runs carry
 * `data-start`), placed just under the selection and kept inside the window; null when nothing
 * of `root` is selected.
 */
export function offerForSelection(root: Element | null | undefined, docId: string | undefined) {
  const sel = window.getSelection()
  const found = root && docId ? selectionRange(root, sel) : null
  if (!found || !docId || !sel) return null
  const rect = sel.getRangeAt(0).getBoundingClientRect()
  const top = Math.min(rect.bottom + 6, window.innerHeight - 40)
  return {
    ...found,
    docId,
    top: Math.max(8, top),
    left: Math.max(8, rect.left),
  } satisfies AnnotationOffer
}

interface Props {
  offer: AnnotationOffer | null
  onTaken: () => void
  codebook: Code[]
  testId: string
}

/** The offered button and the annotation form it opens (the reader and comparison columns). */
export function SelectionAnnotator({ offer, onTaken, codebook, testId }: Props) {
  const [selection, setSelection] = useState<PendingSelection | null>(null)
  return (
    <>
      {offer && (
        <Portal>
          <Button
            size="xs"
            data-testid={testId}
            style={{ position: 'fixed', top: offer.top, left: offer.left, zIndex: 900 }}
            // Keep the selection: the button must not take it away on press.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              const { top: _top, left: _left, ...picked } = offer
              setSelection(picked)
              onTaken()
            }}
          >
            Add annotation
          </Button>
        </Portal>
      )}
      <AnnotationForm
        selection={selection}
        codebook={codebook}
        onClose={() => setSelection(null)}
      />
    </>
  )
}
