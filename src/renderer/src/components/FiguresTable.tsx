import { Button, Group, ScrollArea, Table, Text, UnstyledButton } from '@mantine/core'
import { useMemo, useState } from 'react'
import type { Figure } from '../../../shared/analysis'
import { formatNumber } from './HighlightCard'
import {
  compareFigures,
  FIGURE_COLUMNS,
  figuresToCsv,
  type FigureColumnKey,
} from '../lib/figures-csv'

function formatCell(key: FigureColumnKey, v: string | number | null): string {
  if (v === null) return '—'
  if (typeof v === 'string') return v
  if (key === 'confidence') return `${Math.round(v * 100)}%`
  if (key === 'start') return String(v)
  return formatNumber(v)
}

interface Props {
  figures: Figure[]
  fileName: string
  onReveal: (figure: Figure) => void
}

/** Every figure of the document, sortable by any column, copyable as CSV. */
export function FiguresTable({ figures, onReveal }: Props) {
  const [sort, setSort] = useState<{ key: FigureColumnKey; isDescending: boolean }>({
    key: 'start',
    isDescending: false,
  })
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle')

  const rows = useMemo(
    () =>
      [...figures].sort(
        (a, b) => compareFigures(a, b, sort.key, sort.isDescending ? -1 : 1) || a.start - b.start,
      ),
    [figures, sort],
  )

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(figuresToCsv(rows))
      setCopyState('copied')
    } catch {
      setCopyState('failed')
    }
    window.setTimeout(() => setCopyState('idle'), 2000)
  }

  if (figures.length === 0) {
    return (
      <Text c="dimmed" size="sm" ta="center" mt="xl">
        No figures were found in this document.
      </Text>
    )
  }

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {figures.length} figure{figures.length === 1 ? '' : 's'} · click a header to sort, a row
          to find it in the text
        </Text>
        <Button
          size="xs"
          variant="light"
          onClick={() => void copy()}
          color={copyState === 'failed' ? 'red' : undefined}
        >
          {copyState === 'copied'
            ? 'Copied'
            : copyState === 'failed'
              ? 'Copy failed'
              : 'Copy as CSV'}
        </Button>
      </Group>
      <ScrollArea type="auto">
        <Table striped highlightOnHover stickyHeader fz="xs" data-testid="figures-table" miw={1100}>
          <Table.Thead>
            <Table.Tr>
              {FIGURE_COLUMNS.map((c) => {
                const isSorted = sort.key === c.key
                return (
                  <Table.Th
                    key={c.key}
                    aria-sort={isSorted ? (sort.isDescending ? 'descending' : 'ascending') : 'none'}
                  >
                    <UnstyledButton
                      className="px-sortable"
                      fz="xs"
                      fw={600}
                      onClick={() =>
                        setSort((s) => ({
                          key: c.key,
                          isDescending: s.key === c.key ? !s.isDescending : false,
                        }))
                      }
                    >
                      {c.label} {isSorted ? (sort.isDescending ? '▼' : '▲') : ''}
                    </UnstyledButton>
                  </Table.Th>
                )
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((f) => (
              <Table.Tr
                key={f.id}
                style={{ cursor: 'pointer' }}
                tabIndex={0}
                onClick={() => onReveal(f)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onReveal(f)
                }}
                data-testid="figure-row"
              >
                {FIGURE_COLUMNS.map((c) => {
                  const v = c.get(f)
                  const shown = formatCell(c.key, v)
                  return <Table.Td key={c.key}>{shown}</Table.Td>
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </>
  )
}
