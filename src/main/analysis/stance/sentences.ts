import type { Segment } from '../../../shared/document'

/**
 * A plain sentence splitter, used only when the caller has no sentences yet: ends at . ! ? (and
 * closing quotes after them) followed by a capital, a quote or a digit, never after a known
 * abbreviation or a single initial; and at every paragraph break and segment edge.
 */
export function splitSentences(
  text: string,
  segments: readonly Segment[],
  abbreviations: ReadonlySet<string>,
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  const ranges = segments.length > 0 ? segments : [{ start: 0, end: text.length }]
  for (const seg of ranges) {
    let start = seg.start
    const push = (end: number): void => {
      let s = start
      let e = end
      while (s < e && /\s/.test(text[s]!)) s++
      while (e > s && /\s/.test(text[e - 1]!)) e--
      if (e > s) out.push({ start: s, end: e })
    }
    for (let i = seg.start; i < seg.end; i++) {
      const c = text[i]!
      if (c === '\n' && text[i + 1] === '\n') {
        push(i)
        start = i + 1
        continue
      }
      if (c !== '.' && c !== '!' && c !== '?' && c !== '…') continue
      let j = i + 1
      while (j < seg.end && /[.!?…”"’')\]]/.test(text[j]!)) j++
      if (j < seg.end && !/\s/.test(text[j]!)) continue
      let k = j
      while (k < seg.end && /\s/.test(text[k]!)) k++
      if (k < seg.end && !/[\p{Lu}\p{N}“"‘'([]/u.test(text[k]!)) continue
      if (c === '.' && isAbbreviation(text, i, abbreviations)) continue
      push(j)
      start = j
      i = j - 1
    }
    push(seg.end)
  }
  return out
}

function isAbbreviation(text: string, dot: number, abbreviations: ReadonlySet<string>): boolean {
  let s = dot
  while (s > 0 && /\p{L}/u.test(text[s - 1]!)) s--
  const word = text.slice(s, dot)
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true
  return abbreviations.has(word.toLowerCase())
}
