import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type Ref,
} from 'react'
import type { Segment } from '../../../shared/document'
import { buildBlocks, COLLAPSED_ROLES, type Block, type Paragraph } from '../lib/blocks'
import { blockIndexAt, useLazyLimit } from '../lib/lazy-blocks'
import type { Highlight, HighlightIndex } from '../lib/highlights'
import type { AnnotationLookup } from '../lib/highlights-annotations'
import { highlightMarkProps } from '../annotations/mark-style'
import type { AnalysisIndex, AnnotationCardActions } from '../components/HighlightCard'
import { useTextCard } from '../components/use-text-card'
import { orderLinkKeys, type LinkSpan } from './links'
import { splitMixedRuns, type SpanIndex } from './spans'

/** Blocks rendered at first and per step as a column scrolls: six long columns stay light. */
const BLOCK_STEP = 40

export interface ColumnTextHandle {
  /** Renders far enough to show the passage starting at `start`, scrolls to it and focuses it. */
  reveal(start: number): void
}

interface Props {
  text: string
  segments: Segment[]
  highlights: HighlightIndex
  links: SpanIndex<LinkSpan>
  /** The document shown, for the researcher's corrections in the card. */
  docId?: string
  analysisIndex?: AnalysisIndex | null
  /** With these, a mark carrying an annotation explains itself in a card on hover or focus. */
  annotations?: AnnotationLookup | null
  cardActions?: AnnotationCardActions
  handleRef?: Ref<ColumnTextHandle>
}

/**
 * One document in a comparison column: the reader's blocks and highlight layers, plus the
 * passages that have counterparts (`data-links`), rendered lazily in steps as the column scrolls.
 * Every run carries `data-start`, so a text selection maps back to document offsets.
 */
export function ColumnText({
  text,
  segments,
  highlights,
  links,
  docId,
  analysisIndex = null,
  annotations = null,
  cardActions,
  handleRef,
}: Props) {
  const blocks = useMemo(() => buildBlocks(text, segments), [text, segments])
  const { limit, setLimit, sentinel } = useLazyLimit(
    blocks.length,
    BLOCK_STEP,
    '[data-cmp-scroll]',
    '1200px 0px',
  )
  const container = useRef<HTMLDivElement>(null)
  const pending = useRef<number | null>(null)
  const [, setTick] = useState(0)

  const focusAt = useCallback((start: number): boolean => {
    const root = container.current
    const el = root?.querySelector<HTMLElement>(`[data-start="${start}"]:not([data-plain])`)
    if (el) {
      el.scrollIntoView({ block: 'center' })
      el.focus({ preventScroll: true })
      return true
    }
    // Nothing is marked there (a sentence with no highlight): show its paragraph instead.
    const paragraph = [...(root?.querySelectorAll<HTMLElement>('[data-pstart]') ?? [])].find(
      (p) => Number(p.dataset.pstart) <= start && start < Number(p.dataset.pend),
    )
    if (!paragraph) return false
    paragraph.scrollIntoView({ block: 'center' })
    paragraph.classList.remove('px-cmp-flash')
    void paragraph.offsetWidth
    paragraph.classList.add('px-cmp-flash')
    return true
  }, [])

  useImperativeHandle(
    handleRef,
    () => ({
      reveal(start: number) {
        const at = blockIndexAt(blocks, start)
        if (at >= limit) {
          pending.current = start
          setLimit(at + BLOCK_STEP)
        } else if (!focusAt(start)) {
          pending.current = start
          setTick((t) => t + 1)
        }
      },
    }),
    [blocks, limit, setLimit, focusAt],
  )

  useEffect(() => {
    if (pending.current !== null && focusAt(pending.current)) pending.current = null
  })

  // The card explains every highlight, as in the reader, and reviews the machine ones there.
  const { containerProps, cardElement } = useTextCard({
    highlights,
    analysisIndex,
    annotations,
    docId,
    cardActions,
    hideDelayMs: 200,
  })

  return (
    <div ref={container} className="px-cmp-text" data-testid="column-text" {...containerProps}>
      {blocks.slice(0, limit).map((block) => (
        <BlockView
          key={block.key}
          block={block}
          text={text}
          highlights={highlights}
          links={links}
        />
      ))}
      {limit < blocks.length && <div ref={sentinel} style={{ height: 1 }} aria-hidden />}
      {cardElement}
    </div>
  )
}

