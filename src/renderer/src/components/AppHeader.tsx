import type { ReactNode } from 'react'
import { Button, Group, Progress, Text, Title } from '@mantine/core'
import type { BatchProgress } from '../hooks/use-import'
// Project wiring (issue 6): the project bar, drawers and prompts mount here once.
import { ProjectWorkbench } from '../project/ProjectWorkbench'

interface Props {
  progress: BatchProgress | null
  isBusy: boolean
  onImport: (kind: 'files' | 'folder') => void
  /** The Library / Compare switch, laid out beside the app name so nothing overlaps it. */
  modeSwitch?: ReactNode
}

/** App name, the import buttons and the batch progress bar. */
export function AppHeader({ progress, isBusy, onImport, modeSwitch }: Props) {
  const percent = progress && progress.total > 0 ? (100 * progress.done) / progress.total : 0
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="xs" wrap="nowrap">
        <Title order={3} fw={700} style={{ letterSpacing: '0.02em' }}>
          Parallax
        </Title>
        {modeSwitch}
      </Group>
      <Group gap="xs" wrap="nowrap">
        <ProjectWorkbench />
        {(progress || isBusy) && (
          <Group gap="xs" wrap="nowrap" data-testid="import-progress" aria-live="polite">
            <Progress
              w={90}
              value={progress ? percent : 100}
              animated={!progress?.isFinished}
              striped={!progress?.isFinished}
              aria-label="Import progress"
            />
            <Text size="sm" c="dimmed" miw={70}>
              {progress ? `${progress.done} of ${progress.total}` : 'Importing…'}
            </Text>
          </Group>
        )}
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => onImport('files')}
          disabled={isBusy}
        >
          Import Files…
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => onImport('folder')}
          disabled={isBusy}
        >
          Import Folder…
        </Button>
      </Group>
    </Group>
  )
}
