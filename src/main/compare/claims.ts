import type { DocumentAnalysis } from '../../shared/analysis'
import type { Segment } from '../../shared/document'
import type {
  ClaimAlignment,
  ClaimRelation,
  FigureRef,
  PairVerdict,
  SentenceRef,
} from '../../shared/compare'
import { NEGATIONS, STOPWORDS, stem, words } from './text'

export interface ClaimDoc {
  text: string
  segments: readonly Segment[]
  analysis: DocumentAnalysis
}

interface Sentence {
  doc: number
  index: number
  start: number
  end: number
  vector: Map<string, number>
  termCount: number
  numbers: Set<string>
  entities: Set<string>
  negations: number
  /** Indexes of the analysis figures inside the sentence. */
  figures: number[]
}

/** The reconciliation's verdict on two figures, or null when they measure different things. */
export type FigureVerdictLookup = (a: FigureRef, b: FigureRef) => PairVerdict | null

/** Minimum blended score for two sentences to count as the same claim. */
const MATCH_THRESHOLD = 0.25
/** Candidates per sentence and other document that get a full score. */
const TOP_K = 3
/** Terms per sentence used to look for candidates (its highest TF-IDF weights). */
const PROBE_TERMS = 8

function isBody(segments: readonly Segment[], start: number): boolean {
  if (segments.length === 0) return true
  const s = segments.find((seg) => start >= seg.start && start < seg.end)
  return s === undefined || s.role === 'body'
}

/** Sentence bounds when the analysis has none: ends of sentences and blank lines. */
function splitSentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  const re = /(?:[^.!?\n]|[.!?](?![\s"”’)]|$))+(?:[.!?]+["”’)]*|(?=\n)|$)/g
  for (const m of text.matchAll(re)) {
    const raw = m[0]
    const lead = raw.length - raw.trimStart().length
    const body = raw.trim()
    if (body.length < 2) continue
    const start = (m.index ?? 0) + lead
    out.push({ start, end: start + body.length })
  }
  return out
}

function entityKeys(analysis: DocumentAnalysis): { start: number; end: number; keys: string[] }[] {
  const out: { start: number; end: number; keys: string[] }[] = []
  for (const e of analysis.entities) {
    const keys = [e.name, ...e.aliases].map((n) => n.toLowerCase())
    for (const m of e.mentions) out.push({ start: m.start, end: m.end, keys })
  }
  return out.sort((a, b) => a.start - b.start)
}

function buildSentences(docs: readonly ClaimDoc[]): Sentence[] {
  const out: Sentence[] = []
  docs.forEach((d, doc) => {
    const bounds = d.analysis.sentences.length > 0 ? d.analysis.sentences : splitSentences(d.text)
    const ents = entityKeys(d.analysis)
    // One pass over the text's words and the sorted figures, swept along with the sentences:
    // slicing and re-tokenising per sentence was the slowest part on long documents.
    const toks = words(d.text)
    const figs = d.analysis.figures
      .map((f, i) => ({ start: f.start, i }))
      .sort((x, y) => x.start - y.start)
    let e = 0
    let w = 0
    let fp = 0
    bounds.forEach((b, index) => {
      while (w < toks.length && toks[w]!.start < b.start) w++
      while (fp < figs.length && figs[fp]!.start < b.start) fp++
      if (!isBody(d.segments, b.start)) return
      const vector = new Map<string, number>()
      const numbers = new Set<string>()
      let termCount = 0
      let negations = 0
      for (let k = w; k < toks.length && toks[k]!.start < b.end; k++) {
        const norm = toks[k]!.norm
        if (NEGATIONS.has(norm) || norm.endsWith("n't")) negations++
        if (/^\d[\d,.]*$/.test(norm)) {
          const v = Number(norm.replace(/,/g, ''))
          if (Number.isFinite(v)) numbers.add(String(v))
          continue
        }
        if (STOPWORDS.has(norm)) continue
        const t = stem(norm)
        vector.set(t, (vector.get(t) ?? 0) + 1)
        termCount++
      }
      if (termCount === 0) return
      const entities = new Set<string>()
      while (e < ents.length && ents[e]!.end <= b.start) e++
      for (let k = e; k < ents.length && ents[k]!.start < b.end; k++)
        for (const key of ents[k]!.keys) entities.add(key)
      const figures: number[] = []
      for (let k = fp; k < figs.length && figs[k]!.start < b.end; k++) figures.push(figs[k]!.i)
      out.push({
        doc,
        index,
        start: b.start,
        end: b.end,
        vector,
        termCount,
        numbers,
        entities,
        negations,
        figures,
      })
    })
  })
  return out
}

function overlapShare(a: Set<string>, b: Set<string>): number | null {
  if (a.size === 0 && b.size === 0) return null
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / Math.max(a.size, b.size)
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a]
  let dot = 0
  for (const [t, w] of small) {
    const o = big.get(t)
    if (o !== undefined) dot += w * o
  }
  return dot
}

