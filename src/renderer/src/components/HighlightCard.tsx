import { ActionIcon, Badge, Button, Group, Paper, Portal, Stack, Text } from '@mantine/core'
import { useEffect, useState, type ReactNode, type Ref } from 'react'
import type {
  Attribution,
  DocumentAnalysis,
  Entity,
  Figure,
  StanceCue,
} from '../../../shared/analysis'
import type { Annotation, AnnotationFigure } from '../../../shared/annotation'
import type { LayerId } from '../lib/highlights'
import {
  correctionKey,
  RELATION_LABELS,
  type AnnotationLookup,
  type LinkView,
} from '../lib/highlights-annotations'
import { reviewTargetOf } from '../lib/highlights-card'
import { openAnnotation } from '../lib/ui-events'
import { ReviewActions } from '../project/ReviewActions'

/** Lookups from the ids highlights carry to what the analysis says about them. */
export interface AnalysisIndex {
  figures: Map<string, Figure>
  entities: Map<string, Entity>
  attributions: Map<string, Attribution>
  stanceCues: Map<string, StanceCue>
  /** Actor and entity names by id, for a stance cue's target. */
  actorNames: Map<string, string>
}

export function indexAnalysis(a: DocumentAnalysis): AnalysisIndex {
  const actorNames = new Map<string, string>()
  for (const e of a.entities) actorNames.set(e.id, e.name)
  for (const actor of a.actors) actorNames.set(actor.id, actor.name)
  return {
    figures: new Map(a.figures.map((f) => [f.id, f])),
    entities: new Map(a.entities.map((e) => [e.id, e])),
    attributions: new Map(a.attributions.map((x) => [x.id, x])),
    stanceCues: new Map(a.stanceCues.map((c) => [c.id, c])),
    actorNames,
  }
}

export interface CardTarget {
  layer: LayerId
  id: string
}

const QUALIFIER_WORDS: Record<string, string> = {
  exact: 'exact',
  at_least: 'at least',
  at_most: 'at most',
  about: 'about',
  more_than: 'more than',
  less_than: 'less than',
  vague: 'vague amount',
}

export function formatNumber(n: number | null): string {
  if (n === null) return '—'
  return Number.isInteger(n)
    ? n.toLocaleString('en')
    : n.toLocaleString('en', { maximumFractionDigits: 3 })
}

/** "[40, ∞)", "[630, 700)": the interval the qualifier implies. */
export function formatInterval(f: Figure): string {
  const low = f.low === null ? '−∞' : formatNumber(f.low)
  const high = f.high === null ? '∞' : formatNumber(f.high)
  const open = f.low === null ? '(' : '['
  const close = f.high === null ? ')' : ']'
  return `${open}${low}, ${high}${close}`
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )
}

/** The researcher's reading of a figure: a missed figure or the correction of a machine one. */
function ResearcherFigure({ figure, label }: { figure: AnnotationFigure; label: string }) {
  return (
    <>
      <Row label={label}>
        {`${figure.qualifier === 'exact' ? '' : `${QUALIFIER_WORDS[figure.qualifier] ?? figure.qualifier} `}${formatNumber(figure.value)}${figure.unit ? ` ${figure.unit}` : ''}`}
      </Row>
      <Row label="Measure">{figure.measure}</Row>
      <Row label="What is counted">{figure.subject}</Row>
      <Row label="Scope">{figure.scope}</Row>
      <Row label="Place">{figure.location}</Row>
      <Row label="Source">{figure.source}</Row>
    </>
  )
}

