import { Badge, Button, Group, Stack, Text } from '@mantine/core'
import { useCallback, useEffect, useState } from 'react'
import type { DocumentAnalysis } from '../../../shared/analysis'
import type { Annotation, MachineLayer } from '../../../shared/annotation'
import { api, errorMessage } from '../api'
import { useApiEvents } from '../hooks/use-api-events'
import { ReviewEditor } from './ReviewEditor'
import { correctionText, sendReview } from './review-client'
import { findReviewItem, type ReviewItem } from './review-items'

/** The machine item to review, as a highlight knows it. */
export interface ReviewTarget {
  layer: MachineLayer
  machineId: string
  docId: string
  start: number
  end: number
}

interface Props extends ReviewTarget {
  /** Told after every decision (the card may want to close); failures are shown in place. */
  onReviewed?: (review: Annotation) => void
  /** The item as the caller already has it; otherwise fetched when the editor first opens. */
  item?: ReviewItem
  /** Controls the editor from outside (the queue's E key); uncontrolled when left out. */
  isEditing?: boolean
  onEditingChange?: (isEditing: boolean) => void
  /** Whether to show the status badge and the correction (the queue shows them itself). */
  withStatus?: boolean
}

/**
 * Accept / reject / correct ONE machine item, with its current review status: for the reader's
 * and the comparison's highlight cards. "Correct" opens the review queue's editor for the
 * item's layer. Keeps itself current from `annotations.changed` and `analysis.invalidated`.
 */
export function ReviewActions({
  layer,
  machineId,
  docId,
  start,
  end,
  onReviewed,
  item: givenItem,
  isEditing: editingProp,
  onEditingChange,
  withStatus = true,
}: Props) {
  const [review, setReview] = useState<Annotation | undefined>(undefined)
  const [analysis, setAnalysis] = useState<DocumentAnalysis | null>(null)
  const [editingState, setEditingState] = useState(false)
  const isEditing = editingProp ?? editingState
  const setEditing = (next: boolean) => {
    setEditingState(next)
    onEditingChange?.(next)
  }
  const [failure, setFailure] = useState<string | null>(null)

  const loadReview = useCallback(async () => {
    try {
      const list = await api.annotations.list({
        docIds: [docId],
        kinds: ['machine-review'],
        includeRejected: true,
      })
      setReview(list.find((a) => a.machineRef?.layer === layer && a.machineRef.id === machineId))
    } catch (err) {
      setFailure(errorMessage(err))
    }
  }, [docId, layer, machineId])
  const loadAnalysis = useCallback(async () => {
    try {
      setAnalysis(await api.analysis.get(docId))
    } catch (err) {
      setFailure(errorMessage(err))
    }
  }, [docId])
  useEffect(() => {
    void loadReview()
  }, [loadReview])
  useEffect(() => {
    // Only the editor needs what the machine says; fetched when it is first opened.
    if (isEditing && !analysis && !givenItem) void loadAnalysis()
  }, [isEditing, analysis, givenItem, loadAnalysis])
  useApiEvents((event) => {
    if (event.type === 'annotations.changed' || event.type === 'project.changed') void loadReview()
    if (
      event.type === 'analysis.invalidated' &&
      analysis &&
      (event.docIds === 'all' || event.docIds.includes(docId))
    )
      void loadAnalysis()
  })

  const target = { layer, machineId, docId, start, end }
  const decide = async (
    decision: 'accepted' | 'rejected' | 'edited',
    edit?: Parameters<typeof sendReview>[2],
  ) => {
    setFailure(null)
    try {
      const saved = await sendReview(target, decision, edit)
      setReview(saved)
      setEditing(false)
      onReviewed?.(saved)
    } catch (err) {
      setFailure(errorMessage(err))
    }
  }

  const status = review?.status ?? 'pending'
  const item = givenItem ?? (analysis ? findReviewItem(analysis, layer, machineId) : undefined)
  const correction = correctionText(review)
  return (
    <Stack gap={4} data-testid="review-actions" data-status={status}>
      <Group gap={4} wrap="nowrap">
        {withStatus && (
          <Badge
            size="xs"
            variant={status === 'pending' ? 'outline' : 'light'}
            color={status === 'rejected' ? 'red' : status === 'edited' ? 'violet' : undefined}
          >
            {status === 'pending' ? 'not reviewed' : status}
          </Badge>
        )}
        <Button size="compact-xs" variant="light" onClick={() => void decide('accepted')}>
          {status === 'rejected' ? 'Restore' : 'Accept'}
        </Button>
        <Button
          size="compact-xs"
          variant="light"
          color="red"
          disabled={status === 'rejected'}
          onClick={() => void decide('rejected')}
        >
          Reject
        </Button>
        <Button
          size="compact-xs"
          variant="light"
          onClick={() => setEditing(!isEditing)}
          aria-expanded={isEditing}
        >
          Correct
        </Button>
      </Group>
      {withStatus && correction && (
        <Text size="xs" c="violet" data-testid="review-actions-correction">
          {correction}
        </Text>
      )}
      {isEditing && !item && !analysis && (
        <Text size="xs" c="dimmed">
          Loading…
        </Text>
      )}
      {isEditing && analysis && !item && (
        <Text size="xs" c="red">
          The analysis no longer has this item.
        </Text>
      )}
      {isEditing && item && (
        <ReviewEditor
          item={item}
          review={review}
          onCancel={() => setEditing(false)}
          onSave={(edit) => void decide('edited', edit)}
        />
      )}
      {failure && (
        <Text size="xs" c="red" role="alert">
          {failure}
        </Text>
      )}
    </Stack>
  )
}
