import {
  Badge,
  Box,
  Collapse,
  Group,
  Paper,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core'
import { useMemo, useState, type ReactNode } from 'react'
import type { Actor, DocumentAnalysis, StanceCue } from '../../../shared/analysis'
import {
  CONNOTATION_COLOR,
  CONNOTATION_MEANING,
  CUE_KIND_LABEL,
  connotationsUsed,
  contextAround,
  cuesByActor,
  describeScore,
  divergingBar,
  groupLabels,
  headlineCues,
  isUserRule,
  orderActors,
  revealPoint,
} from './framing-model'
import './framing.css'

interface Props {
  analysis: DocumentAnalysis
  /** The document's text, to show cues in their context (optional). */
  text?: string
  /** Takes the reader to an offset of the text (a cue, a label, an evidence sentence). */
  onReveal?: (start: number) => void
  /** Extra controls for the summary card (the lexicon button). */
  toolbar?: ReactNode
}

/** Hover (and keyboard focus) explanation shared by chips and cues. */
function Explained({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <Tooltip
      label={label}
      multiline
      w={340}
      withArrow
      openDelay={150}
      events={{ hover: true, focus: true, touch: true }}
    >
      {children}
    </Tooltip>
  )
}

/**
 * How the document positions itself toward each actor: its stance summary, then per actor the
 * labels it uses (coloured by connotation), a diverging stance bar with its evidence sentences,
 * and the cues that bear on the actor with the rule or lexicon entry that fired.
 */
export function ActorsPanel({ analysis, text, onReveal, toolbar }: Props) {
  const actors = useMemo(() => orderActors(analysis.actors), [analysis.actors])
  // Cues in reader comments are their own layer (shown in the reader's comment boxes), never
  // part of the article's stance.
  const articleCues = useMemo(
    () => analysis.stanceCues.filter((c) => c.segmentRole !== 'comments'),
    [analysis.stanceCues],
  )
  const commentCueCount = analysis.stanceCues.length - articleCues.length
  const cues = useMemo(() => cuesByActor(articleCues), [articleCues])
  const headline = useMemo(() => headlineCues(analysis), [analysis])
  const legend = connotationsUsed(analysis.actors)
  const unattributed = (cues.get(null) ?? []).filter((c) => c.segmentRole !== 'title')

  return (
    <Stack gap="md" data-testid="actors-panel" className="px-framing">
      <Paper withBorder p="md" radius="md" data-testid="stance-summary" className="px-summary">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Text size="xs" tt="uppercase" fw={700} c="dimmed" lts={0.5}>
              Stance of this document
            </Text>
            <Text size="md" fw={500}>
              {analysis.stanceSummary ?? 'No clear position toward any actor was found.'}
            </Text>
            <Text size="xs" c="dimmed">
              {analysis.actors.length} actors · {articleCues.length} stance cues · reader comments
              are not counted
              {commentCueCount > 0 &&
                ` (${commentCueCount} cue${commentCueCount === 1 ? '' : 's'} in them, highlighted in the reader's comment boxes)`}
            </Text>
          </Stack>
          {toolbar}
        </Group>
        {headline.length > 0 && (
          <Group gap={6} mt="sm" data-testid="headline-cues">
            <Badge size="sm" variant="filled" color="dark">
              Headline
            </Badge>
            {headline.map((c) => (
              <CueChip key={c.id} cue={c} onReveal={onReveal} />
            ))}
          </Group>
        )}
      </Paper>

      {legend.length > 0 && (
        <Group gap="sm" aria-label="Connotation legend" data-testid="connotation-legend">
          <Text size="xs" c="dimmed">
            Labels:
          </Text>
          {legend.map((c) => (
            <Explained key={c} label={CONNOTATION_MEANING[c]}>
              <Badge
                size="xs"
                variant="light"
                color={CONNOTATION_COLOR[c]}
                tabIndex={0}
                leftSection={<span className="px-dot" data-connotation={c} />}
              >
                {c}
              </Badge>
            </Explained>
          ))}
        </Group>
      )}

      {actors.length === 0 ? (
        <Text c="dimmed" size="sm" ta="center" mt="lg">
          No actors were recognised in this document. Add the names it uses as actor labels in your
          lexicon.
        </Text>
      ) : (
        actors.map((a) => (
          <ActorCard
            key={a.id}
            actor={a}
            cues={cues.get(a.id) ?? []}
            analysis={analysis}
            text={text}
            onReveal={onReveal}
          />
        ))
      )}

      {unattributed.length > 0 && (
        <Paper withBorder p="sm" radius="md" data-testid="other-cues">
          <Text size="sm" fw={600} mb={6}>
            Hedges, boosters and other cues with no actor
          </Text>
          <Group gap={6}>
            {unattributed.map((c) => (
              <CueChip key={c.id} cue={c} onReveal={onReveal} />
            ))}
          </Group>
        </Paper>
      )}
    </Stack>
  )
}

function ActorCard({
  actor,
  cues,
  analysis,
  text,
  onReveal,
}: {
  actor: Actor
  cues: StanceCue[]
  analysis: DocumentAnalysis
  text: string | undefined
  onReveal: ((start: number) => void) | undefined
}) {
  const [isOpen, setOpen] = useState(false)
  const labels = useMemo(() => groupLabels(actor.labels), [actor.labels])
  // Label cues repeat the chips above; the list below shows what the chips do not.
  const otherCues = cues.filter((c) => c.kind !== 'label')
  const bar = divergingBar(actor.stance.score)
  const evidenceId = `evidence-${actor.id}`
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-testid="actor-card"
      data-actor={actor.name}
      aria-label={`Actor ${actor.name}`}
      component="section"
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={4} className="px-actor-name">
            {actor.name}
          </Title>
          <Text size="xs" c="dimmed">
            {[
              actor.bloc && actor.bloc !== actor.name ? actor.bloc : null,
              `named ${actor.mentions ?? actor.labels.length}×`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
        <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
          <Explained
            label={`Stance score ${describeScore(actor.stance.score)}: the polarity of the sentences about this actor combined with the cues bearing on it (−1 hostile … +1 favourable).`}
          >
            <div
              className="px-diverging"
              role="meter"
              aria-valuemin={-1}
              aria-valuemax={1}
              aria-valuenow={Number(actor.stance.score.toFixed(2))}
              aria-label={`Stance toward ${actor.name}`}
              tabIndex={0}
              data-testid="stance-bar"
            >
              <span className="px-diverging-mid" />
              <span
                className="px-diverging-fill"
                data-tone={bar.tone}
                style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
              />
            </div>
          </Explained>
          <Text size="xs" c="dimmed" data-testid="stance-score">
            {describeScore(actor.stance.score)}
          </Text>
        </Stack>
      </Group>

      <Group gap={6} mt="sm" data-testid="actor-labels">
        {labels.map((l) => (
          <Explained
            key={`${l.text}|${l.connotation}`}
            label={
              <Stack gap={4}>
                <Text size="xs" fw={700}>
                  {l.connotation}: {CONNOTATION_MEANING[l.connotation]}
                </Text>
                {l.rules.map((r) => (
                  <Text key={r} size="xs">
                    {r}
                  </Text>
                ))}
              </Stack>
            }
          >
            <Badge
              component="button"
              type="button"
              size="md"
              radius="sm"
              tt="none"
              variant={l.connotation === 'neutral' ? 'outline' : 'light'}
              color={CONNOTATION_COLOR[l.connotation]}
              data-connotation={l.connotation}
              data-testid="label-chip"
              className="px-chip"
              onClick={onReveal ? () => onReveal(l.start) : undefined}
              rightSection={l.count > 1 ? <span className="px-chip-count">×{l.count}</span> : null}
            >
              {l.isQuoted && !/[“"]/.test(l.text) ? `“${l.text}”` : l.text}
            </Badge>
          </Explained>
        ))}
      </Group>

      {otherCues.length > 0 && (
        <Stack gap={4} mt="sm" data-testid="actor-cues">
          {otherCues.map((c) => (
            <CueLine key={c.id} cue={c} text={text} onReveal={onReveal} />
          ))}
        </Stack>
      )}

      {actor.stance.evidence.length > 0 && (
        <Box mt="sm">
          <UnstyledButton
            className="px-link"
            aria-expanded={isOpen}
            aria-controls={evidenceId}
            onClick={() => setOpen((o) => !o)}
          >
            {isOpen ? '▾' : '▸'} Evidence: {actor.stance.evidence.length} sentence
            {actor.stance.evidence.length === 1 ? '' : 's'}
          </UnstyledButton>
          <Collapse expanded={isOpen}>
            <Stack gap={6} mt={6} id={evidenceId} data-testid="stance-evidence">
              {actor.stance.evidence.map((s) => (
                <UnstyledButton
                  key={s.start}
                  className="px-evidence"
                  disabled={!onReveal}
                  onClick={
                    onReveal ? () => onReveal(revealPoint(analysis, s, actor.id)) : undefined
                  }
                  title={onReveal ? 'Show in the reader' : undefined}
                >
                  {s.text}
                </UnstyledButton>
              ))}
            </Stack>
          </Collapse>
        </Box>
      )}
    </Paper>
  )
}

function cueExplanation(cue: StanceCue) {
  const direction =
    cue.polarity > 0.05 ? 'favourable' : cue.polarity < -0.05 ? 'hostile' : 'no direction'
  return (
    <Stack gap={4}>
      <Text size="xs" fw={700}>
        {CUE_KIND_LABEL[cue.kind]} · polarity {cue.polarity.toFixed(2)} ({direction})
        {cue.connotation ? ` · ${cue.connotation}` : ''}
        {cue.segmentRole === 'title' ? ' · in the headline' : ''}
      </Text>
      <Text size="xs">{cue.rule}</Text>
    </Stack>
  )
}

function CueChip({
  cue,
  onReveal,
}: {
  cue: StanceCue
  onReveal: ((start: number) => void) | undefined
}) {
  return (
    <Explained label={cueExplanation(cue)}>
      <Badge
        component="button"
        type="button"
        size="sm"
        tt="none"
        variant="light"
        color={cue.polarity < -0.05 ? 'red' : cue.polarity > 0.05 ? 'teal' : 'gray'}
        className="px-chip"
        data-testid="cue-chip"
        data-kind={cue.kind}
        onClick={onReveal ? () => onReveal(cue.start) : undefined}
        leftSection={<span className="px-cue-kind">{CUE_KIND_LABEL[cue.kind]}</span>}
      >
        {cue.text}
      </Badge>
    </Explained>
  )
}

function CueLine({
  cue,
  text,
  onReveal,
}: {
  cue: StanceCue
  text: string | undefined
  onReveal: ((start: number) => void) | undefined
}) {
  const ctx = text ? contextAround(text, cue.start, cue.end) : null
  return (
    <Explained label={cueExplanation(cue)}>
      <UnstyledButton
        className="px-cue-line"
        data-testid="actor-cue"
        data-kind={cue.kind}
        onClick={onReveal ? () => onReveal(cue.start) : undefined}
      >
        <Group gap={8} wrap="nowrap" align="baseline">
          <Badge
            size="xs"
            variant="light"
            color={cue.polarity < -0.05 ? 'red' : cue.polarity > 0.05 ? 'teal' : 'gray'}
            style={{ flexShrink: 0 }}
          >
            {CUE_KIND_LABEL[cue.kind]}
          </Badge>
          {cue.segmentRole === 'title' && (
            <Badge size="xs" variant="filled" color="dark" style={{ flexShrink: 0 }}>
              Headline
            </Badge>
          )}
          {isUserRule(cue.rule) && (
            <Badge size="xs" variant="dot" color="indigo" style={{ flexShrink: 0 }}>
              your lexicon
            </Badge>
          )}
          <Text size="sm" component="span" lineClamp={2}>
            {ctx ? (
              <>
                <span className="px-ctx">{ctx.before}</span>
                <mark className="px-cue-mark">{ctx.match}</mark>
                <span className="px-ctx">{ctx.after}</span>
              </>
            ) : (
              <mark className="px-cue-mark">{cue.text}</mark>
            )}
          </Text>
        </Group>
      </UnstyledButton>
    </Explained>
  )
}