function FigureDetails({ f, correction }: { f: Figure; correction?: Annotation }) {
  return (
    <dl>
      {correction?.figure && (
        <>
          <dt>Corrected</dt>
          <dd data-testid="card-correction">
            {`${correction.figure.qualifier === 'exact' ? '' : `${QUALIFIER_WORDS[correction.figure.qualifier] ?? correction.figure.qualifier} `}${formatNumber(correction.figure.value)}`}{' '}
            <Text span size="xs" c="dimmed">
              by {correction.author || 'the researcher'}
            </Text>
          </dd>
        </>
      )}
      <Row label="Value">{formatNumber(f.value)}</Row>
      <Row label="Interval">{formatInterval(f)}</Row>
      <Row label="Qualifier">
        {QUALIFIER_WORDS[f.qualifier] ?? f.qualifier}
        {f.qualifierText ? ` (“${f.qualifierText}”)` : ''}
      </Row>
      <Row label="Kind">{f.unit ? `${f.kind} · ${f.unit}` : f.kind}</Row>
      <Row label="Measure">
        {f.measure ? `${f.measure.normalized} (“${f.measure.text}”)` : null}
      </Row>
      <Row label="Subject">{f.subject?.text}</Row>
      <Row label="Time scope">
        {f.timeScope
          ? `${f.timeScope.text}${f.timeScope.from || f.timeScope.to ? ` (${f.timeScope.from ?? '…'} – ${f.timeScope.to ?? '…'})` : ''}`
          : null}
      </Row>
      <Row label="Place">{f.location?.text}</Row>
      <Row label="Source">
        {f.source ? `${f.source.text}${f.source.via ? ` via ${f.source.via.text}` : ''}` : null}
      </Row>
      <Row label="Part">{f.segmentRole === 'body' ? null : f.segmentRole}</Row>
      <Row label="Confidence">{`${Math.round(f.confidence * 100)}%`}</Row>
      <Row label="Evidence">{f.evidence.length ? <Evidence items={f.evidence} /> : null}</Row>
    </dl>
  )
}

function Evidence({ items }: { items: string[] }) {
  return (
    <Stack gap={0}>
      {items.map((e, i) => (
        <Text key={i} size="xs" c="dimmed">
          {e}
        </Text>
      ))}
    </Stack>
  )
}

function EntityDetails({ e }: { e: Entity }) {
  return (
    <dl>
      <Row label="Type">{e.type}</Row>
      <Row label="Name">{e.name}</Row>
      <Row label="Aliases">{e.aliases.length ? e.aliases.join(', ') : 'none'}</Row>
      <Row label="Mentions">{String(e.mentions.length)}</Row>
      <Row label="Evidence">{e.evidence.length ? <Evidence items={e.evidence} /> : null}</Row>
    </dl>
  )
}

function AttributionDetails({ a }: { a: Attribution }) {
  const kind =
    a.kind === 'according_to' ? 'according to' : a.kind === 'quote' ? 'quote' : 'reported speech'
  return (
    <dl>
      <Row label="Kind">{kind}</Row>
      <Row label="Speaker">
        {a.speaker
          ? `${a.speaker.text}${a.speaker.via ? ` via ${a.speaker.via.text}` : ''}`
          : 'unnamed'}
      </Row>
      <Row label="Verb">
        {a.verb ? `${a.verb.text}${a.verbStrength ? ` · ${a.verbStrength}` : ''}` : null}
      </Row>
      <Row label="Content">
        {a.content.text.length > 240 ? `${a.content.text.slice(0, 240)}…` : a.content.text}
      </Row>
      <Row label="Evidence">{a.evidence.length ? <Evidence items={a.evidence} /> : null}</Row>
    </dl>
  )
}

function StanceDetails({ c, actor }: { c: StanceCue; actor: string | null }) {
  const polarity =
    c.polarity > 0.05 ? 'favourable' : c.polarity < -0.05 ? 'hostile' : 'no direction'
  return (
    <dl>
      <Row label="Kind">{c.kind.replace('_', ' ')}</Row>
      <Row label="Cue">{`“${c.text}”`}</Row>
      <Row label="Actor">{actor ?? (c.actor ? c.actor : null)}</Row>
      <Row label="Polarity">{`${c.polarity.toFixed(2)} (${polarity})`}</Row>
      <Row label="Connotation">{c.connotation}</Row>
      <Row label="Rule">{c.rule}</Row>
    </dl>
  )
}

const LAYER_COLOR: Record<LayerId, string> = {
  figures: 'yellow',
  entities: 'teal',
  attributions: 'blue',
  stance: 'grape',
  annotations: 'indigo',
}

const LAYER_TITLE: Record<LayerId, string> = {
  figures: 'Figure',
  entities: 'Entity',
  attributions: 'Attribution',
  stance: 'Stance cue',
  annotations: 'Annotation',
}

const KIND_TITLE: Record<Annotation['kind'], string> = {
  code: 'Coded passage',
  note: 'Note',
  stance: 'Stance',
  figure: 'Missed figure',
  'machine-review': 'Review',
}

