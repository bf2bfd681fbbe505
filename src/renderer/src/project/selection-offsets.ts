/**
 * Maps a text selection in the reader back to document offsets. The reader renders every run of
 * text inside an element carrying `data-start` (its offset in the document) and nothing else
 * but the run's text, so an endpoint's offset is that start plus the characters before it.
 */

/** The document offset of a selection endpoint, or null when it is not inside a run. */
export function offsetOf(node: Node, offset: number): number | null {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element)
  const run = element?.closest<HTMLElement>('[data-start]')
  if (!run) return null
  const start = Number(run.dataset.start)
  if (!Number.isFinite(start)) return null
  if (node.nodeType !== Node.TEXT_NODE) {
    // An element endpoint: `offset` counts child nodes; add up the text of those before it.
    let before = 0
    const children = Array.from(node.childNodes).slice(0, offset)
    for (const c of children) before += c.textContent?.length ?? 0
    return start + textBefore(run, node) + before
  }
  return start + textBefore(run, node) + offset
}

/** Characters of `run`'s text that come before `node`. */
function textBefore(run: Element, node: Node): number {
  let count = 0
  const walker = run.ownerDocument.createTreeWalker(run, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n === node || node.contains(n)) break
    count += n.textContent?.length ?? 0
  }
  return count
}

/** The selection's document range inside `root`, or null when it is empty or outside. */
export function selectionRange(
  root: Element,
  selection: Selection | null,
): { start: number; end: number; text: string } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null
  const a = offsetOf(range.startContainer, range.startOffset)
  const b = offsetOf(range.endContainer, range.endOffset)
  if (a === null || b === null) return null
  const start = Math.min(a, b)
  const end = Math.max(a, b)
  return end > start ? { start, end, text: selection.toString() } : null
}