interface Match {
  a: Sentence
  b: Sentence
  score: number
  cos: number
}

function blend(a: Sentence, b: Sentence, cos: number): number {
  const parts = [overlapShare(a.entities, b.entities), overlapShare(a.numbers, b.numbers)].filter(
    (x): x is number => x !== null,
  )
  if (parts.length === 0) return cos
  // Shared entities and numbers raise the score; different numbers must not hide a match, since
  // two sentences that differ only in their numbers are exactly the contradictions to find.
  return cos + (1 - cos) * 0.3 * (parts.reduce((s, x) => s + x, 0) / parts.length)
}

/** What the figure reconciliation says about the figures two sentences share a quantity for. */
function figureJudgement(
  a: Sentence,
  b: Sentence,
  lookup: FigureVerdictLookup | undefined,
): 'conflict' | 'consistent' | null {
  if (!lookup) return null
  let seen = false
  for (const fa of a.figures) {
    for (const fb of b.figures) {
      const v = lookup({ doc: a.doc, figure: fa }, { doc: b.doc, figure: fb })
      if (v === null) continue
      if (v === 'conflict') return 'conflict'
      seen = true
    }
  }
  return seen ? 'consistent' : null
}

function relationOf(
  m: Match,
  lookup: FigureVerdictLookup | undefined,
): { relation: ClaimRelation; reason: string } {
  const { a, b } = m
  const sharedTerms = [...a.vector.keys()].filter((t) => b.vector.has(t)).slice(0, 6)
  const shared = `shared terms: ${sharedTerms.join(', ')}`
  const judged = figureJudgement(a, b, lookup)
  if (judged === 'conflict')
    return { relation: 'contradiction', reason: `their figures conflict (see Figures); ${shared}` }
  if (
    judged === null &&
    a.numbers.size > 0 &&
    b.numbers.size > 0 &&
    overlapShare(a.numbers, b.numbers) === 0 &&
    m.cos >= 0.25
  ) {
    return {
      relation: 'contradiction',
      reason: `similar sentences with different numbers (${[...a.numbers].join(', ')} vs ${[...b.numbers].join(', ')}); ${shared}`,
    }
  }
  if (a.negations % 2 !== b.negations % 2 && m.cos >= 0.45) {
    return {
      relation: 'contradiction',
      reason: `one sentence negates what the other says; ${shared}`,
    }
  }
  const ratio = Math.max(a.termCount, b.termCount) / Math.min(a.termCount, b.termCount)
  if (ratio >= 1.6)
    return {
      relation: 'elaboration',
      reason: `one sentence says more (${Math.round(ratio * 10) / 10}× the content words); ${shared}`,
    }
  return { relation: 'same', reason: shared }
}

/**
 * Aligns sentences across documents as claims. TF-IDF vectors over stemmed content words, an
 * inverted index that skips very common terms to find candidates, the top few candidates per
 * sentence fully scored (cosine blended with entity and number overlap), then greedy one-to-one
 * matching and clustering across documents (one sentence per document per claim). `lookup`
 * lets the figure reconciliation decide whether different numbers really disagree ("12
 * kilometres" and "7.5 miles" do not).
 */