interface BlockProps {
  block: Block
  text: string
  highlights: HighlightIndex
  links: SpanIndex<LinkSpan>
}

const BlockView = memo(function BlockView({ block, text, highlights, links }: BlockProps) {
  if (block.kind === 'title') {
    return (
      <h2
        className="px-cmp-title px-block"
        data-pstart={block.paragraph.start}
        data-pend={block.paragraph.end}
      >
        <Runs text={text} paragraph={block.paragraph} highlights={highlights} links={links} />
      </h2>
    )
  }
  if (block.kind === 'body') {
    return (
      <p
        className="px-block"
        data-role="body"
        data-pstart={block.paragraph.start}
        data-pend={block.paragraph.end}
      >
        <Runs text={text} paragraph={block.paragraph} highlights={highlights} links={links} />
      </p>
    )
  }
  return <AsideBox block={block} text={text} highlights={highlights} links={links} />
})

function AsideBox({
  block,
  text,
  highlights,
  links,
}: BlockProps & { block: Extract<Block, { kind: 'aside' }> }) {
  const [isOpen, setOpen] = useState(!COLLAPSED_ROLES.has(block.role))
  return (
    <section className="px-aside px-block" data-role={block.role} aria-label={block.label}>
      <button
        type="button"
        className="px-aside-toggle"
        aria-expanded={isOpen}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden>{isOpen ? '▾' : '▸'}</span>
        <span>{block.label}</span>
      </button>
      {isOpen && (
        <div className="px-aside-body">
          {block.paragraphs.map((p) => (
            <p key={p.start} data-pstart={p.start} data-pend={p.end}>
              <Runs text={text} paragraph={p} highlights={highlights} links={links} />
            </p>
          ))}
        </div>
      )}
    </section>
  )
}

function Runs({
  text,
  paragraph,
  highlights,
  links,
}: {
  text: string
  paragraph: Paragraph
  highlights: HighlightIndex
  links: SpanIndex<LinkSpan>
}) {
  const { start, end } = paragraph
  const hs = highlights.overlapping(start, end)
  const ls = links.overlapping(start, end)
  if (hs.length === 0 && ls.length === 0) {
    return (
      <span data-start={start} data-plain>
        {text.slice(start, end)}
      </span>
    )
  }
  return (
    <>
      {splitMixedRuns(start, end, hs, ls).map((run) => {
        const slice = text.slice(run.start, run.end)
        if (run.highlights.length === 0 && run.links.length === 0) {
          return (
            <span key={run.start} data-start={run.start} data-plain>
              {slice}
            </span>
          )
        }
        return (
          <MarkRun
            key={run.start}
            start={run.start}
            slice={slice}
            highlights={run.highlights}
            links={run.links}
          />
        )
      })}
    </>
  )
}

function MarkRun({
  start,
  slice,
  highlights,
  links,
}: {
  start: number
  slice: string
  highlights: Highlight[]
  links: LinkSpan[]
}) {
  const keys = orderLinkKeys(links)
  const linkKinds = [...new Set(links.map((l) => l.kind))]
  // A keyboard stop where a highlight or a figure/actor counterpart begins (not every sentence).
  const isStop =
    highlights.some((h) => h.start === start) ||
    links.some((l) => l.start === start && l.kind !== 'claim')
  const linkClasses = linkKinds.map((k) => `px-cmp-link-${k}`).join(' ')
  const props = {
    'data-links': keys.length ? keys.join(' ') : undefined,
    'data-start': start,
    'data-nav': isStop ? 'true' : undefined,
    tabIndex: isStop ? -1 : undefined,
  }
  if (highlights.length === 0) {
    return (
      <span {...props} className={linkClasses}>
        {slice}
      </span>
    )
  }
  const mark = highlightMarkProps(highlights)
  return (
    <mark {...mark} {...props} className={`${mark.className} ${linkClasses}`.trim()}>
      {slice}
    </mark>
  )
}
