import { Badge, Card, Group, Stack, Text } from '@mantine/core'
import type { DocumentAnalysis } from '../../../shared/analysis'
import type { Comparison, FigureRef } from '../../../shared/compare'
import { DocChip } from './FiguresTab'

/** The same quantity reported differently inside one article, each side a jump link. */
export function InconsistenciesTab({
  comparison,
  analyses,
  onReveal,
}: {
  comparison: Comparison
  analyses: (DocumentAnalysis | null)[]
  onReveal: (ref: FigureRef) => void
}) {
  if (comparison.inconsistencies.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="inconsistencies-empty">
        No document contradicts itself on a figure.
      </Text>
    )
  }
  return (
    <Stack gap="sm">
      {comparison.inconsistencies.map((x, i) => {
        const a = analyses[x.doc]?.figures[x.a]
        const b = analyses[x.doc]?.figures[x.b]
        const title = comparison.documents[x.doc]?.title ?? ''
        return (
          <Card key={i} withBorder padding="sm" data-testid="inconsistency" data-type={x.type}>
            <Stack gap={6}>
              <Group gap={6} wrap="nowrap">
                <DocChip doc={x.doc} />
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {title}
                </Text>
                <Badge
                  size="xs"
                  color={x.type === 'value' ? 'red' : 'orange'}
                  variant="light"
                  ml="auto"
                >
                  {x.type === 'value' ? 'different numbers' : 'opposite qualifiers'}
                </Badge>
              </Group>
              <Group gap="xs">
                <FigureLink text={a?.text} onClick={() => onReveal({ doc: x.doc, figure: x.a })} />
                <Text size="sm" c="dimmed">
                  vs
                </Text>
                <FigureLink text={b?.text} onClick={() => onReveal({ doc: x.doc, figure: x.b })} />
              </Group>
              <Text size="xs" c="dimmed">
                {x.reason}
              </Text>
            </Stack>
          </Card>
        )
      })}
    </Stack>
  )
}

function FigureLink({ text, onClick }: { text: string | undefined; onClick: () => void }) {
  return (
    <button
      type="button"
      className="px-cmp-figlink"
      onClick={onClick}
      data-testid="inconsistency-figure"
    >
      {text ?? '?'}
    </button>
  )
}
