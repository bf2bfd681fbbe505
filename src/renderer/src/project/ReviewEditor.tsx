import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core'
import { useState, type FormEvent, type ReactNode } from 'react'
import {
  ENTITY_TYPES,
  QUALIFIERS,
  STANCE_CUE_KINDS,
  type EntityType,
  type Qualifier,
  type StanceCueKind,
  type VerbStrength,
} from '../../../shared/analysis'
import {
  VERB_STRENGTHS,
  type Annotation,
  type AnnotationFigure,
  type ReviewCorrection,
} from '../../../shared/annotation'
import type { ReviewItem } from './review-items'

/** What an edit adds to the review: the corrected figure, or the correction for the layer. */
export type ReviewEdit = { figure: AnnotationFigure } | { correction: ReviewCorrection }

interface Props {
  item: ReviewItem
  /** The item's current review, whose correction the form starts from. */
  review: Annotation | undefined
  onSave: (edit: ReviewEdit) => void
  onCancel: () => void
}

const label = (s: string) => s.replace(/_/g, ' ')
const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: label(v) }))

/**
 * The correction form for one machine item, per layer: a figure's value, qualifier and fields;
 * an entity's name and type; an attribution's speaker and verb strength; a stance cue's kind
 * and polarity, or "not a cue". Enter saves, Escape cancels.
 */
export function ReviewEditor({ item, review, onSave, onCancel }: Props) {
  const onKeyDown = (e: React.KeyboardEvent) => {
    // The queue's letter keys must not fire while the researcher types here.
    e.stopPropagation()
    if (e.key === 'Escape') onCancel()
  }
  const body = (() => {
    switch (item.layer) {
      case 'figure':
        return <FigureForm item={item} review={review} onSave={onSave} onCancel={onCancel} />
      case 'entity':
        return <EntityForm item={item} review={review} onSave={onSave} onCancel={onCancel} />
      case 'attribution':
        return <AttributionForm item={item} review={review} onSave={onSave} onCancel={onCancel} />
      case 'stance':
        return <StanceForm item={item} review={review} onSave={onSave} onCancel={onCancel} />
    }
  })()
  return (
    <div onKeyDown={onKeyDown} data-testid="review-editor" onClick={(e) => e.stopPropagation()}>
      {body}
    </div>
  )
}

