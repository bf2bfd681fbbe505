import { Badge, Card, Group, Progress, Stack, Text } from '@mantine/core'
import type { Comparison, DiffRun } from '../../../shared/compare'
import { DocChip } from './FiguresTab'
import { changedWords, formatShare } from './present'

/** Per pair of documents: how much one is found in the other, and a rewrite's word-level diff. */
export function DerivationTab({ comparison }: { comparison: Comparison }) {
  if (comparison.derivation.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="derivation-empty">
        Derivation needs two documents or more.
      </Text>
    )
  }
  const pairs = [...comparison.derivation].sort(
    (a, b) =>
      Number(b.isDerived) - Number(a.isDerived) ||
      Math.max(b.shareAInB, b.shareBInA) - Math.max(a.shareAInB, a.shareBInA),
  )
  return (
    <Stack gap="sm">
      {pairs.map((p) => (
        <Card
          key={`${p.a}-${p.b}`}
          withBorder
          padding="sm"
          data-testid="derivation-pair"
          data-derived={p.isDerived}
        >
          <Stack gap={6}>
            <Group gap={6}>
              <DocChip doc={p.a} />
              <Text size="xs">↔</Text>
              <DocChip doc={p.b} />
              <Badge size="xs" variant="light" color={p.isDerived ? 'orange' : 'gray'} ml="auto">
                {p.isDerived ? 'rewrite / copy' : 'independent'}
              </Badge>
            </Group>
            <Share label={`of ${p.a + 1} found in ${p.b + 1}`} value={p.shareAInB} />
            <Share label={`of ${p.b + 1} found in ${p.a + 1}`} value={p.shareBInA} />
            <Text size="xs" c="dimmed">
              {p.reason}
            </Text>
            {p.passages.map((passage, i) => (
              <div key={i} className="px-cmp-diff" data-testid="diff-passage">
                <Text size="xs" c="dimmed" mb={4}>
                  Passage {i + 1} · {changedWords(passage.diff)} words changed
                </Text>
                <Diff runs={passage.diff} />
              </div>
            ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  )
}

function Share({ label, value }: { label: string; value: number }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Progress value={value * 100} w={120} size="sm" color={value > 0.5 ? 'orange' : 'indigo'} />
      <Text size="xs">
        {formatShare(value)} {label}
      </Text>
    </Group>
  )
}

/** Deleted words struck through in red, inserted ones green, replacements old → new. */
export function Diff({ runs }: { runs: DiffRun[] }) {
  return (
    <p className="px-cmp-diff-text">
      {runs.map((r, i) => {
        if (r.op === 'equal') return <span key={i}>{r.from} </span>
        if (r.op === 'delete')
          return (
            <del key={i} data-op="delete">
              {r.from}{' '}
            </del>
          )
        if (r.op === 'insert')
          return (
            <ins key={i} data-op="insert">
              {r.to}{' '}
            </ins>
          )
        return (
          <span key={i} className="px-cmp-replace" data-op="replace">
            <del>{r.from}</del>
            <span aria-hidden> → </span>
            <ins>{r.to}</ins>{' '}
          </span>
        )
      })}
    </p>
  )
}
