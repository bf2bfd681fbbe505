import { Badge, Group, Select, SegmentedControl, Stack, Text } from '@mantine/core'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { DocumentAnalysis } from '../../../shared/analysis'
import { MACHINE_LAYERS, type Annotation, type MachineLayer } from '../../../shared/annotation'
import type { DocumentRecord } from '../../../shared/document'
import { api, errorMessage } from '../api'
import { useApiEvents } from '../hooks/use-api-events'
import { ReviewActions } from './ReviewActions'
import { correctionText, sendReview, type Decision } from './review-client'
import {
  itemText,
  machineSays,
  reviewItems,
  reviewKey,
  reviewsByKey,
  type ReviewItem,
} from './review-items'

interface Props {
  annotations: Annotation[]
  records: DocumentRecord[]
  onMessage: (message: { color: string; text: string }) => void
}

const LAYER_LABELS: Record<MachineLayer, string> = {
  figure: 'Figures',
  entity: 'Entities',
  attribution: 'Attributions',
  stance: 'Stance cues',
}

/** Keys typed into a field are the field's, not the queue's (radios and checkboxes excepted). */
function isTyping(el: EventTarget): boolean {
  if (!(el instanceof HTMLElement)) return false
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true
  return el instanceof HTMLInputElement && !['radio', 'checkbox', 'button'].includes(el.type)
}

/**
 * The review queue of every machine annotation in the project's compared documents: a layer
 * switch (figures, entities, attributions, stance cues), a document filter, progress, each item
 * with its sentence and what the machine says. J/K move, A accepts (and restores a rejected
 * one), R rejects (kept, dimmed), E corrects, U undoes the last action.
 */
