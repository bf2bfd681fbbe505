import type { Annotation, AnnotationTarget } from '../../shared/annotation'

/** How much context a target keeps on each side (what Hypothesis keeps). */
export const CONTEXT_LENGTH = 32
/** A fuzzy match must share at least this much of the quote's character bigrams. */
const MIN_FUZZY_SIMILARITY = 0.75
/** Occurrences looked at per search string; enough for any real repeated phrase. */
const MAX_OCCURRENCES = 500

/** Builds a target (both selectors) for `text.slice(start, end)` of a document. */
export function makeTarget(
  docId: string,
  text: string,
  start: number,
  end: number,
): AnnotationTarget {
  const s = Math.max(0, Math.min(start, text.length))
  const e = Math.max(s, Math.min(end, text.length))
  return {
    docId,
    start: s,
    end: e,
    exact: text.slice(s, e),
    prefix: text.slice(Math.max(0, s - CONTEXT_LENGTH), s),
    suffix: text.slice(e, e + CONTEXT_LENGTH),
  }
}

/**
 * The quote is at `at` and can be trusted there: a short quote ("the") can sit at an offset by
 * chance after an edit, so it must also have most of its context, unless it is long enough to be
 * unambiguous on its own.
 */
function isTrustedAt(target: AnnotationTarget, text: string, at: number): boolean {
  const { exact } = target
  const end = at + exact.length
  if (end > text.length || text.slice(at, end) !== exact) return false
  return exact.length >= CONTEXT_LENGTH || contextScore(target, text, at, end) >= 1
}

/** Where a target was found, and how. */
export interface AnchorMatch {
  start: number
  end: number
  /** position: offsets still hold; quote: exact quote found elsewhere; fuzzy: an edited quote. */
  method: 'position' | 'quote' | 'fuzzy'
}

/**
 * Finds a target in a (possibly edited) text. First the stored offsets; then every occurrence
 * of the exact quote, ranked by how well the prefix/suffix context and the old position fit;
 * then, for a quote that was itself edited, candidate spans bounded by occurrences of the quote's
 * head/tail and of the context, accepted when their bigram similarity to the quote is high.
 * Cost is a few `indexOf` scans plus linear scoring per candidate, never quadratic in the text.
 * Returns null when nothing fits well enough.
 */
export function reanchor(
  target: AnnotationTarget,
  newText: string,
  options: { shift?: number } = {},
): AnchorMatch | null {
  const { start, end, exact } = target
  if (isTrustedAt(target, newText, start)) return { start, end, method: 'position' }
  // An edit before the quote moves everything after it by the same amount: try that first
  // (`reanchorAll` passes the shift of the previous annotation on the same document).
  const shift = options.shift ?? 0
  if (shift !== 0 && start + shift >= 0 && isTrustedAt(target, newText, start + shift)) {
    return { start: start + shift, end: end + shift, method: 'quote' }
  }
  if (exact.length === 0) return null

  // Very common quotes ("the") can occur more often than the cap; look near the old position too.
  const occurrences = [...new Set([...findNear(newText, exact, start), ...findAll(newText, exact)])]
  if (occurrences.length > 0) {
    let best = occurrences[0]!
    let bestScore = -Infinity
    for (const at of occurrences) {
      const score =
        contextScore(target, newText, at, at + exact.length) +
        proximityScore(at, target.start, newText.length)
      if (score > bestScore) {
        bestScore = score
        best = at
      }
    }
    return { start: best, end: best + exact.length, method: 'quote' }
  }
  return fuzzyAnchor(target, newText)
}

function fuzzyAnchor(target: AnnotationTarget, text: string): AnchorMatch | null {
  const { exact, prefix, suffix } = target
  const len = exact.length
  const k = Math.min(32, Math.max(4, Math.floor(len / 4)))
  const starts = new Set<number>()
  const ends = new Set<number>()
  if (len >= 8) {
    for (const at of findAll(text, exact.slice(0, k))) starts.add(at)
    for (const at of findAll(text, exact.slice(len - k))) ends.add(at + k)
  }
  const pre = prefix.slice(-Math.min(prefix.length, 16))
  if (pre.length >= 4) for (const at of findAll(text, pre)) starts.add(at + pre.length)
  const suf = suffix.slice(0, Math.min(suffix.length, 16))
  if (suf.length >= 4) for (const at of findAll(text, suf)) ends.add(at)

  const sortedEnds = [...ends].sort((a, b) => a - b)
  const minLen = Math.floor(len * 0.5)
  const maxLen = Math.ceil(len * 1.5) + 8
  const candidates: [number, number][] = []
  for (const s of starts) {
    let paired = false
    for (let i = lowerBound(sortedEnds, s + minLen); i < sortedEnds.length; i++) {
      const e = sortedEnds[i]!
      if (e - s > maxLen) break
      candidates.push([s, e])
      paired = true
    }
    if (!paired) candidates.push([s, Math.min(text.length, s + len)])
  }
  for (const e of sortedEnds) candidates.push([Math.max(0, e - len), e])

  const quoteBigrams = bigrams(exact)
  let best: AnchorMatch | null = null
  let bestScore = -Infinity
  for (const [s, e] of candidates.slice(0, 4 * MAX_OCCURRENCES)) {
    if (e <= s) continue
    const similarity = dice(quoteBigrams, text.slice(s, e))
    if (similarity < MIN_FUZZY_SIMILARITY) continue
    const score =
      4 * similarity +
      contextScore(target, text, s, e) +
      proximityScore(s, target.start, text.length)
    if (score > bestScore) {
      bestScore = score
      best = { start: s, end: e, method: 'fuzzy' }
    }
  }
  return best
}

