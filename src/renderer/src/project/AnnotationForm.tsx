import {
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core'
import { useState } from 'react'
import type { AnnotationDraft } from '../../../shared/api'
import { QUALIFIERS, type Qualifier } from '../../../shared/analysis'
import { STANCE_VALUES, type Code, type StanceValue } from '../../../shared/annotation'
import { api, errorMessage } from '../api'

export interface PendingSelection {
  docId: string
  start: number
  end: number
  text: string
}

type Kind = AnnotationDraft['kind']

interface Props {
  selection: PendingSelection | null
  codebook: Code[]
  onClose: () => void
}

/** The "Add annotation" form for a text selection: a code, a note, a stance, or a missed figure. */
export function AnnotationForm({ selection, codebook, onClose }: Props) {
  const [kind, setKind] = useState<Kind>('code')
  const [code, setCode] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [toward, setToward] = useState('')
  const [stance, setStance] = useState<StanceValue>('neutral')
  const [value, setValue] = useState<number | string>('')
  const [qualifier, setQualifier] = useState<Qualifier>('exact')
  const [measure, setMeasure] = useState('')
  const [subject, setSubject] = useState('')
  const [scope, setScope] = useState('')
  const [source, setSource] = useState('')
  const [error, setError] = useState<string | null>(null)

  const submit = async () => {
    if (!selection) return
    const text = (s: string) => (s.trim() === '' ? null : s.trim())
    const draft: AnnotationDraft = {
      docId: selection.docId,
      start: selection.start,
      end: selection.end,
      kind,
      ...(code ? { code } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(kind === 'stance' ? { stance: { toward: toward.trim(), value: stance } } : {}),
      ...(kind === 'figure'
        ? {
            figure: {
              value: typeof value === 'number' ? value : null,
              qualifier,
              measure: text(measure),
              subject: text(subject),
              scope: text(scope),
              source: text(source),
            },
          }
        : {}),
    }
    try {
      await api.annotations.add(draft)
      setError(null)
      setNote('')
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <Modal opened={selection !== null} onClose={onClose} title="Add annotation" size="lg">
      {selection && (
        <Stack gap="sm" data-testid="annotation-form">
          <Text size="sm" c="dimmed" lineClamp={3}>
            “{selection.text}”
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as Kind)}
            data={[
              { value: 'code', label: 'Code' },
              { value: 'note', label: 'Note' },
              { value: 'stance', label: 'Stance' },
              { value: 'figure', label: 'Missed figure' },
            ]}
            aria-label="Annotation kind"
          />
          <Select
            label="Code"
            placeholder={
              codebook.length === 0 ? 'No codes yet (create them in the codebook)' : 'None'
            }
            data={codebook.map((c) => ({ value: c.id, label: c.name }))}
            value={code}
            onChange={setCode}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
          {kind === 'stance' && (
            <Group grow>
              <TextInput
                label="Toward (actor or claim)"
                value={toward}
                onChange={(e) => setToward(e.currentTarget.value)}
              />
              <Select
                label="Stance"
                data={STANCE_VALUES.map((s) => ({ value: s, label: s }))}
                value={stance}
                onChange={(v) => v && setStance(v as StanceValue)}
                comboboxProps={{ withinPortal: true }}
              />
            </Group>
          )}
          {kind === 'figure' && (
            <>
              <Group grow>
                <NumberInput label="Value" value={value} onChange={setValue} />
                <Select
                  label="Qualifier"
                  data={QUALIFIERS.map((q) => ({ value: q, label: q.replace(/_/g, ' ') }))}
                  value={qualifier}
                  onChange={(v) => v && setQualifier(v as Qualifier)}
                  comboboxProps={{ withinPortal: true }}
                />
              </Group>
              <Group grow>
                <TextInput
                  label="Measure"
                  placeholder="killed"
                  value={measure}
                  onChange={(e) => setMeasure(e.currentTarget.value)}
                />
                <TextInput
                  label="What is counted"
                  value={subject}
                  onChange={(e) => setSubject(e.currentTarget.value)}
                />
              </Group>
              <Group grow>
                <TextInput
                  label="Scope"
                  placeholder="in the past 3 weeks"
                  value={scope}
                  onChange={(e) => setScope(e.currentTarget.value)}
                />
                <TextInput
                  label="Source"
                  value={source}
                  onChange={(e) => setSource(e.currentTarget.value)}
                />
              </Group>
            </>
          )}
          <Textarea
            label="Note"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
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
            <Button onClick={() => void submit()}>Add annotation</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