/** The frame every layer's form shares: its fields, then Cancel and Save correction. */
function EditorForm({
  onSubmit,
  onCancel,
  children,
}: {
  onSubmit: (e: FormEvent) => void
  onCancel: () => void
  children: ReactNode
}) {
  return (
    <form onSubmit={onSubmit}>
      <Stack gap={4} mt={4}>
        {children}
        <Group gap={6} justify="flex-end">
          <Button size="compact-xs" variant="subtle" onClick={onCancel}>
            Cancel
          </Button>
          <Button size="compact-xs" type="submit" data-testid="review-save">
            Save correction
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** A choice among a vocabulary's values (qualifier, entity type, …); never empty. */
function ChoiceSelect<T extends string>({
  label,
  data,
  value,
  onChange,
  disabled,
}: {
  label: string
  data: { value: string; label: string }[]
  value: T
  onChange: (value: T) => void
  disabled?: boolean
}) {
  return (
    <Select
      size="xs"
      label={label}
      data={data}
      value={value}
      onChange={(v) => v && onChange(v as T)}
      comboboxProps={{ withinPortal: true }}
      disabled={disabled}
      allowDeselect={false}
    />
  )
}

type FormProps<L extends ReviewItem['layer']> = Omit<Props, 'item'> & {
  item: Extract<ReviewItem, { layer: L }>
}

/** A text field's value as a correction: unchanged → left out, emptied → null. */
function changed(value: string, machine: string | null | undefined): string | null | undefined {
  const v = value.trim()
  if (v === (machine ?? '').trim()) return undefined
  return v === '' ? null : v
}

function FigureForm({ item, review, onSave, onCancel }: FormProps<'figure'>) {
  const f = item.figure
  const prior = review?.status === 'edited' ? review.figure : undefined
  const machine = {
    measure: f.measure?.normalized ?? '',
    subject: f.subject?.text ?? '',
    scope: f.timeScope?.text ?? '',
    location: f.location?.text ?? '',
    source: f.source?.text ?? '',
  }
  const [value, setValue] = useState<number | string>(prior ? (prior.value ?? '') : (f.value ?? ''))
  const [qualifier, setQualifier] = useState<Qualifier>(prior?.qualifier ?? f.qualifier)
  const [fields, setFields] = useState(() => ({
    measure: prior?.measure ?? machine.measure,
    subject: prior?.subject ?? machine.subject,
    scope: prior?.scope ?? machine.scope,
    location: prior?.location ?? machine.location,
    source: prior?.source ?? machine.source,
  }))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const figure: AnnotationFigure = {
      value: typeof value === 'number' ? value : null,
      qualifier,
    }
    for (const key of ['measure', 'subject', 'scope', 'location', 'source'] as const) {
      const c = changed(fields[key], machine[key])
      if (c !== undefined) figure[key] = c
    }
    onSave({ figure })
  }
  const text = (key: keyof typeof fields, name: string) => (
    <TextInput
      size="xs"
      label={name}
      value={fields[key]}
      onChange={(e) => setFields({ ...fields, [key]: e.currentTarget.value })}
    />
  )
  return (
    <EditorForm onSubmit={submit} onCancel={onCancel}>
      <SimpleGrid cols={2} spacing={6} verticalSpacing={2}>
        <NumberInput
          size="xs"
          label="Value"
          value={value}
          onChange={setValue}
          data-autofocus
          autoFocus
        />
        <ChoiceSelect
          label="Qualifier"
          data={options(QUALIFIERS)}
          value={qualifier}
          onChange={setQualifier}
        />
        {text('measure', 'Measure')}
        {text('subject', 'Subject')}
        {text('scope', 'Time scope')}
        {text('location', 'Location')}
      </SimpleGrid>
      {text('source', 'Source')}
    </EditorForm>
  )
}

function EntityForm({ item, review, onSave, onCancel }: FormProps<'entity'>) {
  const e = item.entity
  const [name, setName] = useState(e.name)
  const [type, setType] = useState<EntityType>(e.type)
  const submit = (ev: FormEvent) => {
    ev.preventDefault()
    // A new correction replaces the previous one whole, so it restates what that one changed;
    // the entity is named as the machine had it before any review (`was`).
    const prior = review?.status === 'edited' ? review.correction?.entity : undefined
    const was = prior?.was ?? e.name
    const newName = name.trim() || e.name
    const isRenamed = newName !== was
    const isRetyped = type !== e.type || prior?.type !== undefined || !isRenamed
    onSave({
      correction: {
        entity: {
          was,
          ...(isRenamed ? { name: newName } : {}),
          ...(isRetyped ? { type } : {}),
        },
      },
    })
  }
  return (
    <EditorForm onSubmit={submit} onCancel={onCancel}>
      <Group gap={6} grow align="flex-end">
        <TextInput
          size="xs"
          label="Name"
          value={name}
          onChange={(ev) => setName(ev.currentTarget.value)}
          autoFocus
        />
        <ChoiceSelect label="Type" data={options(ENTITY_TYPES)} value={type} onChange={setType} />
      </Group>
    </EditorForm>
  )
}

function AttributionForm({ item, review, onSave, onCancel }: FormProps<'attribution'>) {
  const a = item.attribution
  const prior = review?.status === 'edited' ? review.correction?.attribution : undefined
  const [speaker, setSpeaker] = useState(
    prior?.speaker !== undefined ? (prior.speaker ?? '') : (a.speaker?.text ?? ''),
  )
  const [strength, setStrength] = useState<VerbStrength | 'none'>(
    (prior?.verbStrength !== undefined ? prior.verbStrength : a.verbStrength) ?? 'none',
  )
  const submit = (ev: FormEvent) => {
    ev.preventDefault()
    const s = changed(speaker, a.speaker?.text)
    const v = strength === 'none' ? null : strength
    onSave({
      correction: {
        attribution: {
          ...(s !== undefined ? { speaker: s } : {}),
          ...(v !== a.verbStrength ? { verbStrength: v } : {}),
        },
      },
    })
  }
  return (
    <EditorForm onSubmit={submit} onCancel={onCancel}>
      <Group gap={6} grow align="flex-end">
        <TextInput
          size="xs"
          label="Speaker"
          placeholder="nobody named"
          value={speaker}
          onChange={(ev) => setSpeaker(ev.currentTarget.value)}
          autoFocus
        />
        <ChoiceSelect
          label="Verb strength"
          data={[...options(VERB_STRENGTHS), { value: 'none', label: 'no reporting verb' }]}
          value={strength}
          onChange={setStrength}
        />
      </Group>
    </EditorForm>
  )
}

function StanceForm({ item, review, onSave, onCancel }: FormProps<'stance'>) {
  const c = item.cue
  const prior = review?.status === 'edited' ? review.correction?.stanceCue : undefined
  const [kind, setKind] = useState<StanceCueKind>(prior?.kind ?? c.kind)
  const [polarity, setPolarity] = useState<number | string>(prior?.polarity ?? c.polarity)
  const [isNotCue, setNotCue] = useState(prior?.isNotCue === true)
  const submit = (ev: FormEvent) => {
    ev.preventDefault()
    const p = typeof polarity === 'number' ? Math.max(-1, Math.min(1, polarity)) : c.polarity
    onSave({
      correction: {
        stanceCue: isNotCue
          ? { isNotCue: true }
          : {
              ...(kind !== c.kind ? { kind } : {}),
              ...(p !== c.polarity ? { polarity: p } : {}),
            },
      },
    })
  }
  return (
    <EditorForm onSubmit={submit} onCancel={onCancel}>
      <Group gap={6} grow align="flex-end">
        <ChoiceSelect
          label="Cue kind"
          data={options(STANCE_CUE_KINDS)}
          value={kind}
          onChange={setKind}
          disabled={isNotCue}
        />
        <NumberInput
          size="xs"
          label="Polarity (−1 hostile … +1 favourable)"
          min={-1}
          max={1}
          step={0.1}
          decimalScale={2}
          value={polarity}
          onChange={setPolarity}
          disabled={isNotCue}
        />
      </Group>
      <Checkbox
        size="xs"
        label="Not a stance cue"
        checked={isNotCue}
        onChange={(ev) => setNotCue(ev.currentTarget.checked)}
      />
    </EditorForm>
  )
}
