import type { DocumentAnalysis, SourceSpan, Span } from '../../shared/analysis'
import type { CitedSource, SourceChain, SourceComparison } from '../../shared/compare'
import { isSameSource, sourceKey } from './source-key'

interface Cluster {
  key: string
  name: string
  byDoc: Map<number, { start: number; end: number; text: string }[]>
}

/** Clusters with an index of every key seen, so repeated names skip the fuzzy scan. */
interface ClusterIndex {
  list: Cluster[]
  byKey: Map<string, Cluster>
  /** Clusters by each word of their keys: the only candidates a new key can join. */
  byToken: Map<string, Cluster[]>
}

/** Finds (or opens) the cluster a source name belongs to. */
function clusterFor(index: ClusterIndex, text: string): Cluster | null {
  const key = sourceKey(text)
  if (!key) return null
  let c = index.byKey.get(key)
  if (!c) {
    const candidates = new Set(key.split(' ').flatMap((t) => index.byToken.get(t) ?? []))
    c = [...candidates].find((x) => isSameSource(x.key, key))
  }
  if (!c) {
    c = { key, name: text.trim(), byDoc: new Map() }
    index.list.push(c)
  } else if (key.split(' ').length < c.key.split(' ').length) {
    // Keep the shortest key ("fars") so later mentions match it; the fullest name for display.
    c.key = key
  }
  index.byKey.set(key, c)
  for (const t of key.split(' ')) {
    const list = index.byToken.get(t) ?? []
    if (!list.includes(c)) list.push(c)
    index.byToken.set(t, list)
  }
  if (text.trim().length > c.name.length) c.name = text.trim()
  return c
}

function mention(c: Cluster, doc: number, s: Span): void {
  const list = c.byDoc.get(doc) ?? []
  if (!list.some((m) => m.start === s.start && m.end === s.end))
    list.push({ start: s.start, end: s.end, text: s.text })
  c.byDoc.set(doc, list)
}

/**
 * Who each document cites (attribution speakers and figure sources), clustered across documents
 * by normalised name, with the chains a source was relayed through.
 */
export function compareSources(analyses: readonly DocumentAnalysis[]): SourceComparison {
  const index: ClusterIndex = { list: [], byKey: new Map(), byToken: new Map() }
  const chainSpecs: { doc: number; speaker: Cluster; via: Cluster; text: string }[] = []
  const visit = (doc: number, s: SourceSpan | null) => {
    if (!s || !s.text.trim()) return
    const c = clusterFor(index, s.text)
    if (!c) return
    mention(c, doc, s)
    if (s.via && s.via.text.trim()) {
      const via = clusterFor(index, s.via.text)
      if (via && via !== c) {
        mention(via, doc, s.via)
        chainSpecs.push({ doc, speaker: c, via, text: `${s.text} via ${s.via.text}` })
      }
    }
  }
  analyses.forEach((a, doc) => {
    for (const att of a.attributions) visit(doc, att.speaker)
    for (const f of a.figures) visit(doc, f.source)
  })
  const sources: CitedSource[] = index.list.map((c) => ({
    key: c.key,
    name: c.name,
    docs: [...c.byDoc.entries()]
      .sort((x, y) => x[0] - y[0])
      .map(([doc, mentions]) => ({
        doc,
        count: mentions.length,
        mentions: mentions.sort((x, y) => x.start - y.start),
      })),
    isShared: c.byDoc.size > 1,
  }))
  const seen = new Set<string>()
  const chains: SourceChain[] = []
  for (const s of chainSpecs) {
    const id = `${s.doc}|${s.speaker.key}|${s.via.key}`
    if (seen.has(id)) continue
    seen.add(id)
    chains.push({ doc: s.doc, chain: [s.speaker.key, s.via.key], text: s.text })
  }
  const uniqueByDoc = analyses.map((_, doc) =>
    sources.filter((s) => s.docs.length === 1 && s.docs[0]!.doc === doc).map((s) => s.key),
  )
  const sharedByAll =
    analyses.length > 1
      ? sources.filter((s) => s.docs.length === analyses.length).map((s) => s.key)
      : []
  return { sources, chains, uniqueByDoc, sharedByAll }
}
