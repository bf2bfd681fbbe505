import { Alert, Anchor, CloseButton, Group, List, Stack, Text } from '@mantine/core'
import type { BatchSummary, ImportFailure } from '../hooks/use-import'

interface Props {
  summary: BatchSummary | null
  failures: ImportFailure[]
  onDismissSummary: () => void
  onDismissFailure: (key: string) => void
  onDismissAll: () => void
}

/** The last batch's summary and every failed file (name + reason) until dismissed. */
export function ImportNotices({
  summary,
  failures,
  onDismissSummary,
  onDismissFailure,
  onDismissAll,
}: Props) {
  if (!summary && failures.length === 0) return null
  return (
    <Stack gap="xs" mb="md">
      {summary && (
        <Alert
          variant="light"
          color={summary.failed > 0 ? 'orange' : 'teal'}
          withCloseButton
          closeButtonLabel="Dismiss import summary"
          onClose={onDismissSummary}
          title={`Import finished: ${summary.imported.length} imported, ${summary.duplicates.length} already in library, ${summary.failed} failed`}
          data-testid="import-summary"
        >
          {summary.duplicates.length > 0 && (
            <Text size="sm">
              Already in library:{' '}
              {summary.duplicates.map((d, i) => (
                <span key={d + i}>
                  {i > 0 && ', '}
                  <Text span fw={500} size="sm">
                    {d}
                  </Text>
                </span>
              ))}
            </Text>
          )}
        </Alert>
      )}
      {failures.length > 0 && (
        <Alert
          variant="light"
          color="red"
          title={`${failures.length} file${failures.length === 1 ? '' : 's'} could not be imported`}
          data-testid="import-errors"
        >
          <List spacing={4} size="sm" listStyleType="none" ms={0}>
            {failures.map((f) => (
              <List.Item key={f.key} data-testid="import-error">
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="sm" style={{ flex: 1, overflowWrap: 'anywhere' }}>
                    <Text span fw={600} size="sm">
                      {f.file}
                    </Text>
                    : {f.message}
                  </Text>
                  <CloseButton
                    size="sm"
                    aria-label={`Dismiss error for ${f.file}`}
                    onClick={() => onDismissFailure(f.key)}
                  />
                </Group>
              </List.Item>
            ))}
          </List>
          {failures.length > 1 && (
            <Anchor component="button" size="sm" mt={6} onClick={onDismissAll}>
              Dismiss all
            </Anchor>
          )}
        </Alert>
      )}
    </Stack>
  )
}
