import { Button, Checkbox, Group, Modal, ScrollArea, Stack, Text, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { DocumentRecord } from '../../../shared/document'
import type { ComparisonSetup } from '../../../shared/project'
import { api, errorMessage } from '../api'
import { formatDate } from '../lib/records'
import { DocChip } from './FiguresTab'
import { defaultViewSettings, serializeViewSettings } from './view-settings'

const MIN_DOCS = 2
const MAX_DOCS = 6

/** Name and pick 2–6 library documents; columns follow the order they were ticked in. */
export function NewComparisonModal({
  opened,
  records,
  onClose,
  onCreated,
}: {
  opened: boolean
  records: DocumentRecord[]
  onClose: () => void
  onCreated: (setup: ComparisonSetup) => void
}) {
  const [name, setName] = useState('')
  const [picked, setPicked] = useState<string[]>([])
  const [filter, setFilter] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)

  useEffect(() => {
    if (opened) {
      setName('')
      setPicked([])
      setFilter('')
      setError(null)
    }
  }, [opened])

  const needle = filter.trim().toLowerCase()
  const shown = records.filter(
    (r) => !needle || `${r.title} ${r.outlet ?? ''}`.toLowerCase().includes(needle),
  )
  const toggle = (id: string, isOn: boolean) =>
    setPicked((p) => (isOn ? (p.length < MAX_DOCS ? [...p, id] : p) : p.filter((x) => x !== id)))
  const titleOf = (id: string) => records.find((r) => r.id === id)?.title ?? id
  const isValid = picked.length >= MIN_DOCS && picked.length <= MAX_DOCS

  const create = async () => {
    if (!isValid) return
    setBusy(true)
    try {
      const finalName =
        name.trim() ||
        picked
          .map(titleOf)
          .map((t) => (t.length > 30 ? `${t.slice(0, 29)}…` : t))
          .join(' vs ')
      const setup = await api.comparisons.save({
        name: finalName,
        docIds: picked,
        view: serializeViewSettings(defaultViewSettings(picked.length)),
      })
      onCreated(setup)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title="New comparison" size="lg">
      <Stack gap="sm">
        <TextInput
          label="Name"
          placeholder="e.g. Khan Tuman casualties, May 2016"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="comparison-name-input"
        />
        <Group justify="space-between" align="flex-end">
          <Text size="sm" fw={500}>
            Documents ({picked.length} of {MIN_DOCS}–{MAX_DOCS} chosen)
          </Text>
          <TextInput
            size="xs"
            placeholder="Filter"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            aria-label="Filter documents"
          />
        </Group>
        {records.length < MIN_DOCS ? (
          <Text size="sm" c="dimmed">
            The library needs at least two documents.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={320} type="auto">
            <Stack gap={6} data-testid="document-picker">
              {shown.map((r) => {
                const at = picked.indexOf(r.id)
                return (
                  <Checkbox
                    key={r.id}
                    checked={at >= 0}
                    disabled={at < 0 && picked.length >= MAX_DOCS}
                    onChange={(e) => toggle(r.id, e.currentTarget.checked)}
                    label={
                      <Group gap={6} wrap="nowrap">
                        {at >= 0 && <DocChip doc={at} />}
                        <Text size="sm" lineClamp={1}>
                          {r.title}
                        </Text>
                        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                          {[r.outlet, formatDate(r.published)].filter(Boolean).join(' · ')}
                        </Text>
                      </Group>
                    }
                    aria-label={r.title}
                  />
                )
              })}
            </Stack>
          </ScrollArea.Autosize>
        )}
        {error && (
          <Text size="sm" c="red">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => void create()}
            disabled={!isValid}
            loading={isBusy}
            data-testid="create-comparison"
          >
            Compare {picked.length || ''} documents
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

export function RenameComparisonModal({
  setup,
  onClose,
  onRenamed,
}: {
  setup: ComparisonSetup | null
  onClose: () => void
  onRenamed: (setup: ComparisonSetup) => void
}) {
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setName(setup?.name ?? '')
    setError(null)
  }, [setup])
  const submit = async () => {
    if (!setup || !name.trim()) return
    try {
      // The latest saved view: the open view may have saved settings since the list was read.
      const fresh = (await api.comparisons.list()).find((c) => c.id === setup.id) ?? setup
      onRenamed(
        await api.comparisons.save({
          id: fresh.id,
          name: name.trim(),
          docIds: fresh.docIds,
          view: fresh.view,
        }),
      )
    } catch (err) {
      setError(errorMessage(err))
    }
  }
  return (
    <Modal opened={setup !== null} onClose={onClose} title="Rename comparison">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
            data-testid="rename-input"
            error={error}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!name.trim()} data-testid="rename-save">
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

export function DeleteComparisonModal({
  setup,
  onClose,
  onDeleted,
}: {
  setup: ComparisonSetup | null
  onClose: () => void
  onDeleted: (remaining: ComparisonSetup[]) => void
}) {
  const [error, setError] = useState<string | null>(null)
  useEffect(() => setError(null), [setup])
  return (
    <Modal opened={setup !== null} onClose={onClose} title="Delete comparison">
      <Stack gap="sm">
        <Text size="sm">
          Delete “{setup?.name}”? The documents stay in the library; only this comparison and its
          view settings go.
        </Text>
        {error && (
          <Text size="sm" c="red">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            data-testid="delete-confirm"
            onClick={() => {
              if (!setup) return
              api.comparisons
                .remove(setup.id)
                .then(onDeleted, (err: unknown) => setError(errorMessage(err)))
            }}
          >
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