/** 0..2: how much of the stored prefix ends right before `s` and of the suffix starts at `e`. */
function contextScore(target: AnnotationTarget, text: string, s: number, e: number): number {
  const { prefix, suffix } = target
  let p = 0
  while (p < prefix.length && s - 1 - p >= 0 && text[s - 1 - p] === prefix[prefix.length - 1 - p])
    p++
  let q = 0
  while (q < suffix.length && e + q < text.length && text[e + q] === suffix[q]) q++
  return (prefix.length ? p / prefix.length : 1) + (suffix.length ? q / suffix.length : 1)
}

/** 0..0.5: closer to the old position is better (edits rarely move text far). */
function proximityScore(at: number, old: number, textLength: number): number {
  return 0.5 * (1 - Math.min(1, Math.abs(at - old) / Math.max(1, textLength)))
}

function findAll(text: string, needle: string, from = 0): number[] {
  const out: number[] = []
  if (needle.length === 0) return out
  for (let at = text.indexOf(needle, from); at >= 0 && out.length < MAX_OCCURRENCES;) {
    out.push(at)
    at = text.indexOf(needle, at + 1)
  }
  return out
}

/** Up to half the cap of occurrences on each side of `around`. */
function findNear(text: string, needle: string, around: number): number[] {
  const out: number[] = []
  const half = MAX_OCCURRENCES / 2
  for (let at = text.lastIndexOf(needle, around); at >= 0 && out.length < half;) {
    out.push(at)
    at = at > 0 ? text.lastIndexOf(needle, at - 1) : -1
  }
  for (let at = text.indexOf(needle, around + 1), n = 0; at >= 0 && n < half; n++) {
    out.push(at)
    at = text.indexOf(needle, at + 1)
  }
  return out
}

function lowerBound(xs: number[], x: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (xs[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>()
  const t = s.toLowerCase()
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2)
    m.set(g, (m.get(g) ?? 0) + 1)
  }
  return m
}

/** Sørensen–Dice similarity of character bigram multisets (1 = same bigrams). */
function dice(a: Map<string, number>, s: string): number {
  const b = bigrams(s)
  let na = 0
  let nb = 0
  let common = 0
  for (const n of a.values()) na += n
  for (const [g, n] of b) {
    nb += n
    common += Math.min(n, a.get(g) ?? 0)
  }
  return na + nb === 0 ? 0 : (2 * common) / (na + nb)
}

/** The outcome of re-anchoring a set of annotations against new document texts. */
export interface ReanchorReport {
  /** Every annotation, in input order: re-anchored targets updated, orphans flagged (kept). */
  annotations: Annotation[]
  /** Ids of annotations found again (including ones whose offsets did not change). */
  attached: string[]
  /** Ids of annotations whose quote had been edited and were matched fuzzily. */
  fuzzy: string[]
  /** Annotations that could not be placed: listed for the researcher, never dropped. */
  orphaned: Annotation[]
}

/**
 * Re-anchors every annotation on a document whose text is in `texts` (docId → new text).
 * Annotations on other documents pass through unchanged. Re-attached targets get fresh
 * exact/prefix/suffix from the new text so the next re-import starts from it.
 */
export function reanchorAll(
  annotations: readonly Annotation[],
  texts: ReadonlyMap<string, string>,
): ReanchorReport {
  const out: Annotation[] = []
  const attached: string[] = []
  const fuzzy: string[] = []
  const orphaned: Annotation[] = []
  const shifts = new Map<string, number>()
  for (const a of annotations) {
    const text = texts.get(a.target.docId)
    if (text === undefined) {
      out.push(a)
      continue
    }
    const match = reanchor(a.target, text, { shift: shifts.get(a.target.docId) ?? 0 })
    if (match) shifts.set(a.target.docId, match.start - a.target.start)
    if (!match) {
      const orphan: Annotation = { ...a, target: { ...a.target, isOrphaned: true } }
      out.push(orphan)
      orphaned.push(orphan)
      continue
    }
    attached.push(a.id)
    if (match.method === 'fuzzy') fuzzy.push(a.id)
    if (match.method === 'position' && !a.target.isOrphaned) {
      out.push(a)
      continue
    }
    out.push({ ...a, target: makeTarget(a.target.docId, text, match.start, match.end) })
  }
  return { annotations: out, attached, fuzzy, orphaned }
}
