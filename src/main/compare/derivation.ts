import type { Segment } from '../../shared/document'
import type { AlignedPassage, DerivationPair, DiffRun } from '../../shared/compare'

/** Shingle length in words: long enough that shared shingles mean shared wording. */
const SHINGLE = 5
/** Share of shingles above which one text reads as a copy or rewrite of the other. */
const DERIVED_SHARE = 0.2
/** Unmatched words on either side that still count as one passage (a rewritten clause). */
const MAX_GAP = 40
/** Changed words before a passage's first shared shingle that still belong to it. */
const LEAD_IN = 12

interface Tok {
  /** Compared form: lowercase, straight apostrophes, but quotes kept ("“terrorists”" ≠ "terrorists"). */
  cmp: string
  /** Shingle form: no punctuation at all, so a rewrite adding quotes still shares shingles. */
  key: string
  /** The shingle form's number in the comparison's vocabulary. */
  id: number
  start: number
  end: number
}

export interface DerivationDoc {
  text: string
  segments: readonly Segment[]
}

/** Plain ASCII letters and digits, checked without a Unicode regex (most words of most texts). */
function isAsciiAlnum(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i)
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false
  }
  return w.length > 0
}

/** Word ids shared by all documents of one comparison, so shingles hash to numbers. */
type Vocabulary = Map<string, number>

function tokens(d: DerivationDoc, vocabulary: Vocabulary): Tok[] {
  const ranges = d.segments.some((s) => s.role === 'body')
    ? d.segments.filter((s) => s.role === 'body' || s.role === 'title')
    : [{ start: 0, end: d.text.length }]
  const out: Tok[] = []
  const re = /\S+/g
  for (const r of ranges) {
    re.lastIndex = r.start
    for (let m = re.exec(d.text); m !== null && m.index < r.end; m = re.exec(d.text)) {
      const raw = m.index + m[0].length > r.end ? m[0].slice(0, r.end - m.index) : m[0]
      const lower = raw.toLowerCase()
      // Most words are plain letters or digits; only the rest need the punctuation rules.
      const isPlain = isAsciiAlnum(lower) || /^[\p{L}\p{N}]+$/u.test(lower)
      const cmp = isPlain
        ? lower
        : lower
            .replace(/’/g, "'")
            .replace(/[.,;:!?)(]+$/u, '')
            .replace(/^[(]+/u, '')
      const key = isPlain ? lower : cmp.replace(/[^\p{L}\p{N}'-]/gu, '')
      if (!key) continue
      let id = vocabulary.get(key)
      if (id === undefined) {
        id = vocabulary.size + 1
        vocabulary.set(key, id)
      }
      out.push({ cmp, key, id, start: m.index, end: m.index + raw.length })
    }
  }
  return out
}

/**
 * Shingles as numbers: two 32-bit multiplicative hashes of the five word ids folded into 53
 * bits. A collision needs two 5-grams to agree on both hashes; at 60,000 shingles the chance is
 * far below one in a million, and string keys were three times slower.
 */
function shingles(toks: Tok[]): Map<number, number[]> {
  const out = new Map<number, number[]>()
  for (let i = 0; i + SHINGLE <= toks.length; i++) {
    let h1 = 0x811c9dc5
    let h2 = 0x9747b28c
    for (let j = 0; j < SHINGLE; j++) {
      const id = toks[i + j]!.id
      h1 = Math.imul(h1 ^ id, 16777619)
      h2 = Math.imul(h2 ^ id, 0x5bd1e995) ^ (h2 >>> 13)
    }
    const k = (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff)
    const list = out.get(k)
    if (list) list.push(i)
    else out.set(k, [i])
  }
  return out
}

function share(a: Map<number, number[]>, b: Map<number, number[]>, total: number): number {
  if (total === 0) return 0
  let hit = 0
  for (const [k, pos] of a) if (b.has(k)) hit += pos.length
  return hit / total
}

/** Longest chain of anchors increasing in both texts (patience-style LIS, O(n log n)). */
function increasingChain(anchors: [number, number][]): [number, number][] {
  anchors.sort((x, y) => x[0] - y[0])
  const tails: number[] = []
  const prev: number[] = new Array<number>(anchors.length).fill(-1)
  for (let i = 0; i < anchors.length; i++) {
    const j = anchors[i]![1]
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (anchors[tails[mid]!]![1] < j) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) prev[i] = tails[lo - 1]!
    tails[lo] = i
  }
  const out: [number, number][] = []
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!)
    out.push(anchors[i]!)
  return out.reverse()
}

type TokOp = { op: 'equal'; a: Tok; b: Tok } | { op: 'delete'; a: Tok } | { op: 'insert'; b: Tok }

/** Word-level diff of two short runs by longest common subsequence. */
function diffGap(a: Tok[], b: Tok[]): TokOp[] {
  const n = a.length
  const m = b.length
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i]![j] =
        a[i]!.cmp === b[j]!.cmp ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!)
    }
  }
  const ops: TokOp[] = []
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[i]!.cmp === b[j]!.cmp) ops.push({ op: 'equal', a: a[i++]!, b: b[j++]! })
    else if (j < m && (i >= n || dp[i]![j + 1]! >= dp[i + 1]![j]!))
      ops.push({ op: 'insert', b: b[j++]! })
    else ops.push({ op: 'delete', a: a[i++]! })
  }
  return ops
}