/** What the card can do with an annotation where it is shown (the comparison view links). */
export interface AnnotationCardActions {
  /** Extra buttons under the annotation ("Link to…"). */
  render?: (a: Annotation) => ReactNode
  /** Removes the link stored on `from` that points to `to`; shows a remove button per link. */
  onUnlink?: (from: string, to: string) => void
}

function quote(text: string, max = 120): string {
  return `“${text.length > max ? `${text.slice(0, max)}…` : text}”`
}

function AnnotationDetails({
  a,
  lookup,
  actions,
}: {
  a: Annotation
  lookup: AnnotationLookup
  actions?: AnnotationCardActions
}) {
  const code = a.code ? lookup.codes.get(a.code) : undefined
  const links = lookup.links.get(a.id) ?? []
  return (
    <>
      <dl>
        <Row label="Code">
          {code ? (
            <span data-testid="card-code" data-colour={code.colour}>
              <span className="px-ann-swatch" style={{ background: code.colour }} aria-hidden />{' '}
              {code.name}
            </span>
          ) : null}
        </Row>
        <Row label="Kind">{KIND_TITLE[a.kind]}</Row>
        <Row label="Note">
          {a.note ? (
            <span data-testid="card-note" style={{ whiteSpace: 'pre-wrap' }}>
              {a.note}
            </span>
          ) : null}
        </Row>
        <Row label="Stance">{a.stance ? `${a.stance.value} toward ${a.stance.toward}` : null}</Row>
        {a.figure && <ResearcherFigure figure={a.figure} label="Figure" />}
        <Row label="Status">{a.status}</Row>
        <Row label="Author">{a.author}</Row>
      </dl>
      {links.length > 0 && (
        <Stack gap={2} component="ul" className="px-card-links" aria-label="Links">
          {links.map((l) => (
            <LinkLine key={`${l.from}>${l.to}`} link={l} lookup={lookup} actions={actions} />
          ))}
        </Stack>
      )}
      <Group gap="xs" mt={4}>
        <Button
          size="compact-xs"
          variant="subtle"
          data-testid="card-open-in-list"
          onClick={() => openAnnotation(a.id)}
        >
          Open in list
        </Button>
      </Group>
      {actions?.render?.(a)}
    </>
  )
}

function LinkLine({
  link,
  lookup,
  actions,
}: {
  link: LinkView
  lookup: AnnotationLookup
  actions?: AnnotationCardActions
}) {
  const title = lookup.titles.get(link.other.target.docId) ?? 'another document'
  const arrow = link.isIncoming ? '←' : '→'
  const text = `${RELATION_LABELS[link.relation]} ${arrow} ${title}: ${quote(link.other.target.exact, 80)}`
  return (
    <Group
      component="li"
      gap={4}
      wrap="nowrap"
      data-testid="card-link"
      data-relation={link.relation}
    >
      <Text size="xs" style={{ flex: 1 }}>
        <span className={`px-rel-swatch px-rel-${link.relation}`} aria-hidden /> {text}
      </Text>
      {actions?.onUnlink && (
        <ActionIcon
          size="xs"
          variant="subtle"
          color="red"
          aria-label={`Remove link: ${text}`}
          onClick={() => actions.onUnlink?.(link.from, link.to)}
        >
          ×
        </ActionIcon>
      )}
    </Group>
  )
}

/**
 * The explanation card for everything under one highlighted run: the machine's reasons and the
 * researcher's annotations (with their links), whichever indexes are given.
 */
