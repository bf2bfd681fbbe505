import { Badge, Group, Stack, Table, Text } from '@mantine/core'
import type { Entity, EntityType } from '../../../shared/analysis'

const TYPE_COLOR: Record<EntityType, string> = {
  person: 'blue',
  organisation: 'violet',
  place: 'green',
  group: 'orange',
}

/** The document's people, organisations, places and groups, with every name used for each. */
export function EntitiesList({ entities }: { entities: Entity[] }) {
  if (entities.length === 0) {
    return (
      <Text c="dimmed" size="sm" ta="center" mt="xl">
        No people, organisations, places or groups were recognised.
      </Text>
    )
  }
  const sorted = [...entities].sort(
    (a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name),
  )
  return (
    <Table highlightOnHover fz="sm" data-testid="entities-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Also called</Table.Th>
          <Table.Th ta="right">Mentions</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((e) => (
          <Table.Tr key={e.id} data-testid="entity-row">
            <Table.Td fw={600}>{e.name}</Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={TYPE_COLOR[e.type]}>
                {e.type}
              </Badge>
            </Table.Td>
            <Table.Td>
              {e.aliases.length === 0 ? (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              ) : (
                <Group gap={4}>
                  {e.aliases.map((a) => (
                    <Badge key={a} size="sm" variant="outline" color="gray" tt="none">
                      {a}
                    </Badge>
                  ))}
                </Group>
              )}
            </Table.Td>
            <Table.Td ta="right">{e.mentions.length}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** Stack of summary lines shown above the tabs when the analysis has a stance summary. */
export function StanceSummary({ summary }: { summary: string | null }) {
  if (!summary) return null
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        Stance
      </Text>
      <Text size="sm">{summary}</Text>
    </Stack>
  )
}