function span(text: string, toks: Tok[]): string {
  if (toks.length === 0) return ''
  return text.slice(toks[0]!.start, toks[toks.length - 1]!.end)
}

/** Folds token operations into runs of original text (so quotes and spacing survive). */
function runsFrom(text: [string, string], ops: TokOp[]): DiffRun[] {
  const runs: DiffRun[] = []
  let k = 0
  while (k < ops.length) {
    const from: Tok[] = []
    const to: Tok[] = []
    if (ops[k]!.op === 'equal') {
      for (let o = ops[k]; o && o.op === 'equal'; o = ops[++k]) {
        from.push(o.a)
        to.push(o.b)
      }
      runs.push({ op: 'equal', from: span(text[0], from), to: span(text[1], to) })
      continue
    }
    for (let o = ops[k]; o && o.op !== 'equal'; o = ops[++k]) {
      if (o.op === 'delete') from.push(o.a)
      else to.push(o.b)
    }
    const op = from.length && to.length ? 'replace' : from.length ? 'delete' : 'insert'
    runs.push({ op, from: span(text[0], from), to: span(text[1], to) })
  }
  return runs
}

/** Shingle-matched words; where only punctuation differs ("“terrorists”") it is a replacement. */
function equalOps(a: Tok[], b: Tok[]): TokOp[] {
  const out: TokOp[] = []
  a.forEach((x, i) => {
    const y = b[i]!
    if (x.cmp === y.cmp) out.push({ op: 'equal', a: x, b: y })
    else out.push({ op: 'delete', a: x }, { op: 'insert', b: y })
  })
  return out
}

