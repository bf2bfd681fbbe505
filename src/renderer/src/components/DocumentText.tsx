import { Box } from '@mantine/core'
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
import { type HighlightIndex, splitRuns, type Highlight } from '../lib/highlights'
import { highlightMarkProps } from '../annotations/mark-style'
import type { AnnotationLookup } from '../lib/highlights-annotations'
import type { AnalysisIndex, AnnotationCardActions } from './HighlightCard'
import { useTextCard } from './use-text-card'

/** How many blocks render at first and per step as the researcher scrolls. */
const BLOCK_STEP = 80

export interface DocumentTextHandle {
  /** Scrolls to the highlight starting at `start` and focuses it. */
  reveal(start: number): void
}

interface Props {
  text: string
  segments: Segment[]
  highlights: HighlightIndex
  analysisIndex: AnalysisIndex | null
  /** The annotations layer's lookups (card details, links); null until they are loaded. */
  annotations?: AnnotationLookup | null
  /** The document shown (for the researcher's corrections of its machine figures). */
  docId?: string
  cardActions?: AnnotationCardActions
  handleRef?: Ref<DocumentTextHandle>
}

/**
 * The document as text nodes: title heading, body paragraphs, non-body segments in labelled,
 * collapsible boxes, highlights as flat runs. Blocks render in steps as they scroll into view,
 * and off-screen blocks skip layout (content-visibility), so a 1 MB text opens at once.
 */
export function DocumentText({
  text,
  segments,
  highlights,
  analysisIndex,
  annotations = null,
  docId,
  cardActions,
  handleRef,
}: Props) {
  const blocks = useMemo(() => buildBlocks(text, segments), [text, segments])
  const { limit, setLimit, sentinel } = useLazyLimit(
    blocks.length,
    BLOCK_STEP,
    '[data-scroll-root]',
    '1500px 0px',
  )
  const container = useRef<HTMLDivElement>(null)
  const { containerProps, cardElement } = useTextCard({
    highlights,
    analysisIndex,
    annotations,
    docId,
    cardActions,
    hideDelayMs: 150,
  })
  const pendingReveal = useRef<number | null>(null)
  const [, setRevealTick] = useState(0)
  // Boxes opened to show a revealed figure (a figure in the comments, say).
  const [openAsides, setOpenAsides] = useState<ReadonlySet<string>>(() => new Set())

  const focusMark = useCallback((start: number): boolean => {
    const mark = container.current?.querySelector<HTMLElement>(`[data-hl-start="${start}"]`)
    if (!mark) return false
    // A figure inside a collapsed box: open the box first.
    const aside = mark.closest('[data-collapsed="true"]')
    if (aside) return false
    mark.scrollIntoView({ block: 'center' })
    mark.focus({ preventScroll: true })
    return true
  }, [])

  useImperativeHandle(
    handleRef,
    () => ({
      reveal(start: number) {
        const blockIndex = blockIndexAt(blocks, start)
        const block = blocks[blockIndex]
        if (block?.kind === 'aside') setOpenAsides((keys) => new Set(keys).add(block.key))
        if (blockIndex >= limit) {
          pendingReveal.current = start
          setLimit(blockIndex + BLOCK_STEP)
        } else if (!focusMark(start)) {
          // Not in the DOM yet (a layer was just switched on): try again after the next render.
          pendingReveal.current = start
          setRevealTick((t) => t + 1)
        }
      },
    }),
    [blocks, limit, setLimit, focusMark],
  )

  // A revealed figure may need a few renders to exist (more blocks, a box opening): retry briefly.
  useEffect(() => {
    const start = pendingReveal.current
    if (start === null) return
    let tries = 0
    let timer = 0
    const attempt = () => {
      if (pendingReveal.current !== start) return
      if (focusMark(start) || ++tries > 20) pendingReveal.current = null
      else timer = window.setTimeout(attempt, 50)
    }
    timer = window.setTimeout(attempt, 0)
    return () => window.clearTimeout(timer)
  })

  return (
    <Box ref={container} className="px-reader" data-testid="reader-text" {...containerProps}>
      {blocks.slice(0, limit).map((block) => (
        <BlockView
          key={block.key}
          block={block}
          text={text}
          highlights={highlights}
          isForcedOpen={openAsides.has(block.key)}
        />
      ))}
      {limit < blocks.length && <div ref={sentinel} style={{ height: 1 }} aria-hidden />}
      {cardElement}
    </Box>
  )
}

