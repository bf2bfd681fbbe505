import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core'
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { CONNOTATIONS } from '../../../shared/analysis'
import { LEXICON_KINDS, type LexiconEntry, type LexiconKind } from '../../../shared/lexicon'
import { api, errorMessage } from '../api'
import {
  CONNOTATION_COLOR,
  CONNOTATION_MEANING,
  EMPTY_DRAFT,
  LEXICON_KIND_HELP,
  LEXICON_KIND_LABEL,
  checkDraft,
  draftOf,
  sameEntry,
  type DraftErrors,
  type LexiconDraft,
} from './framing-model'

const KIND_OPTIONS = LEXICON_KINDS.map((k) => ({ value: k, label: LEXICON_KIND_LABEL[k] }))
const CONNOTATION_OPTIONS = [
  { value: '', label: 'Default for the kind' },
  ...CONNOTATIONS.map((c) => ({ value: c, label: c })),
]

/**
 * The researcher's own lexicon: a table of their entries with add, edit and remove. Main saves
 * them and tells every open analysis to refresh (`analysis.invalidated`).
 */
export function LexiconEditor({ onChanged }: { onChanged?: (entries: LexiconEntry[]) => void }) {
  const [entries, setEntries] = useState<LexiconEntry[] | null>(null)
  const [draft, setDraft] = useState<LexiconDraft>(EMPTY_DRAFT)
  const [editing, setEditing] = useState<LexiconEntry | null>(null)
  const [errors, setErrors] = useState<DraftErrors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [status, setStatus] = useState<string | null>(null)

  useEffect(() => {
    let isCurrent = true
    api.lexicon.list().then(
      (list) => isCurrent && setEntries(list),
      (err: unknown) => isCurrent && setFailure(errorMessage(err)),
    )
    return () => {
      isCurrent = false
    }
  }, [])

  const applied = useCallback(
    (list: LexiconEntry[], message: string) => {
      setEntries(list)
      setStatus(message)
      onChanged?.(list)
    },
    [onChanged],
  )

  const set = <K extends keyof LexiconDraft>(key: K, value: LexiconDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setErrors((e) => ({ ...e, [key]: undefined }))
  }

  const reset = () => {
    setDraft(EMPTY_DRAFT)
    setEditing(null)
    setErrors({})
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const checked = checkDraft(draft)
    if (checked.errors) {
      setErrors(checked.errors)
      return
    }
    setBusy(true)
    setFailure(null)
    try {
      let list = await api.lexicon.add(checked.entry)
      // Renaming the term or changing the kind makes a new slot: take the old one out.
      if (editing && !sameEntry(editing, checked.entry)) {
        list = await api.lexicon.remove(editing.term, editing.kind)
      }
      applied(
        list,
        `${editing ? 'Saved' : 'Added'} “${checked.entry.term}”. Open documents are being re-analysed.`,
      )
      reset()
    } catch (err) {
      setFailure(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const remove = async (entry: LexiconEntry) => {
    setBusy(true)
    setFailure(null)
    try {
      const list = await api.lexicon.remove(entry.term, entry.kind)
      applied(list, `Removed “${entry.term}”. Open documents are being re-analysed.`)
      if (editing && sameEntry(editing, entry)) reset()
    } catch (err) {
      setFailure(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const kind = draft.kind
  return (
    <Stack gap="md" data-testid="lexicon-editor">
      <Text size="sm" c="dimmed">
        Your entries extend the shipped lexicons (and replace a shipped entry spelled the same).
        Terms match whole words, case-insensitively. They are saved with your workspace and every
        open analysis is redone with them.
      </Text>

      <Paper
        withBorder
        p="md"
        radius="md"
        component="form"
        noValidate
        onSubmit={(e: FormEvent) => void submit(e)}
      >
        <Stack gap="sm">
          <Text fw={600} size="sm">
            {editing ? `Edit “${editing.term}”` : 'Add an entry'}
          </Text>
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
            <TextInput
              label="Word or phrase"
              placeholder="e.g. clashes"
              value={draft.term}
              onChange={(e) => set('term', e.currentTarget.value)}
              error={errors.term}
              withAsterisk
              data-autofocus
            />
            <Select
              label="Kind"
              data={KIND_OPTIONS}
              value={kind}
              onChange={(v) => v && set('kind', v as LexiconKind)}
              allowDeselect={false}
              error={errors.kind}
              comboboxProps={{ withinPortal: true, zIndex: 1000 }}
            />
            <TextInput
              label="Actor"
              description={kind === 'actor-label' ? 'Required: who this label names' : 'Optional'}
              placeholder="e.g. Syrian opposition"
              value={draft.actor}
              onChange={(e) => set('actor', e.currentTarget.value)}
              error={errors.actor}
              withAsterisk={kind === 'actor-label'}
            />
            <Select
              label="Connotation"
              description="How the word regards the actor"
              data={CONNOTATION_OPTIONS}
              value={draft.connotation}
              onChange={(v) => set('connotation', (v ?? '') as LexiconDraft['connotation'])}
              allowDeselect={false}
              error={errors.connotation}
              comboboxProps={{ withinPortal: true, zIndex: 1000 }}
              renderOption={({ option }) => (
                <Tooltip
                  label={
                    option.value
                      ? CONNOTATION_MEANING[option.value as keyof typeof CONNOTATION_MEANING]
                      : 'neutral for labels, none for other kinds'
                  }
                  position="right"
                  withinPortal
                  zIndex={1100}
                >
                  <span>{option.label}</span>
                </Tooltip>
              )}
            />
            <TextInput
              label="Polarity"
              description="−1 hostile … +1 favourable; empty for the kind’s default"
              placeholder="e.g. -0.5"
              value={draft.polarity}
              onChange={(e) => set('polarity', e.currentTarget.value)}
              error={errors.polarity}
              inputMode="decimal"
            />
            <Textarea
              label="Note"
              description="Why the entry exists (shown on the cue’s card)"
              value={draft.note}
              onChange={(e) => set('note', e.currentTarget.value)}
              error={errors.note}
              autosize
              minRows={1}
              maxRows={4}
            />
          </SimpleGrid>
          <Alert variant="light" color="indigo" p="xs" data-testid="kind-help">
            <Text size="xs">
              <b>{LEXICON_KIND_LABEL[kind]}:</b> {LEXICON_KIND_HELP[kind]}
            </Text>
          </Alert>
          <Group justify="flex-end" gap="xs">
            {editing && (
              <Button variant="default" onClick={reset} disabled={isBusy}>
                Cancel edit
              </Button>
            )}
            <Button type="submit" loading={isBusy}>
              {editing ? 'Save entry' : 'Add entry'}
            </Button>
          </Group>
        </Stack>
      </Paper>

      {failure && (
        <Alert
          color="red"
          withCloseButton
          onClose={() => setFailure(null)}
          data-testid="lexicon-error"
        >
          {failure}
        </Alert>
      )}
      {status && (
        <Text size="sm" c="teal.8" role="status" data-testid="lexicon-status">
          {status}
        </Text>
      )}

      {entries === null ? null : entries.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" data-testid="lexicon-empty">
          You have not added any entries yet.
        </Text>
      ) : (
        <Table highlightOnHover fz="sm" data-testid="lexicon-table" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Term</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Actor</Table.Th>
              <Table.Th>Connotation</Table.Th>
              <Table.Th ta="right">Polarity</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th w={80}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => (
              <Table.Tr
                key={`${e.kind}|${e.term}`}
                data-testid="lexicon-row"
                data-term={e.term}
                bg={editing && sameEntry(editing, e) ? 'indigo.0' : undefined}
              >
                <Table.Td fw={600}>{e.term}</Table.Td>
                <Table.Td>
                  <Tooltip label={LEXICON_KIND_HELP[e.kind]} multiline w={300}>
                    <Badge size="sm" variant="light" tt="none" miw="max-content">
                      {LEXICON_KIND_LABEL[e.kind]}
                    </Badge>
                  </Tooltip>
                </Table.Td>
                <Table.Td>{e.actor ?? '—'}</Table.Td>
                <Table.Td>
                  {e.connotation ? (
                    <Badge
                      size="sm"
                      variant="light"
                      color={CONNOTATION_COLOR[e.connotation]}
                      miw="max-content"
                    >
                      {e.connotation}
                    </Badge>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {e.polarity === undefined ? '—' : e.polarity.toFixed(2)}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {e.note ?? ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Edit ${e.term}`}
                      onClick={() => {
                        setEditing(e)
                        setDraft(draftOf(e))
                        setErrors({})
                      }}
                    >
                      ✎
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${e.term}`}
                      onClick={() => void remove(e)}
                      disabled={isBusy}
                    >
                      ✕
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
