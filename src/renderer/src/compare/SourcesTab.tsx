import { Badge, Group, Stack, Table, Text } from '@mantine/core'
import type { Comparison } from '../../../shared/compare'
import { DocChip } from './FiguresTab'
import { docColor } from './present'
import { layoutSourceGraph } from './source-graph'

const GRAPH_WIDTH = 400

/** Who each document cites (shared or unique), the relay chains, and a small graph of both. */
export function SourcesTab({
  comparison,
  onReveal,
}: {
  comparison: Comparison
  onReveal: (doc: number, start: number) => void
}) {
  const { sources, chains } = comparison.sources
  if (sources.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="sources-empty">
        None of these documents attributes anything to a named source.
      </Text>
    )
  }
  const sorted = [...sources].sort((a, b) => Number(b.isShared) - Number(a.isShared))
  const names = new Map(sources.map((s) => [s.key, s.name]))
  const count = comparison.documents.length
  return (
    <Stack gap="md">
      <SourceGraphView comparison={comparison} />
      <Table
        fz="xs"
        verticalSpacing={3}
        horizontalSpacing={6}
        data-testid="sources-table"
        highlightOnHover
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Source</Table.Th>
            {comparison.documents.map((_, d) => (
              <Table.Th key={d} ta="center">
                <DocChip doc={d} />
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((s) => (
            <Table.Tr key={s.key} data-testid="source-row" data-shared={s.isShared}>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Text size="xs">{s.name}</Text>
                  {s.isShared && (
                    <Badge size="xs" variant="light" color="green">
                      shared
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              {Array.from({ length: count }, (_, d) => {
                const cell = s.docs.find((x) => x.doc === d)
                const first = cell?.mentions[0]
                return (
                  <Table.Td key={d} ta="center">
                    {cell && first ? (
                      <button
                        type="button"
                        className="px-cmp-figlink"
                        onClick={() => onReveal(d, first.start)}
                        title={cell.mentions.map((m) => m.text).join(' · ')}
                      >
                        {cell.count}×
                      </button>
                    ) : (
                      <Text span size="xs" c="gray.4">
                        —
                      </Text>
                    )}
                  </Table.Td>
                )
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {chains.length > 0 && (
        <Stack gap={4} data-testid="source-chains">
          <Text fw={600} size="sm">
            Chains
          </Text>
          {chains.map((c, i) => (
            <Text size="xs" key={i}>
              <DocChip doc={c.doc} /> {c.chain.map((k) => names.get(k) ?? k).join(' → via ')}
              <Text span size="xs" c="dimmed">
                {' '}
                (“{c.text}”)
              </Text>
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  )
}

function SourceGraphView({ comparison }: { comparison: Comparison }) {
  const graph = layoutSourceGraph(
    comparison.sources,
    comparison.documents.map((d, i) => `${i + 1}. ${d.title}`),
    GRAPH_WIDTH,
  )
  const at = new Map(graph.nodes.map((n) => [n.id, n]))
  const sourceX = 150
  const docX = GRAPH_WIDTH - 110
  return (
    <svg
      viewBox={`0 0 ${GRAPH_WIDTH} ${graph.height}`}
      width="100%"
      style={{ maxWidth: GRAPH_WIDTH, display: 'block' }}
      role="img"
      aria-label="Sources cited by each document"
      data-testid="source-graph"
    >
      {graph.edges.map((e, i) => {
        const a = at.get(e.from)
        const b = at.get(e.to)
        if (!a || !b) return null
        if (e.kind === 'via') {
          // Speaker → relay: an arc on the left of the source column.
          const x = sourceX + 2
          const bulge = 30 + Math.abs(b.y - a.y) / 3
          return (
            <path
              key={i}
              d={`M${x},${a.y} C${x + bulge},${a.y} ${x + bulge},${b.y} ${x},${b.y}`}
              fill="none"
              stroke="var(--mantine-color-gray-6)"
              strokeDasharray="3 3"
              markerEnd="url(#px-arrow)"
              data-testid="via-edge"
            />
          )
        }
        const mid = (sourceX + docX) / 2
        return (
          <path
            key={i}
            d={`M${sourceX + 4},${a.y} C${mid},${a.y} ${mid},${b.y} ${docX - 4},${b.y}`}
            fill="none"
            stroke={`var(--mantine-color-${docColor(e.doc)}-4)`}
            strokeWidth={1.3}
            opacity={0.8}
          />
        )
      })}
      <defs>
        <marker
          id="px-arrow"
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="6"
          markerHeight="6"
          orient="auto"
        >
          <path d="M0,0 L8,4 L0,8 z" fill="var(--mantine-color-gray-6)" />
        </marker>
      </defs>
      {graph.nodes.map((n) =>
        n.kind === 'source' ? (
          <g key={n.id}>
            <circle
              cx={sourceX}
              cy={n.y}
              r={4}
              fill={n.isShared ? 'var(--mantine-color-green-6)' : 'var(--mantine-color-gray-5)'}
            />
            <text
              x={sourceX - 8}
              y={n.y + 3.5}
              fontSize={10}
              textAnchor="end"
              fill="var(--mantine-color-dark-6)"
            >
              {n.label.length > 26 ? `${n.label.slice(0, 25)}…` : n.label}
            </text>
          </g>
        ) : (
          <g key={n.id}>
            <rect
              x={docX}
              y={n.y - 9}
              width={GRAPH_WIDTH - docX - 4}
              height={18}
              rx={4}
              fill={`var(--mantine-color-${docColor(n.doc ?? 0)}-1)`}
              stroke={`var(--mantine-color-${docColor(n.doc ?? 0)}-5)`}
            />
            <text x={docX + 6} y={n.y + 3.5} fontSize={10} fill="var(--mantine-color-dark-7)">
              {n.label.length > 17 ? `${n.label.slice(0, 16)}…` : n.label}
            </text>
          </g>
        ),
      )}
    </svg>
  )
}
