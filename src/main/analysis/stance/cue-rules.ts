import type { Mention } from './mentions'
import type { CueDefinition } from './stance-lexicon'

// Label rule texts by entry, quoting and actor: a generic label's text names the actor it was
// resolved to, and a long document has thousands of such labels over a few actors.
const labelRules = new WeakMap<CueDefinition, [Map<string, string>, Map<string, string>]>()

export function labelRule(m: Mention): string {
  if (m.entityId !== undefined) return `entity:${m.entityId} (named by the entity recogniser)`
  let byQuote = labelRules.get(m.def)
  if (!byQuote) labelRules.set(m.def, (byQuote = [new Map(), new Map()]))
  const byActor = byQuote[m.quote ? 1 : 0]
  let rule = byActor.get(m.actor)
  if (rule === undefined) {
    rule = buildLabelRule(m)
    byActor.set(m.actor, rule)
  }
  return rule
}

function buildLabelRule(m: Mention): string {
  const base = entryRule(m.def)
  const generic = m.def.actor ? '' : ` → resolved to ${m.actor} (nearest actor in that role)`
  return m.quote ? `${base}${generic} + rule:scare-quote (quoted label)` : `${base}${generic}`
}

// One rule text per quote length (one to four words), not one per quote.
const scareQuoteRules = new Map<number, string>()

export function scareQuoteRule(words: number): string {
  let rule = scareQuoteRules.get(words)
  if (rule === undefined) {
    const what = words === 1 ? 'a quoted word' : `a quoted ${words}-word phrase`
    rule = `rule:scare-quote — ${what} with no speaker or reporting verb nearby: the writer does not adopt the term`
    scareQuoteRules.set(words, rule)
  }
  return rule
}

// Rule texts are the same for every match of an entry: build each once (a long document has
// thousands of matches of a few hundred entries).
const ruleCache = new WeakMap<CueDefinition, string>()

export function entryRule(d: CueDefinition): string {
  const cached = ruleCache.get(d)
  if (cached !== undefined) return cached
  const rule = buildEntryRule(d)
  ruleCache.set(d, rule)
  return rule
}

function buildEntryRule(d: CueDefinition): string {
  const where = d.source === 'user lexicon' ? 'user-lexicon' : `lexicon:${d.source}`
  const detail =
    d.kind === 'actor-label' ? ` (${d.actor ?? d.roles?.join('/')}, ${d.connotation})` : ''
  return `${where} "${d.term}"${detail}${d.note ? ` — ${d.note}` : ''}`
}
