import { Alert, Badge, Card, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core'
import type { DocumentAnalysis } from '../../../shared/analysis'
import type { Comparison, FigureRef, QuantityGroup } from '../../../shared/compare'
import { IntervalChart } from './IntervalChart'
import { crossDocumentVerdict, docColor, VERDICT_COLOR, VERDICT_LABEL } from './present'

interface Props {
  comparison: Comparison
  analyses: (DocumentAnalysis | null)[]
  onReveal: (ref: FigureRef) => void
}

/** One card per quantity measured by two or more figures, then the figures nothing matches. */
export function FiguresTab({ comparison, analyses, onReveal }: Props) {
  const shared = comparison.quantities
    .map((group, index) => ({ group, index }))
    .filter(({ group }) => group.figures.length > 1)
  const unique = comparison.quantities.filter((g) => g.figures.length <= 1)
  const across = comparison.conflicts.filter((c) => !c.isWithinDocument)
  const figureText = (r: FigureRef) => analyses[r.doc]?.figures[r.figure]?.text ?? '?'

  if (comparison.quantities.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="figures-empty">
        None of these documents reports a figure the analysis could read.
      </Text>
    )
  }
  return (
    <Stack gap="md">
      {comparison.documents.length > 1 &&
        (across.length === 0 ? (
          <Alert
            color="green"
            variant="light"
            data-testid="cross-conflicts"
            title="No conflicts between the documents"
          >
            Where their figures differ, they measure different scopes or allow each other.
          </Alert>
        ) : (
          <Alert
            color="red"
            variant="light"
            data-testid="cross-conflicts"
            title={`${across.length} conflict${across.length === 1 ? '' : 's'} between the documents`}
          >
            <Stack gap={4}>
              {across.map((c, i) => (
                <Text size="sm" key={i}>
                  <DocChip doc={c.a.doc} /> “{figureText(c.a)}” vs <DocChip doc={c.b.doc} /> “
                  {figureText(c.b)}”: {c.reason}
                  {c.isBetweenClaimants ? ' (between claimants)' : ''}
                </Text>
              ))}
            </Stack>
          </Alert>
        ))}
      {shared.map(({ group, index }) => (
        <GroupCard
          key={index}
          group={group}
          index={index}
          figureText={figureText}
          onReveal={onReveal}
        />
      ))}
      {unique.length > 0 && (
        <Stack gap={4} data-testid="unique-figures">
          <Text fw={600} size="sm">
            Unique figures ({unique.length})
          </Text>
          <Text size="xs" c="dimmed">
            Nothing else in these documents measures the same quantity.
          </Text>
          {unique.map((g, i) => {
            const f = g.intervals[0]
            if (!f) return null
            return (
              <UnstyledButton key={i} onClick={() => onReveal(f)} className="px-cmp-row">
                <Group gap={6} wrap="nowrap">
                  <DocChip doc={f.doc} />
                  <Text size="sm" fw={600}>
                    {f.text}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {g.label}
                    {f.scope && f.scope !== 'not stated' ? ` · ${f.scope}` : ''}
                    {f.claimant ? ` · ${f.claimant}` : ''}
                  </Text>
                </Group>
              </UnstyledButton>
            )
          })}
        </Stack>
      )}
    </Stack>
  )
}

function GroupCard({
  group,
  index,
  figureText,
  onReveal,
}: {
  group: QuantityGroup
  index: number
  figureText: (r: FigureRef) => string
  onReveal: (ref: FigureRef) => void
}) {
  const acrossVerdict = crossDocumentVerdict(group)
  const acrossPairs = group.pairs.filter((p) => p.a.doc !== p.b.doc)
  const withinPairs = group.pairs.filter((p) => p.a.doc === p.b.doc && p.verdict !== 'agree')
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      data-testid="quantity-group"
      data-group={index}
      data-verdict={group.verdict}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600} size="sm" data-testid="group-label">
            {group.label}
          </Text>
          <Badge
            color={VERDICT_COLOR[group.verdict]}
            variant="light"
            data-testid="group-verdict"
            style={{ flexShrink: 0 }}
          >
            {VERDICT_LABEL[group.verdict]}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {group.reason}
        </Text>
        {acrossVerdict && acrossVerdict !== group.verdict && (
          <Text size="xs" data-testid="across-verdict">
            Between documents:{' '}
            <Badge size="xs" variant="outline" color={VERDICT_COLOR[acrossVerdict]}>
              {VERDICT_LABEL[acrossVerdict]}
            </Badge>{' '}
            — the {VERDICT_LABEL[group.verdict]} is inside one document.
          </Text>
        )}
        <Table fz="xs" verticalSpacing={3} horizontalSpacing={6} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Doc</Table.Th>
              <Table.Th>As written</Table.Th>
              <Table.Th>Qualifier</Table.Th>
              <Table.Th>Scope</Table.Th>
              <Table.Th>Source</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {group.intervals.map((f, i) => (
              <Table.Tr
                key={i}
                onClick={() => onReveal(f)}
                style={{ cursor: 'pointer' }}
                data-testid="group-figure"
              >
                <Table.Td>
                  <DocChip doc={f.doc} />
                </Table.Td>
                <Table.Td fw={600}>{f.text}</Table.Td>
                <Table.Td>{f.qualifier.replace('_', ' ')}</Table.Td>
                <Table.Td>{f.scope}</Table.Td>
                <Table.Td>{f.claimant ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <IntervalChart intervals={group.intervals} unit={group.unit} onPick={onReveal} />
        {(acrossPairs.length > 0 || withinPairs.length > 0) && (
          <details className="px-cmp-pairs">
            <summary>
              <Text span size="xs" c="dimmed">
                {acrossPairs.length} pair{acrossPairs.length === 1 ? '' : 's'} between documents
                {withinPairs.length ? `, ${withinPairs.length} inside one` : ''}
              </Text>
            </summary>
            <Stack gap={4} mt={4}>
              {[...acrossPairs, ...withinPairs].map((p, i) => (
                <Text
                  size="xs"
                  key={i}
                  data-testid="figure-pair"
                  data-verdict={p.verdict}
                  data-within={p.a.doc === p.b.doc}
                >
                  <DocChip doc={p.a.doc} /> “{figureText(p.a)}” · <DocChip doc={p.b.doc} /> “
                  {figureText(p.b)}”{' '}
                  <Badge size="xs" variant="light" color={VERDICT_COLOR[p.verdict]}>
                    {VERDICT_LABEL[p.verdict]}
                  </Badge>{' '}
                  <Text span size="xs" c="dimmed">
                    {p.reason}
                  </Text>
                </Text>
              ))}
            </Stack>
          </details>
        )}
      </Stack>
    </Card>
  )
}

/** The column number in the column's colour. */
export function DocChip({ doc }: { doc: number }) {
  return (
    <Badge
      size="xs"
      circle
      color={docColor(doc)}
      variant="filled"
      component="span"
      style={{ verticalAlign: 'middle' }}
    >
      {doc + 1}
    </Badge>
  )
}
