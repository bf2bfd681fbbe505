import {
  Alert,
  Button,
  Divider,
  Group,
  ScrollArea,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useEffect, useState } from 'react'
import type { DocumentPatch, DocumentRecord } from '../../../shared/document'
import { api, errorMessage } from '../api'
import { formatDate } from '../lib/records'

interface Props {
  record: DocumentRecord | null
  allTags: string[]
  onDelete: (record: DocumentRecord) => void
}

type TextField = 'title' | 'outlet' | 'author' | 'published'

const FIELDS: { key: TextField; label: string; placeholder: string }[] = [
  { key: 'title', label: 'Title', placeholder: 'Title' },
  { key: 'outlet', label: 'Outlet', placeholder: 'e.g. Reuters' },
  { key: 'author', label: 'Author', placeholder: 'Unknown' },
  { key: 'published', label: 'Published', placeholder: 'YYYY-MM-DD' },
]

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

/** Bibliographic metadata of the open document, edited in place; delete with undo. */
export function MetadataPanel({ record, allTags, onDelete }: Props) {
  if (!record) {
    return (
      <Text size="sm" c="dimmed" ta="center" mt="xl">
        Open a document to see and edit its details.
      </Text>
    )
  }
  // Remount per document so drafts never leak from one document to the next.
  return <MetadataForm key={record.id} record={record} allTags={allTags} onDelete={onDelete} />
}

function MetadataForm({
  record,
  allTags,
  onDelete,
}: {
  record: DocumentRecord
  allTags: string[]
  onDelete: (r: DocumentRecord) => void
}) {
  const [draft, setDraft] = useState<Record<TextField, string>>(() => toDraft(record))
  const [fieldError, setFieldError] = useState<Partial<Record<TextField | 'tags', string>>>({})
  const [saved, setSaved] = useState<string | null>(null)
  // Kept locally so a new pill shows at once, before the library confirms the change.
  const [tags, setTags] = useState(record.tags)
  useEffect(() => setTags(record.tags), [record.tags])

  // A change made elsewhere (another window, undo) shows up unless the field is being edited.
  useEffect(() => {
    setDraft((d) => {
      const fresh = toDraft(record)
      const active = document.activeElement?.getAttribute('data-field')
      return active && active in d ? { ...fresh, [active]: d[active as TextField] } : fresh
    })
  }, [record])

  const save = async (patch: DocumentPatch, field: TextField | 'tags') => {
    try {
      await api.library.update(record.id, patch)
      setFieldError((e) => ({ ...e, [field]: undefined }))
      setSaved(field)
      window.setTimeout(() => setSaved((s) => (s === field ? null : s)), 1500)
    } catch (err) {
      setFieldError((e) => ({ ...e, [field]: errorMessage(err) }))
    }
  }

  const commit = (field: TextField) => {
    const value = draft[field].trim()
    const current = record[field] ?? ''
    if (value === current) return
    if (field === 'title') {
      if (!value) {
        setFieldError((e) => ({ ...e, title: 'A document needs a title.' }))
        return
      }
      void save({ title: value }, field)
    } else if (field === 'published') {
      if (value && !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
        setFieldError((e) => ({ ...e, published: 'Use the form YYYY-MM-DD, e.g. 2016-05-09.' }))
        return
      }
      void save({ published: value || null }, field)
    } else {
      void save({ [field]: value || null }, field)
    }
  }

  return (
    <ScrollArea h="100%" type="auto" offsetScrollbars>
      <Stack gap="sm" data-testid="metadata-panel">
        <Title order={5}>Details</Title>
        {FIELDS.map(({ key, label, placeholder }) => (
          <TextInput
            key={key}
            label={label}
            placeholder={placeholder}
            size="sm"
            data-field={key}
            value={draft[key]}
            error={fieldError[key]}
            description={saved === key ? 'Saved' : undefined}
            onChange={(e) => {
              const value = e.currentTarget.value
              setDraft((d) => ({ ...d, [key]: value }))
              // A complaint about the old value no longer applies to what is being typed.
              setFieldError((er) => ({ ...er, [key]: undefined }))
            }}
            onBlur={() => commit(key)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                commit(key)
              } else if (e.key === 'Escape') {
                setDraft(toDraft(record))
                setFieldError((er) => ({ ...er, [key]: undefined }))
              }
            }}
          />
        ))}
        <TagsInput
          label="Tags"
          size="sm"
          placeholder="Add a tag, press Enter"
          data={allTags}
          value={tags}
          error={fieldError.tags}
          description={saved === 'tags' ? 'Saved' : undefined}
          onChange={(next) => {
            setTags(next)
            void save({ tags: next }, 'tags')
          }}
          clearable
        />
        <Divider my={4} />
        <Stack gap={2}>
          <Fact label="File" value={record.fileName} />
          <Fact
            label="Format"
            value={`${record.format.toUpperCase()}${record.encoding ? ` · ${record.encoding}` : ''}`}
          />
          <Fact label="Size" value={formatBytes(record.size)} />
          <Fact label="Words" value={record.wordCount.toLocaleString()} />
          <Fact
            label="Imported"
            value={`${formatDate(record.importedAt)} ${record.importedAt.slice(11, 16)}`}
          />
          {record.published && <Fact label="Dated" value={formatDate(record.published)} />}
        </Stack>
        {record.warnings.length > 0 && (
          <Alert variant="light" color="yellow" title="Import notes" p="xs">
            {record.warnings.map((w, i) => (
              <Text key={i} size="xs">
                {w}
              </Text>
            ))}
          </Alert>
        )}
        <Divider my={4} />
        <Group>
          <Button color="red" variant="light" size="xs" onClick={() => onDelete(record)}>
            Delete document
          </Button>
        </Group>
      </Stack>
    </ScrollArea>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="xs" c="dimmed" w={64} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Group>
  )
}

function toDraft(r: DocumentRecord): Record<TextField, string> {
  return {
    title: r.title,
    outlet: r.outlet ?? '',
    author: r.author ?? '',
    published: r.published ?? '',
  }
}
