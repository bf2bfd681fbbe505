import {
  Button,
  Drawer,
  Group,
  Modal,
  Notification,
  Portal,
  Stack,
  Tabs,
  Text,
} from '@mantine/core'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { RecoverableEntry } from '../../../shared/api'
import type { DocumentRecord } from '../../../shared/document'
import { api, errorMessage } from '../api'
import { useApiEvents } from '../hooks/use-api-events'
import { useUiEvents } from '../lib/ui-events'
import { AnnotationsPanel, type FocusRequest } from './AnnotationsPanel'
import { CodebookPanel } from './CodebookPanel'
import { ProjectBar } from './ProjectBar'
import { ReviewQueue } from './ReviewQueue'
import { offerForSelection, SelectionAnnotator, type AnnotationOffer } from './SelectionAnnotator'
import { useAnnotationData, useProjectStatus } from './use-project'

function isTextField(el: Element | null): boolean {
  return (
    el instanceof HTMLElement &&
    (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)
  )
}

/**
 * Everything about the open project, mounted once in the header: the project bar, the recovery
 * prompt, the annotations and codebook drawer, "Add annotation" for a selection in the reader,
 * notices, and Edit › Undo/Redo routing (a text field's own undo first).
 */
export function ProjectWorkbench() {
  const status = useProjectStatus()
  const { annotations, codebook } = useAnnotationData()
  const [records, setRecords] = useState<DocumentRecord[]>([])
  const [isDrawerOpen, setDrawerOpen] = useState(false)
  const [drawerTab, setDrawerTab] = useState<string | null>('annotations')
  // "Open in list" from an annotation's card: the drawer shows it selected.
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null)
  const requests = useRef(0)
  useUiEvents((event) => {
    if (event.type !== 'open-annotation') return
    requests.current += 1
    setFocusRequest({ id: event.id, serial: requests.current })
    setDrawerTab('annotations')
    setDrawerOpen(true)
  })
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null)
  const [recoverable, setRecoverable] = useState<RecoverableEntry[]>([])
  const [offer, setOffer] = useState<AnnotationOffer | null>(null)
  const [seenNotices, setSeenNotices] = useState<string>('')

  const loadRecords = useCallback(
    () => void api.library.list().then(setRecords, () => undefined),
    [],
  )
  useEffect(loadRecords, [loadRecords])
  useEffect(() => {
    void api.project.recoverable().then(setRecoverable, () => undefined)
  }, [])

  // Notices about how the project was opened, shown once per project.
  useEffect(() => {
    const key = status ? `${status.projectId}:${status.notices.join('|')}` : ''
    if (status && status.notices.length > 0 && key !== seenNotices) {
      setSeenNotices(key)
      setMessage({ color: 'blue', text: status.notices.join(' ') })
    }
  }, [status, seenNotices])

  const history = useCallback(async (which: 'undo' | 'redo') => {
    try {
      const step = which === 'undo' ? await api.history.undo() : await api.history.redo()
      if (step.label)
        setMessage({
          color: 'gray',
          text: `${which === 'undo' ? 'Undid' : 'Redid'}: ${step.label}`,
        })
    } catch (err) {
      setMessage({ color: 'red', text: errorMessage(err) })
    }
  }, [])

  useApiEvents((event) => {
    if (event.type === 'library.changed') loadRecords()
    else if (event.type === 'menu' && (event.command === 'undo' || event.command === 'redo')) {
      if (isTextField(document.activeElement)) {
        // The field's own undo, as the stock Edit menu would do.
        document.execCommand(event.command)
      } else void history(event.command)
    }
  })

  // A selection in the reader offers "Add annotation" beside it.
  useEffect(() => {
    const onUp = () => {
      window.setTimeout(() => {
        const root = document.querySelector('[data-testid="reader-text"]')
        const docId = root?.closest<HTMLElement>('[data-doc-id]')?.dataset.docId
        setOffer(offerForSelection(root, docId))
      }, 0)
    }
    document.addEventListener('mouseup', onUp)
    document.addEventListener('keyup', onUp)
    return () => {
      document.removeEventListener('mouseup', onUp)
      document.removeEventListener('keyup', onUp)
    }
  }, [])

  const recover = async (entry: RecoverableEntry, recoverIt: boolean) => {
    try {
      if (recoverIt) {
        const done = await api.project.recover(entry.recoveryPath)
        if (done) setRecoverable([])
      } else setRecoverable(await api.project.discardRecovery(entry.recoveryPath))
    } catch (err) {
      setMessage({ color: 'red', text: errorMessage(err) })
    }
  }
  const first = recoverable[0]

  return (
    <>
      <ProjectBar
        status={status}
        onOpenAnnotations={() => setDrawerOpen(true)}
        onMessage={setMessage}
      />

      <SelectionAnnotator
        offer={offer}
        onTaken={() => setOffer(null)}
        codebook={codebook}
        testId="add-annotation"
      />

      <Drawer
        opened={isDrawerOpen}
        onClose={() => {
          setDrawerOpen(false)
          setFocusRequest(null)
        }}
        position="right"
        size={560}
        title={`Annotations — ${status?.name ?? ''}`}
      >
        <Tabs value={drawerTab} onChange={setDrawerTab}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="annotations">Annotations</Tabs.Tab>
            <Tabs.Tab value="codebook">Codebook</Tabs.Tab>
            <Tabs.Tab
              value="review"
              aria-label="Review figures, entities, attributions and stance cues"
            >
              Review
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="annotations">
            <AnnotationsPanel
              annotations={annotations}
              codebook={codebook}
              records={records}
              onMessage={setMessage}
              focusRequest={focusRequest}
            />
          </Tabs.Panel>
          <Tabs.Panel value="review">
            <ReviewQueue annotations={annotations} records={records} onMessage={setMessage} />
          </Tabs.Panel>
          <Tabs.Panel value="codebook">
            <CodebookPanel codebook={codebook} annotations={annotations} onMessage={setMessage} />
          </Tabs.Panel>
        </Tabs>
      </Drawer>

      <Modal
        opened={first !== undefined}
        onClose={() => undefined}
        withCloseButton={false}
        closeOnClickOutside={false}
        closeOnEscape={false}
        title="Recover unsaved work?"
      >
        {first && (
          <Stack gap="sm" data-testid="recovery-prompt">
            <Text size="sm">
              Parallax did not close properly. Unsaved work on “{first.name}” from{' '}
              {new Date(first.autosavedAt).toLocaleString()} can be recovered (
              {first.annotationCount} annotation{first.annotationCount === 1 ? '' : 's'},{' '}
              {first.documentCount} document{first.documentCount === 1 ? '' : 's'}).
            </Text>
            {first.sourcePath && (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                Saved file: {first.sourcePath}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" color="red" onClick={() => void recover(first, false)}>
                Discard
              </Button>
              <Button onClick={() => void recover(first, true)}>Recover</Button>
            </Group>
          </Stack>
        )}
      </Modal>

      {message && (
        // In a portal: inside the header, the side panels would cover it.
        <Portal>
          <div style={{ position: 'fixed', bottom: 16, left: 16, zIndex: 1000, width: 420 }}>
            <Notification
              color={message.color}
              withCloseButton
              onClose={() => setMessage(null)}
              withBorder
              data-testid="project-message"
            >
              {message.text}
            </Notification>
          </div>
        </Portal>
      )}
    </>
  )
}
