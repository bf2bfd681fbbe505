import { Button, Group, Menu, Text, Tooltip } from '@mantine/core'
import { useState } from 'react'
import type { ExportKind, ProjectStatus, RecentProjectEntry } from '../../../shared/api'
import { api, errorMessage } from '../api'

const EXPORTS: { kind: ExportKind; label: string }[] = [
  { kind: 'report-html', label: 'HTML report' },
  { kind: 'report-md', label: 'Markdown report' },
  { kind: 'figures-csv', label: 'Figures (CSV)' },
  { kind: 'annotations-csv', label: 'Annotations (CSV)' },
  { kind: 'web-annotation', label: 'Annotations (W3C JSON-LD)' },
  { kind: 'refi-qdc', label: 'Codebook (REFI-QDA .qdc)' },
]

interface Props {
  status: ProjectStatus | null
  onOpenAnnotations: () => void
  onMessage: (message: { color: string; text: string }) => void
}

/** The project's name with the unsaved mark, Save, and the project menu (New, Open, Export…). */
export function ProjectBar({ status, onOpenAnnotations, onMessage }: Props) {
  const [recent, setRecent] = useState<RecentProjectEntry[]>([])
  const run = async (what: string, call: () => Promise<unknown>) => {
    try {
      const result = await call()
      if (result && typeof result === 'object' && 'path' in result && what === 'Export') {
        onMessage({
          color: 'teal',
          text: `Exported to ${String((result as { path: string }).path)}`,
        })
      }
    } catch (err) {
      onMessage({ color: 'red', text: `${what} failed: ${errorMessage(err)}` })
    }
  }
  const name = status?.name ?? '…'
  return (
    <Group gap={6} wrap="nowrap" data-testid="project-bar">
      <Tooltip label={status?.path ?? 'Not saved yet'} withinPortal>
        <Text
          size="sm"
          fw={600}
          maw={220}
          truncate="end"
          data-testid="project-name"
          aria-label={`Project ${name}${status?.isDirty ? ', unsaved changes' : ''}`}
        >
          {status?.isDirty && (
            <span className="px-unsaved-dot" data-testid="unsaved-mark" aria-hidden>
              ●{' '}
            </span>
          )}
          {name}
        </Text>
      </Tooltip>
      <Button
        size="xs"
        variant="default"
        onClick={() => void run('Save', () => api.project.save())}
      >
        Save
      </Button>
      <Menu
        position="bottom-end"
        withinPortal
        onOpen={() => void api.project.recent().then(setRecent, () => setRecent([]))}
      >
        <Menu.Target>
          <Button size="xs" variant="default" aria-label="Project menu">
            Project ▾
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => void run('New project', () => api.project.new())}>
            New
          </Menu.Item>
          <Menu.Item onClick={() => void run('Open', () => api.project.open())}>Open…</Menu.Item>
          <Menu.Item onClick={() => void run('Save as', () => api.project.saveAs())}>
            Save As…
          </Menu.Item>
          <Menu.Item onClick={() => void run('Close', () => api.project.close())}>
            Close Project
          </Menu.Item>
          <Menu.Divider />
          <Menu.Label>Recent</Menu.Label>
          {recent.length === 0 && <Menu.Item disabled>No recent projects</Menu.Item>}
          {recent.map((r) => (
            <Menu.Item
              key={r.path}
              disabled={!r.exists}
              onClick={() => void run('Open', () => api.project.openRecent(r.path))}
            >
              {r.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Label>Export</Menu.Label>
          {EXPORTS.map((e) => (
            <Menu.Item
              key={e.kind}
              onClick={() => void run('Export', () => api.export.run(e.kind))}
            >
              {e.label}…
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Tooltip
        label={status?.undoLabel ? `Undo: ${status.undoLabel}` : 'Nothing to undo'}
        withinPortal
      >
        <Button
          size="xs"
          variant="subtle"
          aria-label="Undo"
          disabled={!status?.canUndo}
          onClick={() => void run('Undo', () => api.history.undo())}
        >
          ↶
        </Button>
      </Tooltip>
      <Tooltip
        label={status?.redoLabel ? `Redo: ${status.redoLabel}` : 'Nothing to redo'}
        withinPortal
      >
        <Button
          size="xs"
          variant="subtle"
          aria-label="Redo"
          disabled={!status?.canRedo}
          onClick={() => void run('Redo', () => api.history.redo())}
        >
          ↷
        </Button>
      </Tooltip>
      <Button size="xs" variant="light" onClick={onOpenAnnotations}>
        Annotations{status ? ` (${status.annotationCount})` : ''}
      </Button>
    </Group>
  )
}
