import {
  AppShell,
  Button,
  Center,
  Group,
  Modal,
  Notification,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { LibraryInfo } from '../../shared/api'
import type { DocumentRecord } from '../../shared/document'
import { api, errorMessage } from './api'
import { AppHeader } from './components/AppHeader'
import { ComparisonWorkspace } from './compare/ComparisonWorkspace'
import { ImportNotices } from './components/ImportNotices'
import { LibrarySidebar } from './components/LibrarySidebar'
import { MetadataPanel } from './components/MetadataPanel'
import { ReaderPane } from './components/ReaderPane'
import { useApiEvents } from './hooks/use-api-events'
import { useImport } from './hooks/use-import'
import { useWindowDrop } from './hooks/use-window-drop'
import { readDropped } from './lib/drop-files'
import { LAYERS, type LayerId } from './lib/highlights'
import { tagCounts } from './lib/records'

interface PendingUndo {
  token: string
  message: string
}

/** How long a deletion can be undone from the notification. */
const UNDO_WINDOW_MS = 20_000

/** The workbench window: library on the left, the open document in the middle, details right. */
export function App() {
  const [records, setRecords] = useState<DocumentRecord[]>([])
  const [isLoaded, setLoaded] = useState(false)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [revision, setRevision] = useState(0)
  const [layers, setLayers] = useState<ReadonlySet<LayerId>>(() => new Set(LAYERS))
  const [undo, setUndo] = useState<PendingUndo | null>(null)
  const [notice, setNotice] = useState<{ color: string; message: string } | null>(null)
  const [about, setAbout] = useState<LibraryInfo | null>(null)
  const [mode, setMode] = useState<'library' | 'compare'>('library')
  const searchRef = useRef<HTMLInputElement>(null)
  const undoTimer = useRef<number | undefined>(undefined)

  const reload = useCallback(async () => {
    try {
      setRecords(await api.library.list())
      setLoadError(null)
    } catch (err) {
      setLoadError(errorMessage(err))
    } finally {
      setLoaded(true)
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])

  const imports = useImport(
    useCallback(
      (report) => {
        // Open the first new document so the researcher sees what arrived — once it is listed,
        // or the "open document vanished" check would close it again.
        const first = report.results.find((r) => r.status === 'imported' && r.record)?.record
        void reload().then(() => {
          if (first) setSelectedId(first.id)
        })
      },
      [reload],
    ),
  )

  const isDragging = useWindowDrop(
    (found) => {
      if (found.length === 0) return
      readDropped(found).then(imports.importFiles, (err: unknown) =>
        imports.reportLocalFailure('Dropped files', errorMessage(err)),
      )
    },
    (message) => imports.reportLocalFailure('Dropped files', message),
  )

  const focusSearch = () => {
    searchRef.current?.focus()
    searchRef.current?.select()
  }

  const doUndo = useCallback(async () => {
    if (!undo) return
    window.clearTimeout(undoTimer.current)
    setUndo(null)
    try {
      const restored = await api.library.undoRemove(undo.token)
      await reload()
      if (restored[0]) setSelectedId(restored[0].id)
    } catch (err) {
      setNotice({ color: 'red', message: `Undo failed: ${errorMessage(err)}` })
    }
  }, [undo, reload])

  const remove = async (record: DocumentRecord) => {
    try {
      const receipt = await api.library.remove([record.id])
      window.clearTimeout(undoTimer.current)
      setUndo({ token: receipt.token, message: `Deleted “${record.title}”` })
      undoTimer.current = window.setTimeout(() => setUndo(null), UNDO_WINDOW_MS)
      setSelectedId(null)
      await reload()
    } catch (err) {
      setNotice({ color: 'red', message: `Delete failed: ${errorMessage(err)}` })
    }
  }

  useApiEvents((event) => {
    if (event.type === 'library.changed') {
      void reload()
      setRevision((r) => r + 1)
    } else if (event.type === 'menu') {
      if (event.command === 'import-files') void imports.importWithDialog('files')
      else if (event.command === 'import-folder') void imports.importWithDialog('folder')
      else if (event.command === 'focus-search') focusSearch()
      else if (event.command === 'about') void api.library.info().then(setAbout, () => undefined)
    }
  })

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey
      if (!mod || e.altKey) return
      const key = e.key.toLowerCase()
      if (key === 'f') {
        e.preventDefault()
        focusSearch()
      } else if (key === 'z' && !e.shiftKey && undo) {
        // Inside a text field Ctrl+Z belongs to the field.
        const t = e.target as HTMLElement | null
        if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return
        e.preventDefault()
        void doUndo()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [undo, doUndo])

  useEffect(() => () => window.clearTimeout(undoTimer.current), [])

  // The open document disappears when it is deleted (here or elsewhere).
  useEffect(() => {
    if (selectedId && isLoaded && !records.some((r) => r.id === selectedId)) setSelectedId(null)
  }, [records, selectedId, isLoaded])

  const selected = records.find((r) => r.id === selectedId) ?? null
  const allTags = useMemo(() => tagCounts(records).map((t) => t.tag), [records])

  const toggleLayer = useCallback((layer: LayerId, isOn: boolean) => {
    setLayers((prev) => {
      const next = new Set(prev)
      if (isOn) next.add(layer)
      else next.delete(layer)
      return next
    })
  }, [])

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{
        width: 330,
        breakpoint: 0,
        collapsed: { desktop: mode === 'compare', mobile: mode === 'compare' },
      }}
      aside={{
        width: 290,
        breakpoint: 0,
        collapsed: { desktop: mode === 'compare', mobile: mode === 'compare' },
      }}
      padding={0}
    >
      <AppShell.Header>
        <AppHeader
          progress={imports.progress}
          isBusy={imports.isBusy}
          onImport={(k) => void imports.importWithDialog(k)}
          modeSwitch={
            <SegmentedControl
              value={mode}
              onChange={(v) => setMode(v === 'compare' ? 'compare' : 'library')}
              data={[
                { value: 'library', label: 'Library' },
                { value: 'compare', label: 'Compare' },
              ]}
              aria-label="Mode"
              data-testid="mode-switch"
            />
          }
        />
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Library">
        <LibrarySidebar
          records={records}
          selectedId={selectedId}
          onOpen={setSelectedId}
          searchRef={searchRef}
        />
      </AppShell.Navbar>

      <AppShell.Main style={{ height: '100dvh', display: 'flex', flexDirection: 'column' }}>
        {mode === 'compare' ? (
          <div style={{ flex: 1, minHeight: 0 }} data-testid="compare-pane">
            <ComparisonWorkspace records={records} />
          </div>
        ) : (
          <Stack gap={0} style={{ flex: 1, minHeight: 0 }}>
            <div style={{ padding: '12px 16px 0' }}>
              <ImportNotices
                summary={imports.summary}
                failures={imports.failures}
                onDismissSummary={imports.dismissSummary}
                onDismissFailure={imports.dismissFailure}
                onDismissAll={imports.dismissAllFailures}
              />
              {loadError && (
                <Text c="red" size="sm" mb="sm">
                  The library could not be read: {loadError}
                </Text>
              )}
            </div>
            <div
              style={{ flex: 1, minHeight: 0 }}
              data-testid="reader-pane"
              // Which document a text selection belongs to (project annotations).
              data-doc-id={selectedId ?? undefined}
            >
              {selectedId ? (
                <ReaderPane
                  key={selectedId}
                  docId={selectedId}
                  revision={revision}
                  visibleLayers={layers}
                  onToggleLayer={toggleLayer}
                />
              ) : (
                <EmptyReader count={records.length} isLoaded={isLoaded} />
              )}
            </div>
          </Stack>
        )}
      </AppShell.Main>

      <AppShell.Aside p="sm" aria-label="Document details">
        <MetadataPanel record={selected} allTags={allTags} onDelete={(r) => void remove(r)} />
      </AppShell.Aside>

      {isDragging && (
        <div className="px-drop-overlay" data-testid="drop-overlay">
          <Stack align="center" gap={4}>
            <Title order={2} c="indigo.7">
              Drop to import
            </Title>
            <Text c="indigo.7">
              HTML, MHTML, PDF, Word, text and Markdown files, or whole folders
            </Text>
          </Stack>
        </div>
      )}

      <div style={{ position: 'fixed', bottom: 16, right: 306, zIndex: 800, width: 380 }}>
        <Stack gap="xs">
          {undo && (
            <Notification
              withCloseButton
              onClose={() => setUndo(null)}
              title={undo.message}
              data-testid="undo-notification"
              withBorder
            >
              <Group justify="space-between" gap="xs">
                <Text size="sm" c="dimmed">
                  Press Ctrl/⌘+Z to bring it back.
                </Text>
                <Button size="xs" variant="light" onClick={() => void doUndo()}>
                  Undo
                </Button>
              </Group>
            </Notification>
          )}
          {notice && (
            <Notification
              color={notice.color}
              withCloseButton
              onClose={() => setNotice(null)}
              withBorder
            >
              {notice.message}
            </Notification>
          )}
        </Stack>
      </div>

      <Modal opened={about !== null} onClose={() => setAbout(null)} title="About Parallax">
        {about && (
          <Stack gap="xs">
            <Text size="sm">
              An offline workbench for comparing how sources report the same event.
            </Text>
            <Text size="sm">
              {about.documentCount} documents · analyser {about.analyserVersion}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              Library folder: {about.dataDir}
            </Text>
          </Stack>
        )}
      </Modal>
    </AppShell>
  )
}

function EmptyReader({ count, isLoaded }: { count: number; isLoaded: boolean }) {
  if (!isLoaded) return null
  return (
    <Center h="100%" p="xl" data-testid="empty-reader">
      <Stack align="center" gap="xs" maw={420} ta="center">
        <Title order={3} c="gray.7">
          {count === 0 ? 'Your library is empty' : 'No document open'}
        </Title>
        <Text c="dimmed">
          {count === 0
            ? 'Drop files here or use Import Files… — saved web pages, PDFs, Word files, text and Markdown.'
            : 'Pick a document in the library (↑ ↓ and Enter work too), or drop more files here to import them.'}
        </Text>
      </Stack>
    </Center>
  )
}