/** Aligned passages of two texts: runs of shared shingles, with a word diff of what lies between. */
function alignPassages(
  ta: [string, string],
  a: Tok[],
  b: Tok[],
  sa: Map<number, number[]>,
  sb: Map<number, number[]>,
): AlignedPassage[] {
  // Anchors: shingles that occur once in each text, so their positions pair up unambiguously.
  const anchors: [number, number][] = []
  for (const [k, pa] of sa) {
    const pb = sb.get(k)
    if (pa.length === 1 && pb?.length === 1) anchors.push([pa[0]!, pb[0]!])
  }
  const chain = increasingChain(anchors)
  const passages: AlignedPassage[] = []
  let cur: { a0: number; b0: number; ops: TokOp[]; ai: number; bi: number } | null = null
  // Where the last passage ended, so a new one can take in a few changed words before it.
  let lastA = 0
  let lastB = 0
  const close = () => {
    if (!cur) return
    lastA = cur.ai
    lastB = cur.bi
    passages.push({
      a: { start: a[cur.a0]!.start, end: a[cur.ai - 1]!.end },
      b: { start: b[cur.b0]!.start, end: b[cur.bi - 1]!.end },
      diff: runsFrom(ta, cur.ops),
    })
    cur = null
  }
  for (const [i, j] of chain) {
    if (cur && (i < cur.ai || j < cur.bi)) {
      // An anchor overlapping the last one: extend the passage over its new words.
      const endA = Math.max(cur.ai, i + SHINGLE)
      const endB = Math.max(cur.bi, j + SHINGLE)
      const addA = a.slice(cur.ai, endA)
      const addB = b.slice(cur.bi, endB)
      cur.ops.push(...(addA.length === addB.length ? equalOps(addA, addB) : diffGap(addA, addB)))
      cur.ai = endA
      cur.bi = endB
      continue
    }
    if (cur && i - cur.ai <= MAX_GAP && j - cur.bi <= MAX_GAP) {
      cur.ops.push(...diffGap(a.slice(cur.ai, i), b.slice(cur.bi, j)))
    } else {
      close()
      cur = { a0: i, b0: j, ops: [], ai: i, bi: j }
      if (i - lastA <= LEAD_IN && j - lastB <= LEAD_IN && i > lastA && j > lastB) {
        // A rewrite often changes the first words of a passage ("Armed groups" -> "“Terrorists”").
        cur.ops.push(...diffGap(a.slice(lastA, i), b.slice(lastB, j)))
        cur.a0 = lastA
        cur.b0 = lastB
      }
    }
    cur.ops.push(...equalOps(a.slice(i, i + SHINGLE), b.slice(j, j + SHINGLE)))
    cur.ai = i + SHINGLE
    cur.bi = j + SHINGLE
  }
  close()
  return passages
}

/**
 * For each pair of documents, the share of each one's word 5-gram shingles found in the other;
 * when one reads as a copy or rewrite, the aligned passages with a word-level diff.
 */
export function compareDerivation(docs: readonly DerivationDoc[]): DerivationPair[] {
  const vocabulary: Vocabulary = new Map()
  const toks = docs.map((d) => tokens(d, vocabulary))
  const sh = toks.map(shingles)
  const out: DerivationPair[] = []
  for (let a = 0; a < docs.length; a++) {
    for (let b = a + 1; b < docs.length; b++) {
      const totalA = Math.max(0, toks[a]!.length - SHINGLE + 1)
      const totalB = Math.max(0, toks[b]!.length - SHINGLE + 1)
      const shareAInB = share(sh[a]!, sh[b]!, totalA)
      const shareBInA = share(sh[b]!, sh[a]!, totalB)
      const top = Math.max(shareAInB, shareBInA)
      const isDerived = top >= DERIVED_SHARE
      const pct = (x: number) => `${Math.round(x * 100)}%`
      let reason = `${pct(shareAInB)} of document ${a + 1}'s 5-word sequences appear in document ${b + 1}, ${pct(shareBInA)} the other way`
      if (isDerived) {
        const [copy, orig] = shareAInB >= shareBInA ? [a, b] : [b, a]
        reason +=
          top >= 0.8
            ? `: document ${copy + 1} is a near copy of document ${orig + 1}`
            : `: document ${copy + 1} reads as a rewrite of document ${orig + 1}`
      }
      const passages = isDerived
        ? alignPassages([docs[a]!.text, docs[b]!.text], toks[a]!, toks[b]!, sh[a]!, sh[b]!)
        : []
      out.push({
        a,
        b,
        shareAInB: Math.round(shareAInB * 1000) / 1000,
        shareBInA: Math.round(shareBInA * 1000) / 1000,
        isDerived,
        reason,
        passages,
      })
    }
  }
  return out
}