export function HighlightCard({
  targets,
  index,
  annotations,
  docId,
  at,
  actions,
  position,
  cardRef,
  onMouseEnter,
  onMouseLeave,
  onPinChange,
}: {
  targets: CardTarget[]
  index: AnalysisIndex | null
  /** The annotation lookups; without them annotation targets are skipped. */
  annotations?: AnnotationLookup | null
  /**
   * The document shown: its machine items get accept / reject / correct buttons with their
   * review status, and a machine figure shows the researcher's correction.
   */
  docId?: string
  /** Where the hovered run starts, to tell which mention of an entity is meant. */
  at?: number
  actions?: AnnotationCardActions
  /** Fixed to the window, in a portal: a comparison column's `contain: strict` would clip it. */
  position: { top: number; left: number }
  cardRef?: Ref<HTMLDivElement>
  onMouseEnter: () => void
  onMouseLeave: () => void
  /** Told true while a correction editor is open in the card: it must stay open meanwhile. */
  onPinChange?: (isPinned: boolean) => void
}) {
  // One editor at a time, keyed like the sections.
  const [editing, setEditing] = useState<string | null>(null)
  useEffect(() => {
    onPinChange?.(editing !== null)
  }, [editing, onPinChange])
  // A card that goes while its editor is open must not leave the text pinned.
  useEffect(() => () => onPinChange?.(false), [onPinChange])
  // Most specific first: the researcher's own words, then a figure or cue, then the quote or
  // name it sits in.
  const order: LayerId[] = ['annotations', 'figures', 'stance', 'entities', 'attributions']
  const sorted = [...targets].sort((a, b) => order.indexOf(a.layer) - order.indexOf(b.layer))
  const sections = sorted.flatMap((t) => {
    let body: ReactNode = null
    let heading = ''
    if (t.layer === 'annotations') {
      const a = annotations?.byId.get(t.id)
      if (a && annotations) {
        heading = quote(a.target.exact, 60)
        body = <AnnotationDetails a={a} lookup={annotations} actions={actions} />
      }
    } else if (!index) {
      body = null
    } else if (t.layer === 'figures') {
      const f = index.figures.get(t.id)
      if (f) {
        heading = f.text
        const correction = docId
          ? annotations?.corrections.get(correctionKey('figures', f.id, docId))
          : undefined
        body = <FigureDetails f={f} correction={correction} />
      }
    } else if (t.layer === 'entities') {
      const e = index.entities.get(t.id)
      if (e) {
        heading = e.name
        body = <EntityDetails e={e} />
      }
    } else if (t.layer === 'attributions') {
      const a = index.attributions.get(t.id)
      if (a) {
        heading = a.speaker?.text ?? 'Unattributed'
        body = <AttributionDetails a={a} />
      }
    } else {
      const c = index.stanceCues.get(t.id)
      if (c) {
        heading = c.text
        body = (
          <StanceDetails c={c} actor={c.actor ? (index.actorNames.get(c.actor) ?? null) : null} />
        )
      }
    }
    const key = `${t.layer}:${t.id}`
    const review = body && index && docId ? reviewTargetOf(index, t, docId, at) : null
    const reviewBox = review && (
      <ReviewActions
        {...review}
        isEditing={editing === key}
        onEditingChange={(isOpen) =>
          setEditing((current) => (isOpen ? key : current === key ? null : current))
        }
      />
    )
    return body ? [{ key, layer: t.layer, heading, body, reviewBox }] : []
  })
  if (sections.length === 0) return null
  // React events still bubble from the portal to the text (focus, blur, keys).
  return (
    <Portal>
      <Paper
        ref={cardRef}
        className="px-card"
        shadow="md"
        withBorder
        p="sm"
        // It holds buttons and an editor: a non-modal dialog, not a tooltip, for screen readers.
        role="dialog"
        aria-modal={false}
        aria-label="About this passage"
        data-testid="highlight-card"
        data-pinned={editing !== null || undefined}
        // The editor can make the card tall: it scrolls inside rather than off the window.
        style={{
          top: position.top,
          left: position.left,
          maxHeight: `min(60vh, calc(100vh - ${position.top + 8}px))`,
        }}
        onMouseEnter={onMouseEnter}
        onMouseLeave={onMouseLeave}
      >
        <Stack gap="sm">
          {sections.map((s) => (
            <Stack key={s.key} gap={4} data-testid={`card-${s.layer}`} data-target={s.key}>
              <Group gap="xs" wrap="nowrap">
                {/* The badge keeps its width; the heading gives way (clamped) instead. */}
                <Badge size="xs" color={LAYER_COLOR[s.layer]} variant="light" flex="none">
                  {LAYER_TITLE[s.layer]}
                </Badge>
                <Text size="sm" fw={600} lineClamp={1}>
                  {s.heading}
                </Text>
              </Group>
              {s.body}
              {s.reviewBox}
            </Stack>
          ))}
        </Stack>
      </Paper>
    </Portal>
  )
}
