import { Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core'
import type { ActorRow, Comparison, LabelCell } from '../../../shared/compare'
import { DocChip } from './FiguresTab'
import { CONNOTATION_COLOR } from './present'

/** Actor × document: the labels each uses (coloured by connotation) and its stance score. */
export function LabelsTab({
  comparison,
  onReveal,
}: {
  comparison: Comparison
  onReveal: (doc: number, start: number) => void
}) {
  if (comparison.labels.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="labels-empty">
        No actor is named in these documents.
      </Text>
    )
  }
  const rows = [...comparison.labels].sort(
    (a, b) => Number(b.isFramedDifferently) - Number(a.isFramedDifferently),
  )
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {Object.entries(CONNOTATION_COLOR).map(([name, color]) => (
          <Badge key={name} size="xs" variant="light" color={color}>
            {name}
          </Badge>
        ))}
      </Group>
      <Table
        fz="xs"
        verticalSpacing={4}
        horizontalSpacing={6}
        withColumnBorders
        data-testid="labels-matrix"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Actor</Table.Th>
            {comparison.documents.map((_, d) => (
              <Table.Th key={d}>
                <DocChip doc={d} />
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.actor} data-testid="actor-row">
              <Table.Td>
                <Text size="xs" fw={600}>
                  {row.actor}
                </Text>
                {row.isFramedDifferently && (
                  <Text size="xs" c="orange.8" data-testid="framed-differently">
                    framed differently
                  </Text>
                )}
              </Table.Td>
              {comparison.documents.map((_, d) => (
                <Table.Td key={d} style={{ verticalAlign: 'top' }}>
                  <Cell row={row} cell={row.cells.find((c) => c.doc === d)} onReveal={onReveal} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}

function Cell({
  row,
  cell,
  onReveal,
}: {
  row: ActorRow
  cell: LabelCell | undefined
  onReveal: (doc: number, start: number) => void
}) {
  if (!cell || (cell.labels.length === 0 && cell.stance === null)) {
    return (
      <Text span size="xs" c="gray.4">
        —
      </Text>
    )
  }
  // One chip per distinct wording, with how often it is used.
  const byText = new Map<string, { label: LabelCell['labels'][number]; count: number }>()
  for (const l of cell.labels) {
    const seen = byText.get(l.text)
    if (seen) seen.count++
    else byText.set(l.text, { label: l, count: 1 })
  }
  return (
    <Stack gap={4}>
      <Group gap={3}>
        {[...byText.values()].map(({ label, count }) => (
          <Tooltip
            key={label.text}
            label={`${label.connotation} · ${label.rule}`}
            multiline
            w={260}
            withArrow
          >
            <Badge
              size="xs"
              variant="light"
              color={CONNOTATION_COLOR[label.connotation] ?? 'gray'}
              style={{ cursor: 'pointer', textTransform: 'none', height: 'auto', maxWidth: '100%' }}
              styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
              onClick={() => onReveal(cell.doc, label.start)}
              data-testid="label-chip"
              data-connotation={label.connotation}
            >
              {label.text}
              {count > 1 ? ` ×${count}` : ''}
            </Badge>
          </Tooltip>
        ))}
      </Group>
      {cell.stance !== null && (
        <StanceBar value={cell.stance} actor={row.actor} evidence={cell.evidence} />
      )}
    </Stack>
  )
}

function StanceBar({
  value,
  actor,
  evidence,
}: {
  value: number
  actor: string
  evidence: LabelCell['evidence']
}) {
  const clamped = Math.max(-1, Math.min(1, value))
  const half = 50
  const width = Math.abs(clamped) * half
  const color = clamped < -0.05 ? 'red' : clamped > 0.05 ? 'green' : 'gray'
  const tip = (
    <Stack gap={4} maw={320}>
      <Text size="xs" fw={600}>
        Stance towards {actor}: {clamped.toFixed(2)}
      </Text>
      {evidence.slice(0, 4).map((e, i) => (
        <Text size="xs" key={i}>
          “{e.text.length > 160 ? `${e.text.slice(0, 160)}…` : e.text}”
        </Text>
      ))}
      {evidence.length === 0 && <Text size="xs">No evidence recorded.</Text>}
    </Stack>
  )
  return (
    <Tooltip label={tip} multiline withArrow>
      <div
        className="px-cmp-stance"
        data-testid="stance-bar"
        aria-label={`stance ${clamped.toFixed(2)}`}
      >
        <div className="px-cmp-stance-axis" />
        <div
          className="px-cmp-stance-fill"
          style={{
            left: clamped < 0 ? `${half - width}%` : `${half}%`,
            width: `${width}%`,
            background: `var(--mantine-color-${color}-5)`,
          }}
        />
        <span className="px-cmp-stance-value">{clamped.toFixed(2)}</span>
      </div>
    </Tooltip>
  )
}
