import { Badge, Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { QUALIFIERS, type Figure, type Qualifier } from '../../../shared/analysis'
import type { Annotation } from '../../../shared/annotation'
import type { DocumentRecord } from '../../../shared/document'
import { api, errorMessage } from '../api'
import { useApiEvents } from '../hooks/use-api-events'

interface Props {
  annotations: Annotation[]
  records: DocumentRecord[]
  onMessage: (message: { color: string; text: string }) => void
}

interface Item {
  docId: string
  figure: Figure
}

/**
 * The review queue of machine figures in the project's compared documents: J/K move, A accepts,
 * R rejects, E corrects the value and qualifier (the correction feeds the figure reconciliation).
 */
export function ReviewQueue({ annotations, records, onMessage }: Props) {
  const [items, setItems] = useState<Item[]>([])
  const [current, setCurrent] = useState(0)
  const [editing, setEditing] = useState<{ value: number | string; qualifier: Qualifier } | null>(
    null,
  )

  const load = useCallback(async () => {
    try {
      const comparisons = await api.comparisons.list()
      const known = new Set(records.map((r) => r.id))
      const ids = [...new Set(comparisons.flatMap((c) => c.docIds))].filter((id) => known.has(id))
      const out: Item[] = []
      for (const docId of ids) {
        const analysis = await api.analysis.get(docId)
        for (const figure of analysis.figures) out.push({ docId, figure })
      }
      setItems(out)
    } catch (err) {
      onMessage({ color: 'red', text: errorMessage(err) })
    }
  }, [records, onMessage])
  useEffect(() => {
    void load()
  }, [load])
  useApiEvents((event) => {
    if (event.type === 'comparisons.changed') void load()
  })

  const reviews = useMemo(() => {
    const m = new Map<string, Annotation>()
    for (const a of annotations) {
      if (a.kind === 'machine-review' && a.machineRef?.layer === 'figure')
        m.set(`${a.target.docId}:${a.machineRef.id}`, a)
    }
    return m
  }, [annotations])
  const titles = useMemo(() => new Map(records.map((r) => [r.id, r.title])), [records])

  const review = async (
    item: Item,
    decision: 'accepted' | 'rejected' | 'edited',
    edit?: { value: number | null; qualifier: Qualifier },
  ) => {
    try {
      await api.annotations.review({
        layer: 'figure',
        machineId: item.figure.id,
        docId: item.docId,
        start: item.figure.start,
        end: item.figure.end,
        decision,
        ...(edit ? { figure: { value: edit.value, qualifier: edit.qualifier } } : {}),
      })
    } catch (err) {
      onMessage({ color: 'red', text: `Review failed: ${errorMessage(err)}` })
    }
  }

  const onKey = (e: React.KeyboardEvent) => {
    const t = e.target as HTMLElement
    if (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || e.ctrlKey || e.metaKey || e.altKey)
      return
    const item = items[current]
    const key = e.key.toLowerCase()
    if (key === 'j') setCurrent((c) => Math.min(items.length - 1, c + 1))
    else if (key === 'k') setCurrent((c) => Math.max(0, c - 1))
    else if (key === 'a' && item)
      void review(item, 'accepted').then(() => setCurrent((c) => Math.min(items.length - 1, c + 1)))
    else if (key === 'r' && item)
      void review(item, 'rejected').then(() => setCurrent((c) => Math.min(items.length - 1, c + 1)))
    else if (key === 'e' && item)
      setEditing({ value: item.figure.value ?? '', qualifier: item.figure.qualifier })
    else return
    e.preventDefault()
  }

  return (
    <Stack
      gap={6}
      tabIndex={0}
      onKeyDown={onKey}
      aria-label="Review queue"
      data-testid="review-queue"
    >
      <Text size="xs" c="dimmed">
        {items.length} machine figures in the compared documents · J/K move, A accept, R reject, E
        correct
      </Text>
      {items.map((item, i) => {
        const r = reviews.get(`${item.docId}:${item.figure.id}`)
        const isCurrent = i === current
        return (
          <div
            key={`${item.docId}:${item.figure.id}`}
            data-testid="review-item"
            data-status={r?.status ?? 'pending'}
            aria-current={isCurrent ? 'true' : undefined}
            onClick={() => setCurrent(i)}
            style={{
              border: `1px solid ${isCurrent ? 'var(--mantine-color-indigo-5)' : 'var(--mantine-color-gray-3)'}`,
              borderRadius: 6,
              padding: 6,
              opacity: r?.status === 'rejected' ? 0.55 : 1,
            }}
          >
            <Group justify="space-between" wrap="nowrap" gap={6}>
              <Text size="sm" fw={500}>
                “{item.figure.text}”
                {r?.status === 'edited' && r.figure
                  ? ` → ${r.figure.qualifier.replace(/_/g, ' ')} ${r.figure.value ?? '?'}`
                  : ''}
              </Text>
              <Badge size="xs" variant="outline">
                {r?.status ?? 'pending'}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" truncate="end">
              {titles.get(item.docId) ?? item.docId}
            </Text>
            {isCurrent && editing && (
              <Group gap={4} mt={4} align="flex-end">
                <NumberInput
                  size="xs"
                  label="Value"
                  value={editing.value}
                  onChange={(v) => setEditing({ ...editing, value: v })}
                  w={110}
                />
                <Select
                  size="xs"
                  label="Qualifier"
                  data={QUALIFIERS.map((q) => ({ value: q, label: q.replace(/_/g, ' ') }))}
                  value={editing.qualifier}
                  onChange={(v) => v && setEditing({ ...editing, qualifier: v as Qualifier })}
                  comboboxProps={{ withinPortal: true }}
                  w={150}
                />
                <Button
                  size="compact-xs"
                  onClick={() => {
                    const value = typeof editing.value === 'number' ? editing.value : null
                    setEditing(null)
                    void review(item, 'edited', { value, qualifier: editing.qualifier })
                  }}
                >
                  Save correction
                </Button>
              </Group>
            )}
          </div>
        )
      })}
    </Stack>
  )
}
