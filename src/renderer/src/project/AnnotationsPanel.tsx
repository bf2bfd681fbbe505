import {
  Badge,
  Button,
  ColorSwatch,
  Group,
  MultiSelect,
  Stack,
  Text,
  TextInput,
  Select,
  Textarea,
} from '@mantine/core'
import { useEffect, useMemo, useRef, useState } from 'react'
import {
  ANNOTATION_KINDS,
  ANNOTATION_STATUSES,
  type Annotation,
  type AnnotationKind,
  type AnnotationStatus,
  type Code,
  type LinkRelation,
  LINK_RELATIONS,
} from '../../../shared/annotation'
import type { DocumentRecord } from '../../../shared/document'
import { api, errorMessage } from '../api'

/** A request to show one annotation; `serial` tells a repeated request for the same one apart. */
export interface FocusRequest {
  id: string
  serial: number
}

interface Props {
  annotations: Annotation[]
  codebook: Code[]
  records: DocumentRecord[]
  onMessage: (message: { color: string; text: string }) => void
  /** Makes this annotation current, scrolled into view (filters hiding it are cleared). */
  focusRequest?: FocusRequest | null
}

/** Case- and accent-blind, as the main process searches. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase()
}

/**
 * The annotation list with filters (document, code, author, status, kind, words of the notes)
 * and the review queue: J/K move, A accepts, R rejects, E edits the note of the current item.
 */
