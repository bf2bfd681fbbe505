import { Button, ColorSwatch, Group, Select, Stack, Text, TextInput } from '@mantine/core'
import { useMemo, useState } from 'react'
import type { ActionOutcome, CodeDeletePolicy, CodebookPreview } from '../../../shared/api'
import type { Annotation, Code } from '../../../shared/annotation'
import { api, errorMessage } from '../api'

interface Props {
  codebook: Code[]
  annotations: Annotation[]
  onMessage: (message: { color: string; text: string }) => void
}

type Pending =
  | { kind: 'rename'; id: string; name: string }
  | { kind: 'merge'; id: string; target: string | null; preview: ActionOutcome | null }
  | { kind: 'delete'; id: string; policy: CodeDeletePolicy; preview: ActionOutcome | null }

const POLICIES: { value: CodeDeletePolicy; label: string }[] = [
  { value: 'uncode', label: 'Keep the annotations, without a code' },
  { value: 'move-to-parent', label: 'Give its annotations and sub-codes to the parent' },
  { value: 'delete-annotations', label: 'Delete its annotations too' },
]

/** The codebook as a tree with colours; create, rename, merge and delete with what they do shown first. */
export function CodebookPanel({ codebook, annotations, onMessage }: Props) {
  const [name, setName] = useState('')
  const [parent, setParent] = useState<string | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)

  const counts = useMemo(() => {
    const m = new Map<string, number>()
    for (const a of annotations) if (a.code) m.set(a.code, (m.get(a.code) ?? 0) + 1)
    return m
  }, [annotations])
  const rows = useMemo(() => treeOrder(codebook), [codebook])
  const options = codebook.map((c) => ({ value: c.id, label: c.name }))

  const run = async (what: string, call: () => Promise<ActionOutcome>) => {
    try {
      const done = await call()
      onMessage({ color: 'teal', text: done.description })
      setPending(null)
    } catch (err) {
      onMessage({ color: 'red', text: `${what} failed: ${errorMessage(err)}` })
    }
  }
  const preview = async (op: CodebookPreview): Promise<ActionOutcome | null> => {
    try {
      return await api.codebook.preview(op)
    } catch (err) {
      onMessage({ color: 'red', text: errorMessage(err) })
      return null
    }
  }

  return (
    <Stack gap="xs" data-testid="codebook-panel">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          size="xs"
          label="New code"
          placeholder="Name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Select
          size="xs"
          label="Under"
          placeholder="Top level"
          data={options}
          value={parent}
          onChange={setParent}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        <Button
          size="xs"
          disabled={name.trim() === ''}
          onClick={() =>
            void run('Create', () =>
              api.codebook.create({ name: name.trim(), parentId: parent }),
            ).then(() => setName(''))
          }
        >
          Create
        </Button>
      </Group>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No codes yet.
        </Text>
      )}
      {rows.map(({ code, depth }) => (
        <Stack key={code.id} gap={4} pl={depth * 16} data-testid="code-row">
          <Group gap={6} wrap="nowrap" justify="space-between">
            <Group gap={6} wrap="nowrap">
              <ColorSwatch color={code.colour} size={14} />
              <Text size="sm" fw={500} data-testid="code-name">
                {code.name}
              </Text>
              <Text size="xs" c="dimmed">
                {counts.get(code.id) ?? 0}
              </Text>
            </Group>
            <Group gap={2} wrap="nowrap">
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => setPending({ kind: 'rename', id: code.id, name: code.name })}
              >
                Rename
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() =>
                  setPending({ kind: 'merge', id: code.id, target: null, preview: null })
                }
              >
                Merge
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                onClick={() =>
                  void preview({ op: 'delete', id: code.id, policy: 'uncode' }).then((p) =>
                    setPending({ kind: 'delete', id: code.id, policy: 'uncode', preview: p }),
                  )
                }
              >
                Delete
              </Button>
            </Group>
          </Group>
          {pending?.id === code.id && pending.kind === 'rename' && (
            <Group gap={4}>
              <TextInput
                size="xs"
                aria-label="New name"
                value={pending.name}
                onChange={(e) => setPending({ ...pending, name: e.currentTarget.value })}
              />
              <Button
                size="compact-xs"
                onClick={() => void run('Rename', () => api.codebook.rename(code.id, pending.name))}
              >
                Rename
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => setPending(null)}>
                Cancel
              </Button>
            </Group>
          )}
          {pending?.id === code.id && pending.kind === 'merge' && (
            <Stack gap={4}>
              <Select
                size="xs"
                aria-label="Merge into"
                placeholder="Merge into…"
                data={options.filter((o) => o.value !== code.id)}
                value={pending.target}
                onChange={(target) => {
                  if (!target) return
                  void preview({ op: 'merge', sourceId: code.id, targetId: target }).then((p) =>
                    setPending({ kind: 'merge', id: code.id, target, preview: p }),
                  )
                }}
                comboboxProps={{ withinPortal: true }}
              />
              {pending.preview && (
                <Text size="xs" data-testid="codebook-preview">
                  {pending.preview.description}
                </Text>
              )}
              <Group gap={4}>
                <Button
                  size="compact-xs"
                  disabled={!pending.target || !pending.preview}
                  onClick={() =>
                    pending.target &&
                    void run('Merge', () => api.codebook.merge(code.id, pending.target!))
                  }
                >
                  Merge
                </Button>
                <Button size="compact-xs" variant="default" onClick={() => setPending(null)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          )}
          {pending?.id === code.id && pending.kind === 'delete' && (
            <Stack gap={4}>
              <Select
                size="xs"
                aria-label="What happens to its annotations"
                data={POLICIES}
                value={pending.policy}
                onChange={(v) => {
                  const policy = (v ?? 'uncode') as CodeDeletePolicy
                  void preview({ op: 'delete', id: code.id, policy }).then((p) =>
                    setPending({ kind: 'delete', id: code.id, policy, preview: p }),
                  )
                }}
                comboboxProps={{ withinPortal: true }}
              />
              {pending.preview && (
                <Text size="xs" data-testid="codebook-preview">
                  {pending.preview.description}
                </Text>
              )}
              <Group gap={4}>
                <Button
                  size="compact-xs"
                  color="red"
                  onClick={() =>
                    void run('Delete', () => api.codebook.delete(code.id, pending.policy))
                  }
                >
                  Delete code
                </Button>
                <Button size="compact-xs" variant="default" onClick={() => setPending(null)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      ))}
    </Stack>
  )
}

/** Codes depth-first, children after their parent, in codebook order. */
function treeOrder(codebook: Code[]): { code: Code; depth: number }[] {
  const out: { code: Code; depth: number }[] = []
  const visit = (parentId: string | null, depth: number) => {
    for (const c of codebook) {
      if (c.parentId !== parentId) continue
      out.push({ code: c, depth })
      visit(c.id, depth + 1)
    }
  }
  visit(null, 0)
  return out
}
