import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react'
import type { MachineLayer } from '../../../shared/annotation'
import type { AnalysisIndex } from '../components/HighlightCard'
import type { ReviewTarget } from '../project/ReviewActions'
import type { LayerId } from './highlights'

/** One thing under a highlighted run, as its mark's `data-targets` lists it. */
export interface MarkTarget {
  layer: LayerId
  id: string
}

/** The card open over one mark. */
export interface OpenCard {
  targets: MarkTarget[]
  /** Document offset where the mark's run starts (which entity mention was hovered). */
  at: number
  top: number
  left: number
}

/** "figures:fig-0 entities:e-1" → targets (ids may contain colons). */
export function parseMarkTargets(raw: string): MarkTarget[] {
  return raw
    .split(' ')
    .filter(Boolean)
    .map((t) => {
      const [layer, ...rest] = t.split(':')
      return { layer: layer as LayerId, id: rest.join(':') }
    })
}

const CARD_WIDTH = 360
/** The height the card is placed for: below the mark when that much room is left. */
const CARD_ROOM = 300

/** Where the card goes for a mark's rectangle: under it when there is room, above it otherwise. */
export function placeCard(
  rect: { top: number; bottom: number; left: number },
  viewport: { width: number; height: number },
): { top: number; left: number } {
  const left = Math.max(8, Math.min(viewport.width - CARD_WIDTH - 8, rect.left))
  const top =
    rect.bottom + CARD_ROOM < viewport.height
      ? rect.bottom + 6
      : Math.max(8, rect.top - CARD_ROOM - 6)
  return { top, left }
}

const markOf = (target: EventTarget | null) =>
  target instanceof HTMLElement ? target.closest<HTMLElement>('.px-hl[data-targets]') : null
const isInCard = (target: EventTarget | null) =>
  target instanceof Element && target.closest('.px-card') !== null
const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), [tabindex]:not([tabindex="-1"])'

/**
 * The hover/focus lifecycle of the highlight card shared by the reader and the comparison
 * columns. The card opens over a mark on hover or focus and closes a moment after the pointer
 * or the focus leaves both the mark and the card. Tab on a mark moves into the card, Escape
 * inside the card goes back to the mark. While pinned (an editor open in it) nothing closes or
 * replaces the card: its selects open dropdowns outside it and the pointer wanders there.
 */
