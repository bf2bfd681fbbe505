import type { SourceComparison } from '../../../shared/compare'

export interface GraphNode {
  id: string
  label: string
  x: number
  y: number
  kind: 'source' | 'document'
  doc?: number
  isShared?: boolean
}

export interface GraphEdge {
  from: string
  to: string
  kind: 'cites' | 'via'
  doc: number
}

export interface SourceGraph {
  nodes: GraphNode[]
  edges: GraphEdge[]
  width: number
  height: number
}

const ROW = 24
const PAD = 14

/**
 * Lays out who cites whom: sources in a column on the left (shared ones first), documents on
 * the right, an edge per citation and a dashed "via" edge per chain link (speaker → relay).
 * At most `maxSources` sources are drawn; the table lists them all.
 */
export function layoutSourceGraph(
  sources: SourceComparison,
  documentTitles: readonly string[],
  width: number,
  maxSources = 24,
): SourceGraph {
  const chained = new Set(sources.chains.flatMap((c) => c.chain))
  const ranked = [...sources.sources]
    .sort(
      (a, b) =>
        Number(b.isShared) - Number(a.isShared) ||
        Number(chained.has(b.key)) - Number(chained.has(a.key)) ||
        b.docs.reduce((n, d) => n + d.count, 0) - a.docs.reduce((n, d) => n + d.count, 0),
    )
    .slice(0, maxSources)
  const shown = new Set(ranked.map((s) => s.key))
  const rows = Math.max(ranked.length, documentTitles.length, 1)
  const height = rows * ROW + PAD * 2
  const nodes: GraphNode[] = ranked.map((s, i) => ({
    id: `s:${s.key}`,
    label: s.name,
    x: PAD,
    y: PAD + i * ROW + ROW / 2,
    kind: 'source',
    isShared: s.isShared,
  }))
  const docGap = (height - PAD * 2) / documentTitles.length
  documentTitles.forEach((title, doc) => {
    nodes.push({
      id: `d:${doc}`,
      label: title,
      x: width - PAD,
      y: PAD + docGap * doc + docGap / 2,
      kind: 'document',
      doc,
    })
  })
  const edges: GraphEdge[] = []
  for (const s of ranked) {
    for (const d of s.docs)
      edges.push({ from: `s:${s.key}`, to: `d:${d.doc}`, kind: 'cites', doc: d.doc })
  }
  for (const c of sources.chains) {
    for (let i = 0; i + 1 < c.chain.length; i++) {
      const a = c.chain[i]
      const b = c.chain[i + 1]
      if (a && b && shown.has(a) && shown.has(b)) {
        edges.push({ from: `s:${a}`, to: `s:${b}`, kind: 'via', doc: c.doc })
      }
    }
  }
  return { nodes, edges, width, height }
}
