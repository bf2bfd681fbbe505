import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from 'react'
import type { LinkRelation } from '../../../shared/annotation'
import { RELATION_LABELS, type ColumnLink } from '../lib/highlights-annotations'

/** One dash pattern per relation, so the lines read without colour too (the legend matches). */
export const RELATION_DASH: Record<LinkRelation, string | undefined> = {
  same_claim: undefined,
  contradicts: '8 5',
  supports: '2 4',
  derived_from: '12 4 2 4',
}

interface Geometry {
  key: string
  d: string
  /** Where the label sits: the middle of the curve. */
  mid: { x: number; y: number }
  isOffscreen: boolean
}

interface Props {
  /** The columns area (positioned) the overlay is drawn in. */
  area: RefObject<HTMLDivElement | null>
  /** Each column's scroller, by column index. */
  scrollers: RefObject<(HTMLDivElement | null)[]>
  links: readonly ColumnLink[]
  /** The annotation hovered or focused in a column: its lines are emphasised and labelled. */
  activeId: string | null
  /** Bumped when the columns re-render their marks (layers, annotations). */
  revision: unknown
  /** Titles of the columns' documents, for the lines' accessible names. */
  titles: readonly string[]
  onJump: (link: ColumnLink) => void
  /** Delete or Backspace on a focused line removes the link. */
  onRemove?: (link: ColumnLink) => void
}

/**
 * The researcher's links between passages of different columns, drawn always (not only on hover,
 * unlike the machine's counterparts): one curve per link from the passage in one column to the
 * passage in the other, across any columns in between, coloured and dashed by relation. A line
 * is a keyboard stop; hover or focus labels it, Enter or a click shows both passages, Delete
 * removes it.
 */
export function AnnotationLinkLines({
  area,
  scrollers,
  links,
  activeId,
  revision,
  titles,
  onJump,
  onRemove,
}: Props) {
  const [lines, setLines] = useState<Geometry[]>([])
  const [width, setWidth] = useState(0)
  const [hovered, setHovered] = useState<string | null>(null)

  const redraw = useCallback(() => {
    const root = area.current
    root?.querySelectorAll('.px-ann-linked').forEach((e) => e.classList.remove('px-ann-linked'))
    if (!root || links.length === 0) {
      setLines((prev) => (prev.length === 0 ? prev : []))
      return
    }
    const base = root.getBoundingClientRect()
    const ends = (doc: number, id: string) => {
      const col = scrollers.current?.[doc]
      if (!col) return null
      const box = col.getBoundingClientRect()
      // The first mark carrying the id is where the annotation begins.
      const mark = col.querySelector<HTMLElement>(`[data-anns~="${CSS.escape(id)}"]`)
      if (!mark) return { box, rect: null }
      return { box, rect: mark.getBoundingClientRect(), mark }
    }
    const out: Geometry[] = []
    for (const link of links) {
      const [left, right] =
        link.from.doc < link.to.doc ? [link.from, link.to] : [link.to, link.from]
      const a = ends(left.doc, left.id)
      const b = ends(right.doc, right.id)
      if (!a || !b) continue
      const clamp = (box: DOMRect, rect: DOMRect | null): [number, boolean] => {
        if (!rect) return [box.bottom - 4, true]
        const y = rect.top + rect.height / 2
        return y < box.top + 4
          ? [box.top + 4, true]
          : y > box.bottom - 4
            ? [box.bottom - 4, true]
            : [y, false]
      }
      const [ya, offA] = clamp(a.box, a.rect)
      const [yb, offB] = clamp(b.box, b.rect)
      const xa = Math.min(a.rect?.right ?? a.box.right, a.box.right)
      const xb = Math.max(b.rect?.left ?? b.box.left, b.box.left)
      const x1 = xa - base.left + root.scrollLeft
      const x2 = xb - base.left + root.scrollLeft
      const y1 = ya - base.top
      const y2 = yb - base.top
      const bend = (x2 - x1) / 2
      out.push({
        key: link.key,
        d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
        mid: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 },
        isOffscreen: offA || offB,
      })
      if (activeId && (link.from.id === activeId || link.to.id === activeId)) {
        a.mark?.classList.add('px-ann-linked')
        b.mark?.classList.add('px-ann-linked')
      }
    }
    setLines(out)
    setWidth(root.scrollWidth)
  }, [area, scrollers, links, activeId])

  useLayoutEffect(() => {
    redraw()
  }, [redraw, revision])

  useEffect(() => {
    const root = area.current
    if (!root || links.length === 0) return
    let frame = 0
    const schedule = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(redraw)
    }
    root.addEventListener('scroll', schedule, true)
    const observer = new ResizeObserver(schedule)
    observer.observe(root)
    // Columns render their blocks lazily: a passage may appear a moment after the link.
    const later = window.setTimeout(schedule, 300)
    return () => {
      cancelAnimationFrame(frame)
      window.clearTimeout(later)
      root.removeEventListener('scroll', schedule, true)
      observer.disconnect()
    }
  }, [area, links, redraw])

  if (lines.length === 0) return null
  const byKey = new Map(links.map((l) => [l.key, l]))
  return (
    <svg
      className="px-ann-lines"
      data-testid="annotation-link-lines"
      style={{ width: width || '100%' }}
    >
      {lines.map((line) => {
        const link = byKey.get(line.key)
        if (!link) return null
        const relation = RELATION_LABELS[link.relation]
        const isActive =
          hovered === line.key || link.from.id === activeId || link.to.id === activeId
        const name = `${relation}: passage in column ${link.from.doc + 1} (${titles[link.from.doc] ?? ''}) and column ${link.to.doc + 1} (${titles[link.to.doc] ?? ''}). Enter shows both${onRemove ? ', Delete removes the link' : ''}.`
        return (
          <g
            key={line.key}
            className={`px-ann-link px-rel-${link.relation}`}
            data-testid="annotation-link"
            data-relation={link.relation}
            data-from={link.from.id}
            data-to={link.to.id}
            data-active={isActive}
            data-offscreen={line.isOffscreen}
            role="button"
            tabIndex={0}
            aria-label={name}
            onMouseEnter={() => setHovered(line.key)}
            onMouseLeave={() => setHovered((h) => (h === line.key ? null : h))}
            onFocus={() => setHovered(line.key)}
            onBlur={() => setHovered((h) => (h === line.key ? null : h))}
            onClick={() => onJump(link)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault()
                onJump(link)
              } else if ((e.key === 'Delete' || e.key === 'Backspace') && onRemove) {
                e.preventDefault()
                onRemove(link)
              }
            }}
          >
            <path
              d={line.d}
              className="px-ann-line"
              strokeDasharray={RELATION_DASH[link.relation]}
            />
            <path d={line.d} className="px-ann-line-hit" />
            {isActive && (
              <text
                className="px-ann-link-label"
                x={line.mid.x}
                y={line.mid.y - 6}
                textAnchor="middle"
                data-testid="annotation-link-label"
              >
                {relation}
              </text>
            )}
          </g>
        )
      })}
    </svg>
  )
}
