import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  NativeSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core'
import { useMemo, useState, type FormEvent } from 'react'
import {
  ENTITY_TYPES,
  type DocumentAnalysis,
  type Entity,
  type EntityEdit,
  type EntityType,
} from '../../../shared/analysis'
import { api, errorMessage } from '../api'
import { mentionWordings, sortEntities } from './framing-model'

const TYPE_COLOR: Record<EntityType, string> = {
  person: 'blue',
  organisation: 'violet',
  place: 'green',
  group: 'orange',
}

type Dialog =
  | { kind: 'rename'; entity: Entity }
  | { kind: 'merge'; entities: Entity[] }
  | { kind: 'split'; entity: Entity }
  | null

interface Props {
  docId: string
  analysis: DocumentAnalysis
  /** Receives the analysis with the correction applied. */
  onChange: (analysis: DocumentAnalysis) => void
}

/**
 * The document's entities with the corrections a researcher makes to them: rename, merge,
 * split, delete, change type, and undo the last one. Main keeps the corrections and applies them
 * again after every re-analysis, so they survive a newer analyser or a lexicon change.
 */
export function EntityEditor({ docId, analysis, onChange }: Props) {
  const entities = useMemo(() => sortEntities(analysis.entities), [analysis.entities])
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set())
  const [dialog, setDialog] = useState<Dialog>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  // Corrections made here; a delete leaves no "edited" entity behind to say undo is possible.
  const [madeHere, setMadeHere] = useState(0)

  const chosen = entities.filter((e) => selected.has(e.id))
  const canUndo = madeHere > 0 || analysis.entities.some((e) => e.isEdited)

  const run = async (edit: EntityEdit, message: string) => {
    setBusy(true)
    setFailure(null)
    try {
      const next = await api.analysis.editEntities(docId, [edit])
      setMadeHere((n) => n + 1)
      setSelected(new Set())
      setDialog(null)
      setStatus(message)
      onChange(next)
    } catch (err) {
      setFailure(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const undo = async () => {
    setBusy(true)
    setFailure(null)
    try {
      const next = await api.analysis.undoEntityEdit(docId)
      setMadeHere((n) => Math.max(0, n - 1))
      setStatus('The last correction was taken back.')
      onChange(next)
    } catch (err) {
      setMadeHere(0)
      setFailure(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const toggle = (id: string, isOn: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev)
      if (isOn) next.add(id)
      else next.delete(id)
      return next
    })

  return (
    <Stack gap="sm" data-testid="entity-editor">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed">
          Correct what the analysis found: your corrections are kept when the document is analysed
          again.
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="light"
            disabled={chosen.length < 2 || isBusy}
            onClick={() => setDialog({ kind: 'merge', entities: chosen })}
          >
            Merge selected{chosen.length >= 2 ? ` (${chosen.length})` : ''}
          </Button>
          <Button
            size="xs"
            variant="default"
            disabled={!canUndo || isBusy}
            onClick={() => void undo()}
          >
            Undo last correction
          </Button>
        </Group>
      </Group>
      {failure && (
        <Alert
          color="red"
          withCloseButton
          onClose={() => setFailure(null)}
          data-testid="entity-error"
        >
          {failure}
        </Alert>
      )}
      {status && (
        <Text size="sm" c="teal.8" role="status" data-testid="entity-status">
          {status}
        </Text>
      )}

      {entities.length === 0 ? (
        <Text c="dimmed" size="sm" ta="center" mt="xl">
          No people, organisations, places or groups were recognised.
        </Text>
      ) : (
        <Table highlightOnHover fz="sm" data-testid="entities-list" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>
                <VisuallyHidden>Select</VisuallyHidden>
              </Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th w={140}>Type</Table.Th>
              <Table.Th>Also called</Table.Th>
              <Table.Th ta="right">Mentions</Table.Th>
              <Table.Th w={50}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entities.map((e) => (
              <Table.Tr
                key={e.id}
                data-testid="entity-row"
                data-name={e.name}
                bg={selected.has(e.id) ? 'indigo.0' : undefined}
              >
                <Table.Td>
                  <Checkbox
                    size="xs"
                    checked={selected.has(e.id)}
                    onChange={(ev) => toggle(e.id, ev.currentTarget.checked)}
                    aria-label={`Select ${e.name}`}
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Tooltip
                      label={e.evidence.join(' · ') || 'no evidence recorded'}
                      multiline
                      w={320}
                      events={{ hover: true, focus: true, touch: false }}
                    >
                      <span className="px-entity-name" tabIndex={0}>
                        {e.name}
                      </span>
                    </Tooltip>
                    {e.isEdited && (
                      <Badge
                        size="xs"
                        variant="dot"
                        color="indigo"
                        data-testid="edited-badge"
                        miw="max-content"
                        style={{ flexShrink: 0 }}
                      >
                        edited
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    data={[...ENTITY_TYPES]}
                    value={e.type}
                    aria-label={`Type of ${e.name}`}
                    disabled={isBusy}
                    onChange={(ev) => {
                      const type = ev.currentTarget.value as EntityType
                      if (type !== e.type) {
                        void run(
                          { kind: 'retype', name: e.name, type },
                          `${e.name} is now a ${type}.`,
                        )
                      }
                    }}
                    styles={{ input: { color: `var(--mantine-color-${TYPE_COLOR[e.type]}-8)` } }}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={e.aliases.length === 0 ? 'dimmed' : undefined}>
                    {e.aliases.length === 0 ? '—' : e.aliases.join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{e.mentions.length}</Table.Td>
                <Table.Td>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`Correct ${e.name}`}
                        disabled={isBusy}
                      >
                        ⋯
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => setDialog({ kind: 'rename', entity: e })}>
                        Rename…
                      </Menu.Item>
                      <Menu.Item
                        disabled={e.mentions.length < 2}
                        onClick={() => setDialog({ kind: 'split', entity: e })}
                      >
                        Split off mentions…
                      </Menu.Item>
                      <Menu.Divider />
                      <Menu.Item
                        color="red"
                        onClick={() =>
                          void run({ kind: 'delete', name: e.name }, `Deleted ${e.name}.`)
                        }
                      >
                        Delete
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <RenameDialog
        dialog={dialog}
        isBusy={isBusy}
        onClose={() => setDialog(null)}
        onSubmit={(entity, newName) =>
          void run(
            { kind: 'rename', name: entity.name, newName },
            `Renamed ${entity.name} to ${newName}.`,
          )
        }
      />
      <MergeDialog
        dialog={dialog}
        isBusy={isBusy}
        onClose={() => setDialog(null)}
        onSubmit={(parts, newName) =>
          void run(
            { kind: 'merge', names: parts.map((p) => p.name), newName },
            `Merged ${parts.length} entities into ${newName}.`,
          )
        }
      />
      <SplitDialog
        dialog={dialog}
        isBusy={isBusy}
        onClose={() => setDialog(null)}
        onSubmit={(entity, mentions, newName, type) =>
          void run(
            { kind: 'split', name: entity.name, mentions, newName, type },
            `Split ${mentions.length} mention${mentions.length === 1 ? '' : 's'} off ${entity.name} as ${newName}.`,
          )
        }
      />
    </Stack>
  )
}

function RenameDialog({
  dialog,
  isBusy,
  onClose,
  onSubmit,
}: {
  dialog: Dialog
  isBusy: boolean
  onClose: () => void
  onSubmit: (entity: Entity, newName: string) => void
}) {
  const entity = dialog?.kind === 'rename' ? dialog.entity : null
  const [name, setName] = useState('')
  const [lastId, setLastId] = useState<string | null>(null)
  if (entity && entity.id !== lastId) {
    setLastId(entity.id)
    setName(entity.name)
  }
  const trimmed = name.trim()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (entity && trimmed && trimmed !== entity.name) onSubmit(entity, trimmed)
  }
  return (
    <Modal
      opened={entity !== null}
      onClose={onClose}
      title={`Rename ${entity?.name ?? ''}`}
      centered
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label="New name"
            description="The old name is kept as an alias."
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
            error={trimmed ? null : 'Type a name.'}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={isBusy} disabled={!trimmed || trimmed === entity?.name}>
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function MergeDialog({
  dialog,
  isBusy,
  onClose,
  onSubmit,
}: {
  dialog: Dialog
  isBusy: boolean
  onClose: () => void
  onSubmit: (parts: Entity[], newName: string) => void
}) {
  const parts = dialog?.kind === 'merge' ? dialog.entities : null
  const [name, setName] = useState('')
  const [lastKey, setLastKey] = useState('')
  const key = parts?.map((p) => p.id).join('|') ?? ''
  if (parts && key !== lastKey) {
    setLastKey(key)
    // The fullest name is usually the one to keep ("Islamic Revolutionary Guard Corps").
    setName([...parts].sort((a, b) => b.name.length - a.name.length)[0]?.name ?? '')
  }
  const trimmed = name.trim()
  const names = parts?.map((p) => p.name) ?? []
  return (
    <Modal opened={parts !== null} onClose={onClose} title="Merge entities" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (parts && trimmed) onSubmit(parts, trimmed)
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{names.join(', ')} become one entity; every name becomes an alias.</Text>
          <Select
            label="Name of the merged entity"
            data={names}
            value={names.includes(name) ? name : null}
            onChange={(v) => v && setName(v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true, zIndex: 1000 }}
          />
          <TextInput
            label="…or type another"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={isBusy} disabled={!trimmed}>
              Merge
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function SplitDialog({
  dialog,
  isBusy,
  onClose,
  onSubmit,
}: {
  dialog: Dialog
  isBusy: boolean
  onClose: () => void
  onSubmit: (
    entity: Entity,
    mentions: Entity['mentions'],
    newName: string,
    type: EntityType,
  ) => void
}) {
  const entity = dialog?.kind === 'split' ? dialog.entity : null
  const wordings = useMemo(() => (entity ? mentionWordings(entity) : []), [entity])
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set())
  const [name, setName] = useState('')
  const [type, setType] = useState<EntityType>('person')
  const [lastId, setLastId] = useState<string | null>(null)
  if (entity && entity.id !== lastId) {
    setLastId(entity.id)
    setPicked(new Set())
    setName('')
    setType(entity.type)
  }
  const mentions = wordings.filter((w) => picked.has(w.text)).flatMap((w) => w.mentions)
  const isWhole = entity !== null && mentions.length === entity.mentions.length
  const trimmed = name.trim()
  return (
    <Modal
      opened={entity !== null}
      onClose={onClose}
      title={`Split ${entity?.name ?? ''}`}
      centered
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (entity && trimmed && mentions.length > 0 && !isWhole) {
            onSubmit(entity, mentions, trimmed, type)
          }
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Choose the wordings that refer to someone or something else; their mentions become a new
            entity.
          </Text>
          <Stack gap={6} data-testid="split-wordings">
            {wordings.map((w) => (
              <Checkbox
                key={w.text}
                label={`“${w.text}” (${w.mentions.length} mention${w.mentions.length === 1 ? '' : 's'})`}
                checked={picked.has(w.text)}
                onChange={(ev) => {
                  const isOn = ev.currentTarget.checked
                  setPicked((prev) => {
                    const next = new Set(prev)
                    if (isOn) next.add(w.text)
                    else next.delete(w.text)
                    return next
                  })
                  if (isOn && !name) setName(w.text)
                }}
              />
            ))}
          </Stack>
          {isWhole && (
            <Text size="xs" c="red">
              Leave at least one wording with {entity?.name}, or rename it instead.
            </Text>
          )}
          <TextInput
            label="Name of the new entity"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <NativeSelect
            label="Type"
            data={[...ENTITY_TYPES]}
            value={type}
            onChange={(e) => setType(e.currentTarget.value as EntityType)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={isBusy}
              disabled={!trimmed || mentions.length === 0 || isWhole}
            >
              Split
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