const BlockView = memo(function BlockView({
  block,
  text,
  highlights,
  isForcedOpen,
}: {
  block: Block
  text: string
  highlights: HighlightIndex
  isForcedOpen: boolean
}) {
  if (block.kind === 'title') {
    return (
      <h1 className="px-doc-title" data-testid="document-heading">
        <Runs text={text} paragraph={block.paragraph} highlights={highlights} />
      </h1>
    )
  }
  if (block.kind === 'body') {
    return (
      <p className="px-block" data-role="body" data-testid="article-body">
        <Runs text={text} paragraph={block.paragraph} highlights={highlights} />
      </p>
    )
  }
  return <AsideBox block={block} text={text} highlights={highlights} isForcedOpen={isForcedOpen} />
})

function AsideBox({
  block,
  text,
  highlights,
  isForcedOpen,
}: {
  block: Extract<Block, { kind: 'aside' }>
  text: string
  highlights: HighlightIndex
  isForcedOpen: boolean
}) {
  const [isOpen, setOpen] = useState(!COLLAPSED_ROLES.has(block.role))
  useEffect(() => {
    if (isForcedOpen) setOpen(true)
  }, [isForcedOpen])
  const bodyId = `aside-${block.key}`
  const count = block.paragraphs.length
  return (
    <section
      className="px-aside px-block"
      data-role={block.role}
      data-collapsed={!isOpen}
      data-testid={`segment-${block.role}`}
      aria-label={block.label}
    >
      <button
        type="button"
        className="px-aside-toggle"
        aria-expanded={isOpen}
        aria-controls={bodyId}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden>{isOpen ? '▾' : '▸'}</span>
        <span>{block.label}</span>
        {!isOpen && (
          <span style={{ fontWeight: 400, textTransform: 'none', letterSpacing: 0 }}>
            · {count} paragraph{count === 1 ? '' : 's'} hidden
          </span>
        )}
      </button>
      {isOpen && (
        <div className="px-aside-body" id={bodyId}>
          {block.paragraphs.map((p) => (
            <p key={p.start}>
              <Runs text={text} paragraph={p} highlights={highlights} />
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
}: {
  text: string
  paragraph: Paragraph
  highlights: HighlightIndex
}) {
  const { start, end } = paragraph
  const here = highlights.overlapping(start, end)
  // data-start: the run's offset in the document, so a text selection maps back to offsets.
  if (here.length === 0) return <span data-start={start}>{text.slice(start, end)}</span>
  return (
    <>
      {splitRuns(start, end, here).map((run) => {
        const slice = text.slice(run.start, run.end)
        if (run.highlights.length === 0)
          return (
            <span key={run.start} data-start={run.start}>
              {slice}
            </span>
          )
        return (
          <HighlightRun
            key={run.start}
            start={run.start}
            slice={slice}
            highlights={run.highlights}
          />
        )
      })}
    </>
  )
}

function HighlightRun({
  start,
  slice,
  highlights,
}: {
  start: number
  slice: string
  highlights: Highlight[]
}) {
  // One tab stop per annotation: the run where it begins.
  const begins = highlights.some((h) => h.start === start)
  return (
    <mark
      {...highlightMarkProps(highlights)}
      data-start={start}
      data-hl-start={begins ? start : undefined}
      tabIndex={begins ? 0 : undefined}
    >
      {slice}
    </mark>
  )
}
