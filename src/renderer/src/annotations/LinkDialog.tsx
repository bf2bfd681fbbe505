import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import { LINK_RELATIONS, type Annotation, type LinkRelation } from '../../../shared/annotation'
import { api, errorMessage } from '../api'
import { isDrawn, RELATION_LABELS } from '../lib/highlights-annotations'

/** A column's document and title, where link targets are looked for. */
export interface LinkColumn {
  docId: string
  title: string
}

interface Props {
  /** The annotation the link starts from; null closes the dialog. */
  from: Annotation | null
  annotations: readonly Annotation[]
  columns: readonly LinkColumn[]
  onClose: () => void
  /** Called with what main said it did ("Linked two passages (contradicts)."). */
  onLinked?: (message: string) => void
}

function clip(text: string, max = 90): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/**
 * "Link to…": picks an annotation in another column and a relation, and links the two through
 * `annotations.link`, which records the step in the project's history (so Undo takes it back).
 */
export function LinkDialog({ from, annotations, columns, onClose, onLinked }: Props) {
  const [to, setTo] = useState<string | null>(null)
  const [relation, setRelation] = useState<LinkRelation>('same_claim')
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setTo(null)
    setError(null)
  }, [from])

  const groups = from
    ? columns
        .map((col, i) => ({
          group: `Column ${i + 1}: ${clip(col.title, 50)}`,
          items: annotations
            .filter(
              (a) =>
                a.target.docId === col.docId && a.target.docId !== from.target.docId && isDrawn(a),
            )
            .map((a) => ({
              value: a.id,
              label: `“${clip(a.target.exact)}”${a.note ? ` — ${clip(a.note, 40)}` : ''}`,
            })),
        }))
        .filter((g) => g.items.length > 0)
    : []

  const submit = async () => {
    if (!from || !to) return
    try {
      const outcome = await api.annotations.link(from.id, to, relation)
      onLinked?.(outcome.description)
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <Modal opened={from !== null} onClose={onClose} title="Link to another passage" size="lg">
      {from && (
        <Stack gap="sm" data-testid="link-dialog">
          <Text size="sm" c="dimmed" lineClamp={3}>
            From “{from.target.exact}”
          </Text>
          {groups.length === 0 ? (
            <Text size="sm" data-testid="link-dialog-empty">
              There is no annotation in another column yet. Select a passage in another column and
              add an annotation there first.
            </Text>
          ) : (
            <Select
              label="Passage"
              placeholder="Pick an annotation in another column"
              data={groups}
              value={to}
              onChange={setTo}
              searchable
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <Select
            label="Relation"
            data={LINK_RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }))}
            value={relation}
            onChange={(v) => v && setRelation(v as LinkRelation)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => void submit()} disabled={!to} data-testid="link-save">
              Link
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
