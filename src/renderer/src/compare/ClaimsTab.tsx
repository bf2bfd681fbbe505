import { Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { ClaimRelation, Comparison, SentenceRef } from '../../../shared/compare'
import type { DocumentView } from '../../../shared/document'
import { DocChip } from './FiguresTab'
import { RELATION_COLOR } from './present'

const PAGE = 40

/** Sentences aligned across documents, filterable by relation, each a jump link. */
export function ClaimsTab({
  comparison,
  views,
  onReveal,
}: {
  comparison: Comparison
  views: (DocumentView | null)[]
  onReveal: (s: SentenceRef) => void
}) {
  const [filter, setFilter] = useState<'aligned' | ClaimRelation>('aligned')
  const [shown, setShown] = useState(PAGE)
  const counts = (r: ClaimRelation) => comparison.claims.filter((c) => c.relation === r).length
  const claims = comparison.claims.filter((c) =>
    filter === 'aligned' ? c.relation !== 'unique' : c.relation === filter,
  )
  return (
    <Stack gap="sm">
      <SegmentedControl
        size="xs"
        value={filter}
        onChange={(v) => {
          setFilter(v as typeof filter)
          setShown(PAGE)
        }}
        data={[
          { value: 'aligned', label: `Aligned (${comparison.claims.length - counts('unique')})` },
          { value: 'contradiction', label: `Contradict (${counts('contradiction')})` },
          { value: 'elaboration', label: `Elaborate (${counts('elaboration')})` },
          { value: 'same', label: `Same (${counts('same')})` },
          { value: 'unique', label: `Unique (${counts('unique')})` },
        ]}
        aria-label="Which claims"
      />
      {claims.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="claims-empty">
          {filter === 'aligned'
            ? 'No sentence of one document says what a sentence of another says.'
            : 'None.'}
        </Text>
      )}
      {claims.slice(0, shown).map((c, i) => (
        <Card key={i} withBorder padding="sm" data-testid="claim" data-relation={c.relation}>
          <Stack gap={6}>
            <Group gap="xs">
              <Badge size="xs" variant="light" color={RELATION_COLOR[c.relation]}>
                {c.relation}
              </Badge>
              {c.relation !== 'unique' && (
                <Text size="xs" c="dimmed">
                  score {c.score.toFixed(2)}
                </Text>
              )}
            </Group>
            {c.sentences.map((s, j) => (
              <button key={j} type="button" className="px-cmp-sentence" onClick={() => onReveal(s)}>
                <DocChip doc={s.doc} /> {views[s.doc]?.text.slice(s.start, s.end) ?? ''}
              </button>
            ))}
            <Text size="xs" c="dimmed">
              {c.reason}
            </Text>
          </Stack>
        </Card>
      ))}
      {claims.length > shown && (
        <Button variant="subtle" size="xs" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, claims.length - shown)} more of {claims.length - shown}
        </Button>
      )}
    </Stack>
  )
}