export function ReviewQueue({ annotations, records, onMessage }: Props) {
  const [analyses, setAnalyses] = useState<DocumentAnalysis[]>([])
  const [texts, setTexts] = useState<Map<string, string>>(() => new Map())
  const [layer, setLayer] = useState<MachineLayer>('figure')
  const [docFilter, setDocFilter] = useState<string>('all')
  const [current, setCurrent] = useState(0)
  const [editing, setEditing] = useState<string | null>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  // Closing the editor unmounts the focused field: the keys go back to the queue.
  const closeEditor = () => {
    setEditing(null)
    requestAnimationFrame(() => rootRef.current?.focus())
  }

  const load = useCallback(async () => {
    try {
      const comparisons = await api.comparisons.list()
      const known = new Set(records.map((r) => r.id))
      const ids = [...new Set(comparisons.flatMap((c) => c.docIds))].filter((id) => known.has(id))
      const loaded = await Promise.all(
        ids.map(async (id) => {
          const [analysis, view] = await Promise.all([api.analysis.get(id), api.library.get(id)])
          return { analysis, text: view.text }
        }),
      )
      setAnalyses(loaded.map((x) => x.analysis))
      setTexts(new Map(loaded.map((x) => [x.analysis.docId, x.text])))
    } catch (err) {
      onMessage({ color: 'red', text: errorMessage(err) })
    }
  }, [records, onMessage])
  useEffect(() => {
    void load()
  }, [load])
  useApiEvents((event) => {
    // An entity correction renames it in the analysis; a re-analysis may change every item.
    if (event.type === 'comparisons.changed' || event.type === 'analysis.invalidated') void load()
  })

  const items = useMemo(
    () =>
      analyses
        .filter((a) => docFilter === 'all' || a.docId === docFilter)
        .flatMap((a) => reviewItems(a, layer)),
    [analyses, layer, docFilter],
  )
  const reviews = useMemo(() => reviewsByKey(annotations), [annotations])
  const titles = useMemo(() => new Map(records.map((r) => [r.id, r.title])), [records])
  const reviewOf = (item: ReviewItem) =>
    reviews.get(reviewKey(item.docId, item.layer, item.machineId))
  const reviewedCount = items.filter((i) => reviewOf(i) !== undefined).length
  const counts = useMemo(() => {
    const inDocs = analyses.filter((a) => docFilter === 'all' || a.docId === docFilter)
    return Object.fromEntries(
      MACHINE_LAYERS.map((l) => [l, inDocs.reduce((n, a) => n + reviewItems(a, l).length, 0)]),
    ) as Record<MachineLayer, number>
  }, [analyses, docFilter])

  const index = Math.min(current, Math.max(0, items.length - 1))
  const item = items[index]
  const itemKey = (i: ReviewItem) => reviewKey(i.docId, i.layer, i.machineId)

  useEffect(() => {
    listRef.current
      ?.querySelector('[aria-current="true"]')
      ?.scrollIntoView({ block: 'nearest', behavior: 'instant' })
  }, [index, layer, docFilter])

  const review = async (target: ReviewItem, decision: Decision) => {
    try {
      await sendReview(target, decision)
      return true
    } catch (err) {
      onMessage({ color: 'red', text: `Review failed: ${errorMessage(err)}` })
      return false
    }
  }
  const next = () => setCurrent(Math.min(items.length - 1, index + 1))
  const undo = async () => {
    try {
      const step = await api.history.undo()
      onMessage({
        color: step.label ? 'blue' : 'gray',
        text: step.label ? `Undone: ${step.label}` : 'Nothing to undo.',
      })
    } catch (err) {
      onMessage({ color: 'red', text: errorMessage(err) })
    }
  }

  const onKey = (e: React.KeyboardEvent) => {
    if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return
    const key = e.key.toLowerCase()
    if (key === 'j') setCurrent(Math.min(items.length - 1, index + 1))
    else if (key === 'k') setCurrent(Math.max(0, index - 1))
    else if (key === 'a' && item) void review(item, 'accepted').then((ok) => ok && next())
    else if (key === 'r' && item) void review(item, 'rejected').then((ok) => ok && next())
    else if (key === 'e' && item) setEditing(itemKey(item))
    else if (key === 'u') void undo()
    else return
    e.preventDefault()
  }

  const documentOptions = [
    { value: 'all', label: 'All compared documents' },
    ...analyses.map((a) => ({ value: a.docId, label: titles.get(a.docId) ?? a.docId })),
  ]

  return (
    <Stack
      ref={rootRef}
      gap={6}
      tabIndex={0}
      onKeyDown={onKey}
      aria-label="Review queue"
      px={2}
      data-testid="review-queue"
      data-layer={layer}
    >
      {/* The switches and the progress stay in view, below the drawer's own sticky title. */}
      <Stack
        gap={6}
        pb={4}
        style={{ position: 'sticky', top: 60, zIndex: 2, background: 'var(--mantine-color-body)' }}
      >
        <SegmentedControl
          size="xs"
          fullWidth
          value={layer}
          onChange={(v) => {
            setLayer(v as MachineLayer)
            setCurrent(0)
            setEditing(null)
          }}
          data={MACHINE_LAYERS.map((l) => ({
            value: l,
            label: `${LAYER_LABELS[l]} (${counts[l] ?? 0})`,
          }))}
          data-testid="review-layer"
        />
        <Group gap={6} justify="space-between" wrap="nowrap">
          <Select
            size="xs"
            aria-label="Document"
            data={documentOptions}
            value={docFilter}
            onChange={(v) => {
              setDocFilter(v ?? 'all')
              setCurrent(0)
            }}
            comboboxProps={{ withinPortal: true }}
            allowDeselect={false}
            w={280}
            data-testid="review-document"
          />
          <Text size="xs" fw={500} data-testid="review-progress">
            {reviewedCount} of {items.length} reviewed
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          J/K move · A accept (restores a rejected one) · R reject · E correct · U undo
        </Text>
      </Stack>
      <Stack gap={6} ref={listRef}>
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            No machine {LAYER_LABELS[layer].toLowerCase()} in the compared documents.
          </Text>
        )}
        {items.map((it, i) => {
          const r = reviewOf(it)
          const status = r?.status ?? 'pending'
          const isCurrent = i === index
          const key = itemKey(it)
          const text = texts.get(it.docId)
          const correction = correctionText(r)
          return (
            <div
              key={key}
              data-testid="review-item"
              data-status={status}
              data-layer={it.layer}
              aria-current={isCurrent ? 'true' : undefined}
              onClick={() => setCurrent(i)}
              style={{
                border: `1px solid ${isCurrent ? 'var(--mantine-color-indigo-5)' : 'var(--mantine-color-gray-3)'}`,
                borderRadius: 6,
                padding: 6,
                opacity: status === 'rejected' ? 0.5 : 1,
                // Scrolled into view below the sticky switches, not under them.
                scrollMarginTop: 200,
              }}
            >
              <Group justify="space-between" wrap="nowrap" gap={6}>
                <Text
                  size="sm"
                  fw={500}
                  td={status === 'rejected' ? 'line-through' : undefined}
                  data-testid="review-item-text"
                >
                  “{itemText(it)}”
                </Text>
                <Badge
                  size="xs"
                  variant={status === 'pending' ? 'outline' : 'light'}
                  color={status === 'rejected' ? 'red' : status === 'edited' ? 'violet' : undefined}
                  data-testid="review-status"
                >
                  {status}
                </Badge>
              </Group>
              <Text size="xs" data-testid="review-machine">
                {machineSays(it)}
              </Text>
              {correction && (
                <Text size="xs" c="violet" data-testid="review-correction">
                  {correction}
                </Text>
              )}
              {text !== undefined && (
                <Text size="xs" c="dimmed" lineClamp={isCurrent ? undefined : 2}>
                  {text.slice(it.sentence.start, it.start)}
                  <mark>{text.slice(it.start, it.end)}</mark>
                  {text.slice(it.end, it.sentence.end)}
                </Text>
              )}
              <Text size="xs" c="dimmed" truncate="end">
                {titles.get(it.docId) ?? it.docId}
              </Text>
              {isCurrent && (
                <ReviewActions
                  layer={it.layer}
                  machineId={it.machineId}
                  docId={it.docId}
                  start={it.start}
                  end={it.end}
                  item={it}
                  withStatus={false}
                  isEditing={editing === key}
                  onEditingChange={(isOpen) => (isOpen ? setEditing(key) : closeEditor())}
                />
              )}
            </div>
          )
        })}
      </Stack>
    </Stack>
  )
}
