import { Badge, Button, Group, Notification, Portal, Text } from '@mantine/core'
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type Ref,
} from 'react'
import type { DocumentAnalysis } from '../../../shared/analysis'
import type { Comparison } from '../../../shared/compare'
import type { DocumentView } from '../../../shared/document'
import { api, errorMessage } from '../api'
import { AnnotationLinkLines } from '../annotations/AnnotationLinkLines'
import { LinkDialog } from '../annotations/LinkDialog'
import { indexAnalysis, type AnnotationCardActions } from '../components/HighlightCard'
import { HighlightIndex, type LayerId } from '../lib/highlights'
import {
  buildDocumentHighlights,
  columnLinks,
  type ColumnLink,
} from '../lib/highlights-annotations'
import {
  offerForSelection,
  SelectionAnnotator,
  type AnnotationOffer,
} from '../project/SelectionAnnotator'
import type { AnnotationLayerData } from '../project/use-project'
import type { Annotation } from '../../../shared/annotation'
import { formatDate } from '../lib/records'
import { ColumnText, type ColumnTextHandle } from './ColumnText'
import { nextCounterpart, type LinkIndex, type LinkSpan } from './links'
import { docColor } from './present'
import { SpanIndex } from './spans'
import { resizeColumns } from './view-settings'

/** Width of the gutter between columns: the drag handle and where link lines cross. */
const GUTTER = 26

export interface CompareColumnsHandle {
  /** Scrolls column `doc` to the passage starting at `start` and focuses it. */
  reveal(doc: number, start: number): void
}

interface Props {
  comparison: Comparison
  views: (DocumentView | null)[]
  analyses: (DocumentAnalysis | null)[]
  links: LinkIndex
  layers: ReadonlySet<LayerId>
  widths: number[]
  onWidths: (widths: number[]) => void
  isSyncScroll: boolean
  /** The project's annotations: drawn in each column, linked across columns. */
  annotations: AnnotationLayerData
  handleRef?: Ref<CompareColumnsHandle>
}

interface Active {
  key: string
  doc: number
  el: HTMLElement
}

interface Line {
  id: string
  d: string
  isOffscreen: boolean
}

/**
 * The documents side by side: resizable columns, shared highlight layers, optional synchronised
 * scrolling, and the counterparts of whatever is hovered or focused connected by lines drawn
 * across the gutters (an SVG overlay recomputed from the marks' rectangles on scroll and resize).
 */