export function alignClaims(
  docs: readonly ClaimDoc[],
  lookup?: FigureVerdictLookup,
): ClaimAlignment[] {
  const sentences = buildSentences(docs)
  const n = sentences.length
  const df = new Map<string, number>()
  for (const s of sentences) for (const t of s.vector.keys()) df.set(t, (df.get(t) ?? 0) + 1)
  for (const s of sentences) {
    let norm = 0
    for (const [t, tf] of s.vector) {
      const w = (1 + Math.log(tf)) * Math.log(1 + n / df.get(t)!)
      s.vector.set(t, w)
      norm += w * w
    }
    norm = Math.sqrt(norm) || 1
    for (const [t, w] of s.vector) s.vector.set(t, w / norm)
  }
  // Very common terms say little about which sentence matches which and make postings long.
  const maxDf = Math.max(15, n * 0.02)
  // Postings as flat typed arrays (sentence index, weight) per term: the candidate search
  // touches millions of entries on six long documents, and Maps of objects were the bottleneck.
  const termId = new Map<string, number>()
  const counts: number[] = []
  for (const s of sentences) {
    for (const t of s.vector.keys()) {
      if (df.get(t)! > maxDf) continue
      let id = termId.get(t)
      if (id === undefined) {
        id = counts.length
        termId.set(t, id)
        counts.push(0)
      }
      counts[id]!++
    }
  }
  const offsets = new Int32Array(counts.length + 1)
  for (let i = 0; i < counts.length; i++) offsets[i + 1] = offsets[i]! + counts[i]!
  const fill = offsets.slice(0, counts.length)
  const postSentence = new Int32Array(offsets[counts.length]!)
  const postWeight = new Float64Array(offsets[counts.length]!)
  sentences.forEach((s, si) => {
    for (const [t, w] of s.vector) {
      const id = termId.get(t)
      if (id === undefined) continue
      const at = fill[id]!++
      postSentence[at] = si
      postWeight[at] = w
    }
  })
  const matches: Match[] = []
  const acc = new Float64Array(n)
  const touched = new Int32Array(n)
  const topIdx = new Int32Array(docs.length * TOP_K)
  const topVal = new Float64Array(docs.length * TOP_K)
  const lastOfDoc = new Int32Array(docs.length).fill(-1)
  sentences.forEach((s, si) => (lastOfDoc[s.doc] = si))
  sentences.forEach((s) => {
    const last = lastOfDoc[s.doc]!
    let nTouched = 0
    // Candidates come from a sentence's rarest terms only (prefix filtering): a sentence that
    // shares none of another's most distinctive words is not the same claim.
    const probe: [number, number][] = []
    for (const [t, w] of s.vector) {
      const id = termId.get(t)
      if (id !== undefined) probe.push([id, w])
    }
    if (probe.length > PROBE_TERMS) probe.sort((x, y) => y[1] - x[1]).length = PROBE_TERMS
    for (const [id, w] of probe) {
      // Postings are in sentence order and documents are contiguous, so walking back from the
      // end and stopping at this document's last sentence visits only later documents.
      for (let p = offsets[id + 1]! - 1; p >= offsets[id]!; p--) {
        const o = postSentence[p]!
        if (o <= last) break
        if (acc[o] === 0) touched[nTouched++] = o
        acc[o]! += w * postWeight[p]!
      }
    }
    topIdx.fill(-1)
    topVal.fill(0)
    for (let k = 0; k < nTouched; k++) {
      const o = touched[k]!
      const v = acc[o]!
      acc[o] = 0
      const base = sentences[o]!.doc * TOP_K
      // Insertion into this document's short list of best candidates.
      for (let r = 0; r < TOP_K; r++) {
        if (topIdx[base + r]! === -1 || v > topVal[base + r]!) {
          for (let q = TOP_K - 1; q > r; q--) {
            topIdx[base + q] = topIdx[base + q - 1]!
            topVal[base + q] = topVal[base + q - 1]!
          }
          topIdx[base + r] = o
          topVal[base + r] = v
          break
        }
      }
    }
    for (let k = 0; k < topIdx.length; k++) {
      const o = topIdx[k]!
      if (o < 0) continue
      const other = sentences[o]!
      const cos = cosine(s.vector, other.vector)
      const score = blend(s, other, cos)
      if (score >= MATCH_THRESHOLD) matches.push({ a: s, b: other, score, cos })
    }
  })
  matches.sort((x, y) => y.score - x.score)
  // Clusters of sentences, at most one per document, built from the best matches down.
  const clusterOf = new Map<Sentence, { members: Sentence[]; best: Match }>()
  const used = new Set<string>()
  for (const m of matches) {
    const pairKey = (s: Sentence, doc: number) => `${s.doc}:${s.index}->${doc}`
    if (used.has(pairKey(m.a, m.b.doc)) || used.has(pairKey(m.b, m.a.doc))) continue
    const ca = clusterOf.get(m.a)
    const cb = clusterOf.get(m.b)
    if (ca && cb) {
      if (ca === cb) continue
      const docs = new Set(ca.members.map((x) => x.doc))
      if (cb.members.some((x) => docs.has(x.doc))) continue
      for (const x of cb.members) {
        ca.members.push(x)
        clusterOf.set(x, ca)
      }
    } else if (ca || cb) {
      const c = (ca ?? cb)!
      const other = ca ? m.b : m.a
      if (c.members.some((x) => x.doc === other.doc)) continue
      c.members.push(other)
      clusterOf.set(other, c)
    } else {
      const c = { members: [m.a, m.b], best: m }
      clusterOf.set(m.a, c)
      clusterOf.set(m.b, c)
    }
    used.add(pairKey(m.a, m.b.doc))
    used.add(pairKey(m.b, m.a.doc))
  }
  const out: ClaimAlignment[] = []
  const seen = new Set<object>()
  const ref = (s: Sentence): SentenceRef => ({ doc: s.doc, start: s.start, end: s.end })
  for (const c of clusterOf.values()) {
    if (seen.has(c)) continue
    seen.add(c)
    const { relation, reason } = relationOf(c.best, lookup)
    const members = [...c.members].sort((x, y) => x.doc - y.doc)
    out.push({
      relation,
      sentences: members.map(ref),
      score: Math.round(c.best.score * 1000) / 1000,
      reason,
    })
  }
  out.sort((x, y) => y.score - x.score)
  if (docs.length > 1) {
    for (const s of sentences) {
      if (!clusterOf.has(s))
        out.push({
          relation: 'unique',
          sentences: [ref(s)],
          score: 0,
          reason: 'no sentence of the other documents says this',
        })
    }
  }
  return out
}