export function useHighlightCard({
  isEnabled,
  hideDelayMs,
}: {
  /** Whether marks explain themselves at all (nothing to show until the indexes load). */
  isEnabled: boolean
  hideDelayMs: number
}) {
  const [card, setCard] = useState<OpenCard | null>(null)
  // Handlers and timers read these between renders.
  const pinned = useRef(false)
  const mark = useRef<HTMLElement | null>(null)
  const hideTimer = useRef<number | undefined>(undefined)
  // The card is drawn in a portal (a column's `contain: strict` would clip it): found by ref.
  const cardRef = useRef<HTMLDivElement>(null)

  const showFor = (el: HTMLElement) => {
    if (!isEnabled || pinned.current) return
    const raw = el.dataset.targets
    if (!raw) return
    window.clearTimeout(hideTimer.current)
    mark.current = el
    const place = placeCard(el.getBoundingClientRect(), {
      width: window.innerWidth,
      height: window.innerHeight,
    })
    setCard({ targets: parseMarkTargets(raw), at: Number(el.dataset.start), ...place })
  }
  const scheduleHide = useCallback(() => {
    window.clearTimeout(hideTimer.current)
    if (pinned.current) return
    hideTimer.current = window.setTimeout(() => {
      if (!pinned.current) setCard(null)
    }, hideDelayMs)
  }, [hideDelayMs])
  const keepOpen = () => window.clearTimeout(hideTimer.current)

  /** Pins the card open (an editor in it) or lets it go. */
  const setPinned = useCallback(
    (next: boolean) => {
      if (pinned.current === next) return
      pinned.current = next
      if (next) {
        window.clearTimeout(hideTimer.current)
        return
      }
      // Let go while neither hovered nor focused (the pointer was on a dropdown): close.
      const el = cardRef.current
      if (!el || (!el.matches(':hover') && !el.contains(document.activeElement))) scheduleHide()
    },
    [scheduleHide],
  )

  /** Closes the card now, pinned or not (new highlights, another document). */
  const reset = useCallback(() => {
    window.clearTimeout(hideTimer.current)
    if (pinned.current) return
    setCard(null)
  }, [])

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      // Escape inside an open editor belongs to the editor (it cancels; then the card may go).
      if (e.key !== 'Escape' || pinned.current) return
      if (isInCard(document.activeElement) && mark.current?.isConnected) {
        // Back to the mark; the card its focus reopens is closed below in the same batch.
        mark.current.focus({ preventScroll: true })
      }
      window.clearTimeout(hideTimer.current)
      setCard(null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  useEffect(() => () => window.clearTimeout(hideTimer.current), [])

  const containerProps = {
    onMouseOver: (e: MouseEvent) => {
      const m = markOf(e.target)
      if (m) showFor(m)
    },
    onMouseOut: (e: MouseEvent) => {
      if (markOf(e.target) && !markOf(e.relatedTarget) && !isInCard(e.relatedTarget)) scheduleHide()
    },
    onFocus: (e: FocusEvent) => {
      if (isInCard(e.target)) keepOpen()
      const m = markOf(e.target)
      if (m) showFor(m)
    },
    onBlur: (e: FocusEvent) => {
      if ((markOf(e.target) || isInCard(e.target)) && !isInCard(e.relatedTarget)) scheduleHide()
    },
    onKeyDown: (e: KeyboardEvent) => {
      // Tab from a mark goes into its card (the card sits at the end of the text otherwise).
      if (e.key !== 'Tab' || e.shiftKey || !card || markOf(e.target) !== mark.current) return
      const first = cardRef.current?.querySelector<HTMLElement>(FOCUSABLE)
      if (!first) return
      e.preventDefault()
      first.focus()
    },
  }
  const cardProps = { cardRef, onMouseEnter: keepOpen, onMouseLeave: scheduleHide }

  return { card, setPinned, reset, containerProps, cardProps }
}

const MACHINE_LAYER: Partial<Record<LayerId, MachineLayer>> = {
  figures: 'figure',
  entities: 'entity',
  attributions: 'attribution',
  stance: 'stance',
}

/**
 * What a review of the machine item under the card anchors to: the figure, the hovered mention
 * of an entity (rejecting one mention leaves the others), the whole attribution, the cue.
 */
export function reviewTargetOf(
  index: AnalysisIndex,
  target: MarkTarget,
  docId: string,
  at: number | undefined,
): ReviewTarget | null {
  const layer = MACHINE_LAYER[target.layer]
  if (!layer) return null
  const span = (start: number, end: number): ReviewTarget => ({
    layer,
    machineId: target.id,
    docId,
    start,
    end,
  })
  switch (target.layer) {
    case 'figures': {
      const f = index.figures.get(target.id)
      return f ? span(f.start, f.end) : null
    }
    case 'entities': {
      const e = index.entities.get(target.id)
      if (!e) return null
      const here =
        at === undefined ? undefined : e.mentions.find((m) => m.start <= at && at < m.end)
      const m = here ?? e.mentions[0]
      return m ? span(m.start, m.end) : null
    }
    case 'attributions': {
      const a = index.attributions.get(target.id)
      if (!a) return null
      const parts = [a.speaker, a.verb, a.content].filter((p) => p !== null)
      return span(Math.min(...parts.map((p) => p.start)), Math.max(...parts.map((p) => p.end)))
    }
    case 'stance': {
      const c = index.stanceCues.get(target.id)
      return c ? span(c.start, c.end) : null
    }
    default:
      return null
  }
}