export function CompareColumns({
  comparison,
  views,
  analyses,
  links,
  layers,
  widths,
  onWidths,
  isSyncScroll,
  annotations,
  handleRef,
}: Props) {
  const area = useRef<HTMLDivElement>(null)
  const scrollers = useRef<(HTMLDivElement | null)[]>([])
  const texts = useRef<(ColumnTextHandle | null)[]>([])
  const programmatic = useRef(new Set<HTMLElement>())
  const [active, setActive] = useState<Active | null>(null)
  const [lines, setLines] = useState<Line[]>([])
  const [svgWidth, setSvgWidth] = useState(0)
  const count = comparison.documents.length

  const docIds = useMemo(() => comparison.documents.map((d) => d.id), [comparison])
  const highlightIndexes = useMemo(
    () =>
      analyses.map(
        (a, doc) =>
          new HighlightIndex(buildDocumentHighlights(a, docIds[doc] ?? '', layers, annotations)),
      ),
    [analyses, docIds, layers, annotations],
  )
  const analysisIndexes = useMemo(
    () => analyses.map((a) => (a ? indexAnalysis(a) : null)),
    [analyses],
  )
  const annotationLinks = useMemo(
    () => (layers.has('annotations') ? columnLinks(annotations.annotations, docIds) : []),
    [layers, annotations, docIds],
  )
  const [activeAnnotation, setActiveAnnotation] = useState<string | null>(null)
  const [offer, setOffer] = useState<AnnotationOffer | null>(null)
  const [linking, setLinking] = useState<Annotation | null>(null)
  const [notice, setNotice] = useState<{ color: string; text: string } | null>(null)
  const linkIndexes = useMemo(
    () => links.spansByDoc.map((spans) => new SpanIndex<LinkSpan>(spans)),
    [links],
  )

  const reveal = useCallback((doc: number, start: number) => {
    texts.current[doc]?.reveal(start)
  }, [])
  useImperativeHandle(handleRef, () => ({ reveal }), [reveal])

  const jumpFrom = useCallback(
    (el: HTMLElement) => {
      const key = el.dataset.links?.split(' ')[0]
      const doc = Number(el.closest<HTMLElement>('[data-doc]')?.dataset.doc)
      const start = Number(el.dataset.start)
      if (!key || !Number.isInteger(doc)) return
      const target = nextCounterpart(links, key, { doc, start }, count)
      if (target) reveal(target.doc, target.start)
    },
    [links, count, reveal],
  )

  const showLink = useCallback(
    (link: ColumnLink) => {
      reveal(link.from.doc, link.from.start)
      reveal(link.to.doc, link.to.start)
    },
    [reveal],
  )
  /** From an annotation mark with a link to another column: shows the passage at the other end. */
  const jumpFromAnnotation = (el: HTMLElement): boolean => {
    const ids = el.dataset.anns?.split(' ') ?? []
    const link = annotationLinks.find((l) => ids.includes(l.from.id) || ids.includes(l.to.id))
    if (!link) return false
    const there = ids.includes(link.from.id) ? link.to : link.from
    reveal(there.doc, there.start)
    return true
  }
  const annotationAt = (el: HTMLElement | null): Annotation | null => {
    const id = el?.dataset.anns?.split(' ').at(-1)
    return (id && annotations.lookup.byId.get(id)) || null
  }
  const cardActions = useMemo<AnnotationCardActions>(
    () => ({
      render: (a) => (
        <Group gap="xs" mt={4}>
          <Button
            size="compact-xs"
            variant="light"
            data-testid="card-link-to"
            onClick={() => setLinking(a)}
          >
            Link to…
          </Button>
        </Group>
      ),
      onUnlink: (from, to) => {
        api.annotations.unlink(from, to).then(
          (outcome) => setNotice({ color: 'gray', text: outcome.description }),
          (err: unknown) => setNotice({ color: 'red', text: errorMessage(err) }),
        )
      },
    }),
    [],
  )

  // A selection inside one column offers "Add annotation" beside it, as in the reader.
  const offerFor = () => {
    window.setTimeout(() => {
      const sel = window.getSelection()
      const node = sel && sel.rangeCount > 0 ? sel.getRangeAt(0).startContainer : null
      const element = node instanceof Element ? node : (node?.parentElement ?? null)
      const column = element?.closest<HTMLElement>('[data-doc]')
      const root = column?.querySelector('[data-testid="column-text"]')
      setOffer(offerForSelection(root, docIds[Number(column?.dataset.doc)]))
    }, 0)
  }

  const linkOf = (target: EventTarget | null) =>
    target instanceof HTMLElement ? target.closest<HTMLElement>('[data-links]') : null
  const annotationMarkOf = (target: EventTarget | null) =>
    target instanceof HTMLElement ? target.closest<HTMLElement>('[data-anns]') : null
  const activate = (el: HTMLElement | null) => {
    const key = el?.dataset.links?.split(' ')[0]
    const doc = Number(el?.closest<HTMLElement>('[data-doc]')?.dataset.doc)
    if (!el || !key || !Number.isInteger(doc)) return
    setActive((prev) => (prev?.el === el && prev.key === key ? prev : { key, doc, el }))
  }

  // Lines and counterpart marks follow the hovered passage, the scroll positions and the sizes.
  const redraw = useCallback(() => {
    const root = area.current
    root?.querySelectorAll('.px-cmp-linked').forEach((e) => e.classList.remove('px-cmp-linked'))
    root?.querySelectorAll('.px-cmp-source').forEach((e) => e.classList.remove('px-cmp-source'))
    if (!root || !active || !active.el.isConnected) {
      // Keep the same empty array: a new one would re-render six columns on every scroll frame.
      setLines((prev) => (prev.length === 0 ? prev : []))
      return
    }
    const selector = `[data-links~="${active.key}"]`
    root.querySelectorAll<HTMLElement>(selector).forEach((e) => e.classList.add('px-cmp-linked'))
    active.el.classList.add('px-cmp-source')
    const base = root.getBoundingClientRect()
    const clampY = (doc: number, y: number): [number, boolean] => {
      const box = scrollers.current[doc]?.getBoundingClientRect()
      if (!box) return [y, false]
      const top = box.top + 4
      const bottom = box.bottom - 4
      return y < top ? [top, true] : y > bottom ? [bottom, true] : [y, false]
    }
    const out: Line[] = []
    const hop = (from: DOMRect, fromDoc: number, dir: 1 | -1) => {
      let prev = from
      let prevDoc = fromDoc
      for (let doc = fromDoc + dir; doc >= 0 && doc < count; doc += dir) {
        const col = scrollers.current[doc]
        if (!col) continue
        const y0 = prev.top + prev.height / 2
        let best: DOMRect | null = null
        for (const e of col.querySelectorAll<HTMLElement>(selector)) {
          const r = e.getBoundingClientRect()
          if (
            !best ||
            Math.abs(r.top + r.height / 2 - y0) < Math.abs(best.top + best.height / 2 - y0)
          )
            best = r
        }
        if (!best) continue
        const [ya, offA] = clampY(prevDoc, y0)
        const [yb, offB] = clampY(doc, best.top + best.height / 2)
        const prevCol = scrollers.current[prevDoc]?.getBoundingClientRect()
        const nextCol = col.getBoundingClientRect()
        const xa =
          dir > 0
            ? Math.min(prev.right, prevCol?.right ?? prev.right)
            : Math.max(prev.left, prevCol?.left ?? prev.left)
        const xb = dir > 0 ? Math.max(best.left, nextCol.left) : Math.min(best.right, nextCol.right)
        const x1 = xa - base.left + root.scrollLeft
        const x2 = xb - base.left + root.scrollLeft
        const y1 = ya - base.top
        const y2 = yb - base.top
        const mid = (x1 + x2) / 2
        out.push({
          id: `${prevDoc}-${doc}`,
          d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`,
          isOffscreen: offA || offB,
        })
        prev = best
        prevDoc = doc
      }
    }
    const source = active.el.getBoundingClientRect()
    hop(source, active.doc, 1)
    hop(source, active.doc, -1)
    setLines(out)
    setSvgWidth(root.scrollWidth)
  }, [active, count])

  useLayoutEffect(() => {
    redraw()
  }, [redraw, widths, highlightIndexes])

  useEffect(() => {
    const root = area.current
    if (!root) return
    let frame = 0
    const schedule = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(redraw)
    }
    root.addEventListener('scroll', schedule, true)
    const observer = new ResizeObserver(schedule)
    observer.observe(root)
    return () => {
      cancelAnimationFrame(frame)
      root.removeEventListener('scroll', schedule, true)
      observer.disconnect()
    }
  }, [redraw])

  const onColumnScroll = (doc: number) => {
    const el = scrollers.current[doc]
    if (!el || !isSyncScroll) return
    if (programmatic.current.has(el)) {
      programmatic.current.delete(el)
      return
    }
    const range = el.scrollHeight - el.clientHeight
    const share = range > 0 ? el.scrollTop / range : 0
    scrollers.current.forEach((other, i) => {
      if (!other || i === doc) return
      const top = Math.round(share * (other.scrollHeight - other.clientHeight))
      if (Math.abs(other.scrollTop - top) < 1) return
      programmatic.current.add(other)
      other.scrollTop = top
    })
  }

  const onKeyDown = (doc: number, e: KeyboardEvent<HTMLDivElement>) => {
    const col = scrollers.current[doc]
    if (!col) return
    // Keys typed in a highlight card (its review editor) are the card's, not the column's.
    if (e.target instanceof Element && e.target.closest('.px-card')) return
    const stops = [...col.querySelectorAll<HTMLElement>('[data-nav]')]
    const current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const at = current ? stops.indexOf(current) : -1
    const move = (to: HTMLElement | undefined) => {
      if (!to) return
      e.preventDefault()
      to.focus({ preventScroll: true })
      to.scrollIntoView({ block: 'nearest' })
    }
    if (e.key === 'ArrowDown' || e.key === ']') {
      if (at >= 0) move(stops[at + 1])
      else {
        const top = col.getBoundingClientRect().top
        move(stops.find((s) => s.getBoundingClientRect().bottom > top) ?? stops[0])
      }
    } else if (e.key === 'ArrowUp' || e.key === '[') {
      if (at > 0) move(stops[at - 1])
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const next = scrollers.current[doc + (e.key === 'ArrowRight' ? 1 : -1)]
      if (next) {
        e.preventDefault()
        next.focus()
      }
    } else if (e.key === 'Enter' && current?.dataset.links) {
      e.preventDefault()
      jumpFrom(current)
    } else if (e.key === 'Enter' && current?.dataset.anns) {
      if (jumpFromAnnotation(current)) e.preventDefault()
    } else if ((e.key === 'l' || e.key === 'L') && current?.dataset.anns) {
      // L: "Link to…" for the focused annotation, without reaching for the card.
      const a = annotationAt(current)
      if (a) {
        e.preventDefault()
        setLinking(a)
      }
    } else if (e.key === 'Escape' && current !== col) {
      e.preventDefault()
      col.focus()
    }
  }

  const startResize = (left: number, e: PointerEvent<HTMLDivElement>) => {
    const root = area.current
    if (!root) return
    e.preventDefault()
    const handle = e.currentTarget
    handle.setPointerCapture(e.pointerId)
    const startX = e.clientX
    const startWidths = widths
    const total = root.clientWidth - GUTTER * (count - 1)
    const onMove = (ev: globalThis.PointerEvent) =>
      onWidths(resizeColumns(startWidths, left, (ev.clientX - startX) / Math.max(total, 1)))
    const onUp = () => {
      handle.removeEventListener('pointermove', onMove)
      handle.removeEventListener('pointerup', onUp)
    }
    handle.addEventListener('pointermove', onMove)
    handle.addEventListener('pointerup', onUp)
  }

  return (
    <div
      ref={area}
      className="px-cmp-cols"
      data-testid="compare-columns"
      onMouseOver={(e) => {
        activate(linkOf(e.target))
        const mark = annotationMarkOf(e.target)
        if (mark) setActiveAnnotation(mark.dataset.anns?.split(' ').at(-1) ?? null)
      }}
      onMouseOut={(e) => {
        if (linkOf(e.target) && !linkOf(e.relatedTarget)) setActive(null)
        if (annotationMarkOf(e.target) && !annotationMarkOf(e.relatedTarget))
          setActiveAnnotation(null)
      }}
      onFocus={(e) => {
        activate(linkOf(e.target))
        const mark = annotationMarkOf(e.target)
        if (mark) setActiveAnnotation(mark.dataset.anns?.split(' ').at(-1) ?? null)
      }}
      onClick={(e) => {
        if (window.getSelection()?.toString()) return
        const el = linkOf(e.target)
        if (el) jumpFrom(el)
        else {
          const mark = annotationMarkOf(e.target)
          if (mark) jumpFromAnnotation(mark)
        }
      }}
      onMouseUp={offerFor}
      onKeyUp={(e) => {
        if (e.shiftKey || e.key === 'Shift') offerFor()
      }}
    >
      {comparison.documents.map((meta, doc) => {
        const view = views[doc]
        const analysis = analyses[doc]
        const share = widths[doc] ?? 1 / count
        return [
          doc > 0 && (
            <div
              key={`g${doc}`}
              className="px-cmp-gutter"
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize columns ${doc} and ${doc + 1}`}
              aria-valuenow={Math.round((widths[doc - 1] ?? 0) * 100)}
              tabIndex={0}
              style={{ width: GUTTER }}
              onPointerDown={(e) => startResize(doc - 1, e)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
                  e.preventDefault()
                  onWidths(resizeColumns(widths, doc - 1, e.key === 'ArrowLeft' ? -0.02 : 0.02))
                }
              }}
              data-testid="column-resizer"
            />
          ),
          <section
            key={`c${doc}`}
            className="px-cmp-col"
            data-doc={doc}
            data-testid="compare-column"
            style={{
              flex: `${share} 1 0`,
              borderTopColor: `var(--mantine-color-${docColor(doc)}-5)`,
            }}
          >
            <header className="px-cmp-colhead">
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Badge
                  size="sm"
                  circle
                  color={docColor(doc)}
                  variant="filled"
                  style={{ flexShrink: 0 }}
                >
                  {doc + 1}
                </Badge>
                <Text
                  fw={600}
                  size="sm"
                  lineClamp={2}
                  data-testid="column-title"
                  title={meta.title}
                >
                  {meta.title}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" lineClamp={1} pl={28}>
                {[
                  meta.outlet,
                  formatDate(meta.published),
                  analysis ? `${analysis.figures.length} figures` : null,
                ]
                  .filter(Boolean)
                  .join(' · ') || 'No outlet or date'}
              </Text>
            </header>
            <div
              ref={(el) => {
                scrollers.current[doc] = el
              }}
              className="px-cmp-scroll"
              data-cmp-scroll
              data-testid="column-scroll"
              tabIndex={0}
              role="region"
              aria-label={`Document ${doc + 1}: ${meta.title}. Arrow keys or [ ] move between highlights, Enter jumps to the counterpart, L links the focused annotation.`}
              onScroll={() => onColumnScroll(doc)}
              onKeyDown={(e) => onKeyDown(doc, e)}
            >
              {view ? (
                <ColumnText
                  text={view.text}
                  segments={view.segments}
                  highlights={highlightIndexes[doc] ?? new HighlightIndex([])}
                  links={linkIndexes[doc] ?? new SpanIndex<LinkSpan>([])}
                  docId={docIds[doc]}
                  analysisIndex={analysisIndexes[doc] ?? null}
                  annotations={annotations.lookup}
                  cardActions={cardActions}
                  handleRef={(h) => {
                    texts.current[doc] = h
                  }}
                />
              ) : (
                <Text c="dimmed" size="sm" p="md">
                  This document could not be loaded.
                </Text>
              )}
            </div>
          </section>,
        ]
      })}
      {/* Only while lines show: an overlay over the scrollers would make every scroll repaint. */}
      {lines.length > 0 && (
        <svg
          className="px-cmp-lines"
          aria-hidden
          data-testid="link-lines"
          style={{ width: svgWidth || '100%' }}
        >
          {lines.map((l) => (
            <path
              key={l.id}
              d={l.d}
              className="px-cmp-line"
              data-testid="link-line"
              strokeDasharray={l.isOffscreen ? '4 4' : undefined}
            />
          ))}
        </svg>
      )}
      <AnnotationLinkLines
        area={area}
        scrollers={scrollers}
        links={annotationLinks}
        activeId={activeAnnotation}
        revision={highlightIndexes}
        titles={comparison.documents.map((d) => d.title)}
        onJump={showLink}
        onRemove={(link) => cardActions.onUnlink?.(link.from.id, link.to.id)}
      />
      <SelectionAnnotator
        offer={offer}
        onTaken={() => setOffer(null)}
        codebook={annotations.codebook}
        testId="column-add-annotation"
      />
      <LinkDialog
        from={linking}
        annotations={annotations.annotations}
        columns={comparison.documents.map((d) => ({ docId: d.id, title: d.title }))}
        onClose={() => setLinking(null)}
        onLinked={(text) => setNotice({ color: 'gray', text })}
      />
      {notice && (
        <Portal>
          <div style={{ position: 'fixed', bottom: 16, right: 16, zIndex: 1000, width: 360 }}>
            <Notification
              color={notice.color}
              withBorder
              onClose={() => setNotice(null)}
              data-testid="compare-notice"
            >
              {notice.text}
            </Notification>
          </div>
        </Portal>
      )}
    </div>
  )
}
