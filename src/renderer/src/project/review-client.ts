import { describeCorrection, type Annotation } from '../../../shared/annotation'
import { api } from '../api'
import type { ReviewEdit } from './ReviewEditor'
import type { ReviewItem } from './review-items'

export type Decision = 'accepted' | 'rejected' | 'edited'

/** Sends one review; the caller reports failures. */
export async function sendReview(
  item: Pick<ReviewItem, 'layer' | 'machineId' | 'docId' | 'start' | 'end'>,
  decision: Decision,
  edit?: ReviewEdit,
): Promise<Annotation> {
  return api.annotations.review({
    layer: item.layer,
    machineId: item.machineId,
    docId: item.docId,
    start: item.start,
    end: item.end,
    decision,
    ...(edit ?? {}),
  })
}

/** What an edited review changed, in words ("→ at most 99", "name “A” → “B”"). */
export function correctionText(review: Annotation | undefined): string | null {
  if (review?.status !== 'edited') return null
  if (review.figure) {
    const f = review.figure
    return `→ ${f.qualifier.replace(/_/g, ' ')} ${f.value ?? 'vague'}`
  }
  return review.correction ? describeCorrection(review.correction) : null
}
