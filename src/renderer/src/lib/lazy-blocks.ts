import { useEffect, useRef, useState } from 'react'
import type { Block } from './blocks'

/** The index of the block that holds text offset `start`, or -1. */
export function blockIndexAt(blocks: readonly Block[], start: number): number {
  return blocks.findIndex((b) =>
    b.kind === 'aside'
      ? b.paragraphs.some((p) => p.start <= start && start < p.end)
      : b.paragraph.start <= start && start < b.paragraph.end,
  )
}

/**
 * Renders a long document in steps: `limit` blocks at first, `step` more each time the sentinel
 * (placed after the last rendered block) comes within `rootMargin` of the scrolling pane, found
 * as the sentinel's closest `rootSelector`. The pane scrolls, not the window, so it is the root.
 */
export function useLazyLimit(
  blockCount: number,
  step: number,
  rootSelector: string,
  rootMargin: string,
) {
  const [limit, setLimit] = useState(step)
  const sentinel = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = sentinel.current
    if (!el) return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + step)
      },
      { root: el.closest(rootSelector), rootMargin },
    )
    observer.observe(el)
    return () => observer.disconnect()
  }, [limit, blockCount, step, rootSelector, rootMargin])
  return { limit, setLimit, sentinel }
}
