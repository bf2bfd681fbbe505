import {
  ActionIcon,
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Menu,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { useCallback, useEffect, useState } from 'react'
import type { DocumentRecord } from '../../../shared/document'
import type { ComparisonSetup } from '../../../shared/project'
import { api, errorMessage } from '../api'
import { useApiEvents } from '../hooks/use-api-events'
import { ComparisonView } from './ComparisonView'
import {
  DeleteComparisonModal,
  NewComparisonModal,
  RenameComparisonModal,
} from './ComparisonModals'
import './compare.css'

/** Remembers which comparison was open, so a reload or restart comes back to it. */
const OPEN_KEY = 'parallax.compare.open'

function rememberedId(): string | null {
  try {
    return window.localStorage.getItem(OPEN_KEY)
  } catch {
    return null
  }
}

/**
 * The Compare mode: the saved comparisons (open, rename, delete, create from 2–6 library
 * documents) beside the open comparison's columns and insights.
 */
export function ComparisonWorkspace({ records }: { records: DocumentRecord[] }) {
  const [list, setList] = useState<ComparisonSetup[] | null>(null)
  const [listError, setListError] = useState<string | null>(null)
  const [openId, setOpenId] = useState<string | null>(rememberedId)
  const [dialog, setDialog] = useState<
    { kind: 'new' } | { kind: 'rename' | 'delete'; setup: ComparisonSetup } | null
  >(null)

  const reload = useCallback(async () => {
    try {
      setList(await api.comparisons.list())
      setListError(null)
    } catch (err) {
      setListError(errorMessage(err))
    }
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])
  useApiEvents((event) => {
    if (event.type === 'comparisons.changed') void reload()
  })

  const open = (id: string | null) => {
    setOpenId(id)
    try {
      if (id) window.localStorage.setItem(OPEN_KEY, id)
      else window.localStorage.removeItem(OPEN_KEY)
    } catch {
      // Storage can be unavailable (private profiles); the choice just is not remembered.
    }
  }

  // Fall back to the first comparison when the remembered one is gone.
  const current = list?.find((c) => c.id === openId) ?? list?.[0] ?? null
  const known = new Set(records.map((r) => r.id))

  return (
    <div className="px-cmp-workspace" data-testid="compare-workspace">
      <nav className="px-cmp-list" aria-label="Saved comparisons">
        <Group justify="space-between" px="sm" pt="sm" pb={6}>
          <Text fw={700} size="sm">
            Comparisons
          </Text>
          <Button size="xs" onClick={() => setDialog({ kind: 'new' })} data-testid="new-comparison">
            New comparison
          </Button>
        </Group>
        <ScrollArea style={{ flex: 1 }} type="auto">
          <Stack gap={2} px="xs" pb="sm" role="listbox" aria-label="Comparisons">
            {list === null && !listError && (
              <Center p="md">
                <Loader size="xs" />
              </Center>
            )}
            {listError && (
              <Text size="xs" c="red" p="xs">
                {listError}
              </Text>
            )}
            {list?.length === 0 && (
              <Text size="xs" c="dimmed" p="xs" data-testid="no-comparisons">
                No comparisons yet. Choose two to six documents with “New comparison”.
              </Text>
            )}
            {list?.map((c) => {
              const gone = c.docIds.filter((id) => !known.has(id)).length
              return (
                <div
                  key={c.id}
                  className="px-cmp-item"
                  role="option"
                  aria-selected={current?.id === c.id}
                  tabIndex={0}
                  data-testid="comparison-item"
                  onClick={() => open(c.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault()
                      open(c.id)
                    }
                  }}
                >
                  <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} lineClamp={2} data-testid="comparison-item-name">
                        {c.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {c.docIds.length} documents
                        {gone && records.length ? ` · ${gone} missing` : ''}
                      </Text>
                    </div>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          aria-label={`Actions for ${c.name}`}
                          onClick={(e) => e.stopPropagation()}
                        >
                          ⋯
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
                        <Menu.Item onClick={() => setDialog({ kind: 'rename', setup: c })}>
                          Rename…
                        </Menu.Item>
                        <Menu.Item
                          color="red"
                          onClick={() => setDialog({ kind: 'delete', setup: c })}
                        >
                          Delete…
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Group>
                </div>
              )
            })}
          </Stack>
        </ScrollArea>
      </nav>
      <main className="px-cmp-main">
        {current ? (
          <ComparisonView key={current.id} setup={current} />
        ) : list !== null ? (
          <Center h="100%" p="xl" data-testid="compare-empty">
            <Stack align="center" gap="xs" maw={440} ta="center">
              <Title order={3} c="gray.7">
                Compare how sources report the same event
              </Title>
              <Text c="dimmed">
                Pick two to six documents of your library: their figures, sources, claims and labels
                are set side by side.
              </Text>
              <Button
                mt="sm"
                onClick={() => setDialog({ kind: 'new' })}
                disabled={records.length < 2}
              >
                New comparison
              </Button>
              {records.length < 2 && (
                <Alert color="gray" variant="light">
                  Import at least two documents first.
                </Alert>
              )}
            </Stack>
          </Center>
        ) : null}
      </main>
      <NewComparisonModal
        opened={dialog?.kind === 'new'}
        records={records}
        onClose={() => setDialog(null)}
        onCreated={(setup) => {
          setDialog(null)
          setList((l) => (l ? [...l.filter((x) => x.id !== setup.id), setup] : [setup]))
          open(setup.id)
        }}
      />
      <RenameComparisonModal
        setup={dialog?.kind === 'rename' ? dialog.setup : null}
        onClose={() => setDialog(null)}
        onRenamed={(setup) => {
          setDialog(null)
          setList((l) => l?.map((x) => (x.id === setup.id ? setup : x)) ?? null)
        }}
      />
      <DeleteComparisonModal
        setup={dialog?.kind === 'delete' ? dialog.setup : null}
        onClose={() => setDialog(null)}
        onDeleted={(remaining) => {
          setDialog(null)
          setList(remaining)
        }}
      />
    </div>
  )
}