export function AnnotationsPanel({
  annotations,
  codebook,
  records,
  onMessage,
  focusRequest = null,
}: Props) {
  const [docs, setDocs] = useState<string[]>([])
  const [codes, setCodes] = useState<string[]>([])
  const [authors, setAuthors] = useState<string[]>([])
  const [statuses, setStatuses] = useState<string[]>([])
  const [kinds, setKinds] = useState<string[]>([])
  const [words, setWords] = useState('')
  const [current, setCurrent] = useState(0)
  const [editing, setEditing] = useState<{ id: string; note: string } | null>(null)
  const [linking, setLinking] = useState<{
    id: string
    to: string | null
    relation: LinkRelation
  } | null>(null)
  const byId = useMemo(() => new Map(annotations.map((x) => [x.id, x])), [annotations])

  const codeById = useMemo(() => new Map(codebook.map((c) => [c.id, c])), [codebook])
  const titleById = useMemo(() => new Map(records.map((r) => [r.id, r.title])), [records])
  const allAuthors = useMemo(
    () => [...new Set(annotations.map((a) => a.author))].sort(),
    [annotations],
  )

  const shown = useMemo(() => {
    const terms = fold(words).split(/\s+/).filter(Boolean)
    const inSet = (list: string[], v: string | undefined) =>
      list.length === 0 || (v !== undefined && list.includes(v))
    return annotations.filter(
      (a) =>
        // Rejected ones stay hidden but kept, unless the filter asks for them.
        (a.status !== 'rejected' || statuses.includes('rejected')) &&
        inSet(docs, a.target.docId) &&
        inSet(codes, a.code) &&
        inSet(authors, a.author) &&
        inSet(statuses, a.status) &&
        inSet(kinds, a.kind) &&
        (terms.length === 0 ||
          ((hay) => terms.every((t) => hay.includes(t)))(
            fold(`${a.note ?? ''} ${a.target.exact} ${a.stance?.toward ?? ''}`),
          )),
    )
  }, [annotations, docs, codes, authors, statuses, kinds, words])

  useEffect(() => {
    if (current >= shown.length) setCurrent(Math.max(0, shown.length - 1))
  }, [shown.length, current])

  // "Open in list": select the requested annotation once it is listed, clearing filters that
  // hide it; each request is served once (the serial), so J/K move freely afterwards.
  const list = useRef<HTMLDivElement>(null)
  const served = useRef<number | null>(null)
  const [isRevealing, setRevealing] = useState(false)
  useEffect(() => {
    if (!focusRequest || served.current === focusRequest.serial) return
    const target = byId.get(focusRequest.id)
    if (!target) return // not loaded yet: try again when the annotations arrive
    const at = shown.findIndex((a) => a.id === focusRequest.id)
    if (at < 0) {
      const statusesShowing = target.status === 'rejected' ? ['rejected'] : []
      const isFiltered =
        docs.length + codes.length + authors.length + kinds.length > 0 ||
        words !== '' ||
        statuses.join() !== statusesShowing.join()
      if (isFiltered) {
        setDocs([])
        setCodes([])
        setAuthors([])
        setKinds([])
        setWords('')
        setStatuses(statusesShowing)
      } else served.current = focusRequest.serial // listed nowhere: nothing to select
      return
    }
    served.current = focusRequest.serial
    setCurrent(at)
    setRevealing(true)
  }, [focusRequest, byId, shown, docs, codes, authors, kinds, words, statuses])
  useEffect(() => {
    if (!isRevealing) return
    setRevealing(false)
    const item = list.current?.querySelector<HTMLElement>('[aria-current="true"]')
    if (item) centreVertically(item)
    // The list takes the keyboard, so J/K go on from here.
    list.current?.focus({ preventScroll: true })
  }, [isRevealing])

  const act = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call()
    } catch (err) {
      onMessage({ color: 'red', text: `${what} failed: ${errorMessage(err)}` })
    }
  }
  const setStatus = (a: Annotation, status: AnnotationStatus) =>
    act('Review', () => api.annotations.update(a.id, { status }))
  const saveNote = async () => {
    if (!editing) return
    const { id, note } = editing
    setEditing(null)
    await act('Edit', () =>
      api.annotations.update(id, { note: note.trim() === '' ? null : note, status: 'edited' }),
    )
  }

  const onKey = (e: React.KeyboardEvent) => {
    const t = e.target as HTMLElement
    if (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || e.ctrlKey || e.metaKey || e.altKey)
      return
    const a = shown[current]
    const key = e.key.toLowerCase()
    if (key === 'j') setCurrent((c) => Math.min(shown.length - 1, c + 1))
    else if (key === 'k') setCurrent((c) => Math.max(0, c - 1))
    else if (key === 'a' && a) void setStatus(a, 'accepted')
    else if (key === 'r' && a) void setStatus(a, 'rejected')
    else if (key === 'e' && a) setEditing({ id: a.id, note: a.note ?? '' })
    else return
    e.preventDefault()
  }

  return (
    <Stack gap="xs" onKeyDown={onKey} data-testid="annotations-panel">
      <Group grow gap="xs">
        <MultiSelect
          size="xs"
          placeholder="Documents"
          aria-label="Filter by document"
          data={records.map((r) => ({ value: r.id, label: r.title }))}
          value={docs}
          onChange={setDocs}
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          size="xs"
          placeholder="Codes"
          aria-label="Filter by code"
          data={codebook.map((c) => ({ value: c.id, label: c.name }))}
          value={codes}
          onChange={setCodes}
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          size="xs"
          placeholder="Authors"
          aria-label="Filter by author"
          data={allAuthors}
          value={authors}
          onChange={setAuthors}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <Group grow gap="xs">
        <MultiSelect
          size="xs"
          placeholder="Status"
          aria-label="Filter by status"
          data={[...ANNOTATION_STATUSES]}
          value={statuses}
          onChange={setStatuses}
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          size="xs"
          placeholder="Kind"
          aria-label="Filter by kind"
          data={[...ANNOTATION_KINDS]}
          value={kinds}
          onChange={setKinds}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          size="xs"
          placeholder="Search notes"
          aria-label="Search notes"
          value={words}
          onChange={(e) => setWords(e.currentTarget.value)}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {shown.length} of {annotations.length} annotations · review keys: J/K move, A accept, R
        reject, E edit
      </Text>
      <Stack
        ref={list}
        gap={6}
        tabIndex={0}
        aria-label="Annotation list"
        data-testid="annotation-list"
        // Opened for one annotation: the drawer's focus trap gives the list the keyboard.
        data-autofocus={focusRequest ? true : undefined}
      >
        {shown.length === 0 && (
          <Text size="sm" c="dimmed">
            No annotations. Select text in the reader and choose “Add annotation”.
          </Text>
        )}
        {shown.map((a, i) => {
          const code = a.code ? codeById.get(a.code) : undefined
          const isCurrent = i === current
          return (
            <div
              key={a.id}
              data-testid="annotation-item"
              data-annotation-id={a.id}
              data-status={a.status}
              aria-current={isCurrent ? 'true' : undefined}
              onClick={() => setCurrent(i)}
              style={{
                border: `1px solid ${isCurrent ? 'var(--mantine-color-indigo-5)' : 'var(--mantine-color-gray-3)'}`,
                borderRadius: 6,
                padding: 8,
              }}
            >
              <Group gap={6} justify="space-between" wrap="nowrap">
                <Group gap={6} wrap="nowrap">
                  {code && <ColorSwatch color={code.colour} size={12} />}
                  <Badge size="xs" variant="light">
                    {kindLabel(a.kind)}
                  </Badge>
                  {code && (
                    <Text size="xs" fw={600}>
                      {code.name}
                    </Text>
                  )}
                  <Badge size="xs" variant="outline" color={statusColour(a.status)}>
                    {a.status}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed" truncate="end" maw={200}>
                  {titleById.get(a.target.docId) ?? 'Document not in the library'} · {a.author}
                </Text>
              </Group>
              <Text size="sm" mt={4} lineClamp={2} data-testid="annotation-quote">
                “{a.target.exact}”{a.target.isOrphaned ? ' (could not be re-attached)' : ''}
              </Text>
              {a.stance && (
                <Text size="xs">
                  Stance toward {a.stance.toward}: {a.stance.value}
                </Text>
              )}
              {a.figure && (
                <Text size="xs">
                  Figure: {a.figure.qualifier.replace(/_/g, ' ')} {a.figure.value ?? '?'}{' '}
                  {a.figure.measure ?? ''}
                </Text>
              )}
              {editing?.id === a.id ? (
                <Stack gap={4} mt={4}>
                  <Textarea
                    size="xs"
                    autosize
                    autoFocus
                    aria-label="Note"
                    value={editing.note}
                    onChange={(e) => setEditing({ id: a.id, note: e.currentTarget.value })}
                  />
                  <Group gap={4}>
                    <Button size="compact-xs" onClick={() => void saveNote()}>
                      Save note
                    </Button>
                    <Button size="compact-xs" variant="default" onClick={() => setEditing(null)}>
                      Cancel
                    </Button>
                  </Group>
                </Stack>
              ) : (
                a.note && (
                  <Text size="xs" c="dimmed" mt={2} data-testid="annotation-note">
                    {a.note}
                  </Text>
                )
              )}
              {a.links.map((l) => (
                <Group key={l.to} gap={4} mt={2} wrap="nowrap" data-testid="annotation-link">
                  <Text size="xs" truncate="end">
                    {l.relation.replace(/_/g, ' ')} → “
                    {byId.get(l.to)?.target.exact ?? 'a removed annotation'}”
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    aria-label="Remove link"
                    onClick={() => void act('Unlink', () => api.annotations.unlink(a.id, l.to))}
                  >
                    ×
                  </Button>
                </Group>
              ))}
              {linking?.id === a.id && (
                <Group gap={4} mt={4} wrap="nowrap">
                  <Select
                    size="xs"
                    aria-label="Relation"
                    data={LINK_RELATIONS.map((r) => ({ value: r, label: r.replace(/_/g, ' ') }))}
                    value={linking.relation}
                    onChange={(v) => v && setLinking({ ...linking, relation: v as LinkRelation })}
                    comboboxProps={{ withinPortal: true }}
                    w={130}
                  />
                  <Select
                    size="xs"
                    aria-label="Link to"
                    placeholder="Another passage…"
                    data={annotations
                      .filter((x) => x.id !== a.id)
                      .map((x) => ({
                        value: x.id,
                        label: `${titleById.get(x.target.docId) ?? ''}: “${x.target.exact.slice(0, 60)}”`,
                      }))}
                    value={linking.to}
                    onChange={(to) => setLinking({ ...linking, to })}
                    comboboxProps={{ withinPortal: true }}
                    style={{ flex: 1 }}
                  />
                  <Button
                    size="compact-xs"
                    disabled={!linking.to}
                    onClick={() => {
                      const { to, relation } = linking
                      setLinking(null)
                      if (to) void act('Link', () => api.annotations.link(a.id, to, relation))
                    }}
                  >
                    Link
                  </Button>
                </Group>
              )}
              <Group gap={4} mt={4}>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setLinking({ id: a.id, to: null, relation: 'same_claim' })}
                >
                  Link…
                </Button>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => void setStatus(a, 'accepted')}
                >
                  Accept
                </Button>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  onClick={() => void setStatus(a, 'rejected')}
                >
                  Reject
                </Button>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setEditing({ id: a.id, note: a.note ?? '' })}
                >
                  Edit
                </Button>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => void act('Delete', () => api.annotations.remove([a.id]))}
                >
                  Delete
                </Button>
              </Group>
            </div>
          )
        })}
      </Stack>
    </Stack>
  )
}

function kindLabel(kind: AnnotationKind): string {
  return kind === 'machine-review' ? 'review' : kind
}

function statusColour(status: AnnotationStatus): string {
  return status === 'rejected'
    ? 'red'
    : status === 'pending'
      ? 'yellow'
      : status === 'edited'
        ? 'grape'
        : 'teal'
}

/**
 * Scrolls the nearest vertically scrolling ancestor so `item` sits in its middle. Unlike
 * scrollIntoView, nothing else moves: the drawer never shifts sideways.
 */
function centreVertically(item: HTMLElement): void {
  for (let el = item.parentElement; el; el = el.parentElement) {
    const { overflowY } = getComputedStyle(el)
    if ((overflowY === 'auto' || overflowY === 'scroll') && el.scrollHeight > el.clientHeight) {
      const box = el.getBoundingClientRect()
      const r = item.getBoundingClientRect()
      el.scrollTop += r.top - box.top - (box.height - r.height) / 2
      return
    }
  }
}
