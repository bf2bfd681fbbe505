import { useEffect, type ReactNode } from 'react'
import type { AnnotationLookup } from '../lib/highlights-annotations'
import type { HighlightIndex } from '../lib/highlights'
import { useHighlightCard } from '../lib/highlights-card'
import { HighlightCard, type AnalysisIndex, type AnnotationCardActions } from './HighlightCard'

interface Options {
  highlights: HighlightIndex
  analysisIndex: AnalysisIndex | null
  annotations: AnnotationLookup | null
  docId: string | undefined
  cardActions: AnnotationCardActions | undefined
  /** How long the card stays after the pointer leaves its mark. */
  hideDelayMs: number
}

/**
 * The explanation card of a rendered document text (the reader, a comparison column): the props
 * its container needs to open the card on hover and focus, and the card itself. A new analysis or
 * layer set makes an open card stale, so it closes (unless an editor in it pins it open).
 */
export function useTextCard({
  highlights,
  analysisIndex,
  annotations,
  docId,
  cardActions,
  hideDelayMs,
}: Options): {
  containerProps: ReturnType<typeof useHighlightCard>['containerProps']
  cardElement: ReactNode
} {
  const { card, setPinned, reset, containerProps, cardProps } = useHighlightCard({
    isEnabled: analysisIndex !== null || annotations !== null,
    hideDelayMs,
  })
  useEffect(() => reset(), [highlights, analysisIndex, annotations, reset])
  const cardElement =
    card && (analysisIndex || annotations) ? (
      <HighlightCard
        targets={card.targets}
        index={analysisIndex}
        annotations={annotations}
        docId={docId}
        at={card.at}
        actions={cardActions}
        position={card}
        {...cardProps}
        onPinChange={setPinned}
      />
    ) : null
  return { containerProps, cardElement }
}
