import type {
  FigureConflict,
  FigurePair,
  GroupFigure,
  Inconsistency,
  PairVerdict,
  QuantityGroup,
} from '../../shared/compare'
import lexicon from '../../../resources/lexicons/compare-quantities.json' with { type: 'json' }
import type { FigureFacts } from './figure-facts'
import { isSameSource } from './source-key'

const BROADER_FAMILIES = lexicon.broaderFamilies as Record<string, string[]>
const BROADER_MEASURES = lexicon.broaderMeasures as Record<string, string[]>

/** How the subjects of two figures relate: the same set, one a superset, or unrelated. */
type SubjectRelation = 'same' | 'a_broader' | 'b_broader' | 'different'

function familyRelation(a: string | null, b: string | null): SubjectRelation {
  if (a === null || b === null || a === b) return 'same'
  if (BROADER_FAMILIES[a]?.includes(b)) return 'a_broader'
  if (BROADER_FAMILIES[b]?.includes(a)) return 'b_broader'
  return 'different'
}

function affiliationRelation(a: string | null, b: string | null): SubjectRelation {
  if (a === null || b === null || a === b) return 'same'
  if (b.startsWith(`${a}/`)) return 'a_broader'
  if (a.startsWith(`${b}/`)) return 'b_broader'
  return 'different'
}

function measureRelation(a: string | null, b: string | null): SubjectRelation {
  if (a === b) return 'same'
  if (a === null || b === null) return 'different'
  if (BROADER_MEASURES[a]?.includes(b)) return 'a_broader'
  if (BROADER_MEASURES[b]?.includes(a)) return 'b_broader'
  return 'different'
}

function combine(...rels: SubjectRelation[]): SubjectRelation {
  if (rels.includes('different')) return 'different'
  const broaderA = rels.includes('a_broader')
  const broaderB = rels.includes('b_broader')
  if (broaderA && broaderB) return 'different'
  return broaderA ? 'a_broader' : broaderB ? 'b_broader' : 'same'
}

/** Whether two figures measure the same kind of thing (possibly one a subset of the other). */
export function subjectRelation(a: FigureFacts, b: FigureFacts): SubjectRelation {
  if (a.dimension !== b.dimension) return 'different'
  // Figures with neither a measure nor a subject say too little to be set against anything.
  if (a.measure === null && a.family === null) return 'different'
  if (b.measure === null && b.family === null) return 'different'
  // Lengths, percentages and bare counts say nothing of what they measure without the names
  // around them (places, organisations, the claimant): without a shared one, no comparison.
  // Across documents, figures of different or unnamed subject families must share a name too.
  const isLooselyTied = a.doc !== b.doc && (a.family === null || a.family !== b.family)
  if (
    (a.needsAnchor || b.needsAnchor || isLooselyTied) &&
    ![...a.anchors].some((t) => b.anchors.has(t))
  )
    return 'different'
  return combine(
    measureRelation(a.measure, b.measure),
    familyRelation(a.family, b.family),
    affiliationRelation(a.affiliation, b.affiliation),
  )
}

/** How strongly two figures belong together (higher is better); -1 when they do not. */
function affinity(a: FigureFacts, b: FigureFacts): number {
  const rel = subjectRelation(a, b)
  if (rel === 'different') return -1
  let s = rel === 'same' ? 2 : 1
  if (a.family !== null && a.family === b.family) s += 1
  if (a.affiliation !== null && a.affiliation === b.affiliation) s += 1
  return s
}

/**
 * Groups figures by the quantity they measure. Complete linkage (a figure joins a group only if
 * it fits every member) keeps "people" from bridging "combatants" and "civilians".
 */
export function groupFigures(facts: FigureFacts[]): FigureFacts[][] {
  // Affinity depends only on a figure's signature, so a group is scored once per distinct
  // signature it holds rather than once per member: long articles have hundreds of figures.
  interface Group {
    members: FigureFacts[]
    bySignature: Map<string, { rep: FigureFacts; count: number }>
  }
  const signature = (f: FigureFacts) =>
    `${f.dimension}|${f.measure}|${f.family}|${f.affiliation}|${f.needsAnchor || f.family === null ? `${f.doc}:${[...f.anchors].sort().join(',')}` : ''}`
  const groups: Group[] = []
  const byDimension = new Map<string, Group[]>()
  // Complete linkage depends on who founds a group: a vaguely described figure ("the 13 deaths")
  // that arrives first would keep out a well described one from another document. Well described
  // figures go first, so the result does not depend on the order the documents were given in.
  const specificity = (f: FigureFacts) =>
    (f.family !== null ? 2 : 0) + (f.affiliation !== null ? 1 : 0)
  const ordered = facts
    .map((f, i) => ({ f, i }))
    .sort((a, b) => specificity(b.f) - specificity(a.f) || a.i - b.i)
    .map(({ f }) => f)
  for (const f of ordered) {
    const sig = signature(f)
    let best: { g: Group; score: number } | null = null
    for (const g of byDimension.get(f.dimension) ?? []) {
      let score = 0
      for (const { rep, count } of g.bySignature.values()) {
        const s = affinity(f, rep)
        if (s < 0) {
          score = -1
          break
        }
        score += s * count
      }
      if (score < 0) continue
      const avg = score / g.members.length
      if (best === null || avg > best.score) best = { g, score: avg }
    }
    let g = best?.g
    if (!g) {
      g = { members: [], bySignature: new Map() }
      groups.push(g)
      byDimension.set(f.dimension, [...(byDimension.get(f.dimension) ?? []), g])
    }
    g.members.push(f)
    const entry = g.bySignature.get(sig)
    if (entry) entry.count++
    else g.bySignature.set(sig, { rep: f, count: 1 })
  }
  const byPosition = (a: FigureFacts, b: FigureFacts) => a.doc - b.doc || a.figure - b.figure
  return groups.map((g) => [...g.members].sort(byPosition)).sort((a, b) => byPosition(a[0]!, b[0]!))
}

/** "'at least 700' (The Iranian government)" — how a reason names a figure. */
function name(f: FigureFacts): string {
  const who = f.claimantName ? ` (${f.claimantName})` : ''
  return `'${f.source.text}'${who}`
}

function describeScope(f: FigureFacts): string {
  const parts: string[] = []
  if (f.scope.kind !== 'unstated') parts.push(f.scope.text)
  if (f.placeText) parts.push(f.placeText)
  return parts.length > 0 ? parts.join(', ') : 'not stated'
}

interface ScopeComparison {
  isDifferent: boolean
  reason: string
  /** The scopes differ only in their dates: the same count may have been revised between them. */
  isDatesOnly?: boolean
}

function isTotalLike(f: FigureFacts): boolean {
  return f.scope.kind === 'cumulative' || f.scope.kind === 'since'
}

function isEventLike(f: FigureFacts): boolean {
  return f.scope.kind === 'point' || f.scope.kind === 'event' || f.scope.kind === 'window'
}

/** The biggest number a figure allows, or its lower bound when it has no upper one. */
function magnitude(f: FigureFacts): number {
  return f.high ?? f.low ?? 0
}

function compareScopes(a: FigureFacts, b: FigureFacts): ScopeComparison {
  const sa = a.scope
  const sb = b.scope
  // Places first: two places with no word in common are different scopes (city vs country).
  if (a.place.size > 0 && b.place.size > 0 && ![...a.place].some((t) => b.place.has(t))) {
    return { isDifferent: true, reason: `different places: ${a.placeText} vs ${b.placeText}` }
  }
  if (sa.kind === 'point' && sb.kind === 'point' && sa.date && sb.date && sa.date !== sb.date) {
    return {
      isDifferent: true,
      reason: `different dates: ${sa.text} vs ${sb.text}`,
      isDatesOnly: true,
    }
  }
  if (
    sa.kind === 'window' &&
    sb.kind === 'window' &&
    sa.days !== null &&
    sb.days !== null &&
    sa.days !== sb.days
  ) {
    return { isDifferent: true, reason: `different periods: ${sa.text} vs ${sb.text}` }
  }
  // Guessed scopes are weak: "killed in the earthquake" and "the toll" are one event's total.
  const isEitherExplicit = sa.isExplicit || sb.isExplicit
  if (
    isEitherExplicit &&
    ((isEventLike(a) && isTotalLike(b)) || (isTotalLike(a) && isEventLike(b)))
  ) {
    const [ev, tot] = isEventLike(a) ? [a, b] : [b, a]
    return {
      isDifferent: true,
      reason: `${name(ev)} covers ${ev.scope.text} while ${name(tot)} is a total (${tot.scope.text})`,
    }
  }
  if (
    (isEventLike(a) && b.scope.kind === 'unstated') ||
    (a.scope.kind === 'unstated' && isEventLike(b))
  ) {
    const [ev, un] = isEventLike(a) ? [a, b] : [b, a]
    // An unscoped figure many times a single event's count is read as a running total.
    if (ev.high !== null && magnitude(un) >= 3 * ev.high) {
      return {
        isDifferent: true,
        reason: `${name(ev)} covers ${ev.scope.text}; ${name(un)} states no period and is far larger, so it reads as a running total`,
      }
    }
  }
  return { isDifferent: false, reason: '' }
}

function overlaps(a: FigureFacts, b: FigureFacts): boolean {
  const slack =
    Math.max(a.tolerance, b.tolerance) *
    (a.baseUnit !== null && a.source.unit !== b.source.unit ? 1 : 0)
  const aLow = a.low ?? -Infinity
  const aHigh = a.high ?? Infinity
  const bLow = b.low ?? -Infinity
  const bHigh = b.high ?? Infinity
  // a ends below b starts?
  if (aHigh + slack < bLow || (aHigh + slack === bLow && (a.isHighOpen || b.isLowOpen)))
    return false
  if (bHigh + slack < aLow || (bHigh + slack === aLow && (b.isHighOpen || a.isLowOpen)))
    return false
  return true
}

/** Which way a figure's interval extends from its value: "at least" up, "almost" down. */
function direction(f: FigureFacts): 'up' | 'down' | 'level' {
  if (f.high === null) return 'up'
  if (f.low === f.high) return 'level'
  if (f.low === null || f.isHighOpen || f.low === 0) return 'down'
  return 'level'
}

function isSameValue(a: FigureFacts, b: FigureFacts): boolean {
  if (a.value === null || b.value === null) return false
  const tol = a.source.unit !== b.source.unit ? a.tolerance + b.tolerance : 1e-9
  return Math.abs(a.value - b.value) <= tol && direction(a) === direction(b)
}

const VERDICT_RANK: Record<PairVerdict, number> = {
  agree: 0,
  compatible: 1,
  different_scope: 2,
  update: 3,
  conflict: 4,
}

/** Decides how two figures of one quantity relate, with the reason in words. */
export function judgePair(a: FigureFacts, b: FigureFacts): FigurePair {
  const ref = { a: { doc: a.doc, figure: a.figure }, b: { doc: b.doc, figure: b.figure } }
  const isSameClaimant =
    a.claimant !== null && b.claimant !== null && isSameSource(a.claimant, b.claimant)
  const hasTwoClaimants = a.claimant !== null && b.claimant !== null && !isSameClaimant
  const done = (verdict: PairVerdict, reason: string, isBetweenClaimants = false): FigurePair => ({
    ...ref,
    verdict,
    reason,
    isSameClaimant,
    isBetweenClaimants,
  })
  const unitNote =
    a.source.unit && b.source.unit && a.source.unit !== b.source.unit
      ? ` (converted to ${a.baseUnit})`
      : ''
  if (a.isVague || b.isVague) {
    const [v, o] = a.isVague ? [a, b] : [b, a]
    return done('compatible', `${name(v)} gives no number, so it cannot contradict ${name(o)}`)
  }
  if (a.doc === b.doc && a.source.sentence.start === b.source.sentence.start && !hasTwoClaimants) {
    // "230 miles to 300 miles", "6-3, 7-6": one sentence does not contradict itself.
    return done(
      'different_scope',
      `${name(a)} and ${name(b)} are two numbers of one sentence, read as measuring different things`,
    )
  }
  if (
    a.dimension !== 'count' &&
    a.value &&
    b.value &&
    Math.max(a.value / b.value, b.value / a.value) > 10
  ) {
    return done(
      'different_scope',
      `${name(a)} and ${name(b)} are more than ten times apart: read as different ${a.dimension}s`,
    )
  }
  const scope = compareScopes(a, b)
  const rel = subjectRelation(a, b)
  if (rel === 'a_broader' || rel === 'b_broader') {
    const [wide, narrow] = rel === 'a_broader' ? [a, b] : [b, a]
    // A count of a wider set must be at least the count of a set inside it.
    const wideHigh = wide.high ?? Infinity
    const narrowLow = narrow.low ?? 0
    if (wideHigh >= narrowLow || scope.isDifferent) {
      return done(
        scope.isDifferent ? 'different_scope' : 'compatible',
        scope.isDifferent
          ? scope.reason
          : `${name(narrow)} counts part of what ${name(wide)} counts, and the numbers allow that`,
      )
    }
  }
  if (overlaps(a, b) && rel !== 'a_broader' && rel !== 'b_broader') {
    if (isSameValue(a, b)) {
      const note = scope.isDifferent ? `; note the scopes differ (${scope.reason})` : ''
      return done('agree', `${name(a)} and ${name(b)} give the same value${unitNote}${note}`)
    }
    const note = scope.isDifferent ? `; they also differ in scope (${scope.reason})` : ''
    return done(
      'compatible',
      `${name(a)} and ${name(b)} differ, but the qualifiers let both be true${unitNote}${note}`,
    )
  }
  // Across documents, the same claimant's count for a later date that is higher reads as a
  // revision; inside one document two dates are more likely two events.
  const isRevision = (early: FigureFacts, late: FigureFacts) =>
    (late.low ?? 0) >= (early.high ?? Infinity) || (late.value ?? 0) > (early.value ?? Infinity)
  if (
    scope.isDatesOnly &&
    isSameClaimant &&
    a.doc !== b.doc &&
    a.asOf &&
    b.asOf &&
    a.asOf !== b.asOf &&
    (a.asOf < b.asOf ? isRevision(a, b) : isRevision(b, a))
  ) {
    const [early, late] = a.asOf < b.asOf ? [a, b] : [b, a]
    return done(
      'update',
      `${early.claimantName} gave '${early.source.text}' (${early.scope.text}, ${early.asOf}) and '${late.source.text}' (${late.scope.text}, ${late.asOf}): an update by the same claimant, not a conflict`,
    )
  }
  if (scope.isDifferent) return done('different_scope', `different scope: ${scope.reason}`)
  // One document giving two counts of a thing with no measure word ("five companies … the nine
  // companies", dBA readings, a player's statistics) is counting two sets, not contradicting
  // itself; a toll ("killed", "arrested") given two ways is an inconsistency worth showing.
  if (a.doc === b.doc && !(a.hasMeasureWord && b.hasMeasureWord)) {
    return done(
      'different_scope',
      `one document gives both ${name(a)} and ${name(b)}; with no word for what happened to what is counted, they are read as counting different sets`,
    )
  }

  // Disjoint values for the same quantity and scope. A total reported on different dates may have
  // grown; the same claimant giving a new number is an update, not a contradiction.
  // An event's toll reported on different days can grow too, unless the analysis dated it.
  const isTotal = (f: FigureFacts) =>
    f.scope.kind === 'cumulative' ||
    f.scope.kind === 'since' ||
    f.scope.kind === 'unstated' ||
    (f.scope.kind === 'event' && !f.scope.isExplicit)
  if (isTotal(a) && isTotal(b) && a.asOf && b.asOf && a.asOf !== b.asOf) {
    const [early, late] = a.asOf < b.asOf ? [a, b] : [b, a]
    if (isSameClaimant) {
      return done(
        'update',
        `${early.claimantName} revised its count from '${early.source.text}' (${early.asOf}) to '${late.source.text}' (${late.asOf}): an update by the same claimant, not a conflict`,
      )
    }
    if ((late.high ?? Infinity) >= (early.low ?? 0)) {
      return done(
        'different_scope',
        `totals as of different dates (${early.asOf} and ${late.asOf}): a count can grow between them`,
      )
    }
    return done(
      'conflict',
      `a later total ${name(late)} (${late.asOf}) is lower than an earlier one ${name(early)} (${early.asOf})`,
      hasTwoClaimants,
    )
  }
  if (a.value !== null && a.value === b.value) {
    return done(
      'conflict',
      `${name(a)} and ${name(b)} put opposite qualifiers ('${a.qualifierWords}' vs '${b.qualifierWords}') on the same number: both cannot hold`,
      hasTwoClaimants,
    )
  }
  const scopeWords =
    a.scope.kind === 'unstated' && b.scope.kind === 'unstated'
      ? 'no period given, read as the same'
      : `${describeScope(a)} / ${describeScope(b)}`
  if (hasTwoClaimants) {
    return done(
      'conflict',
      `a conflict between claimants: ${a.claimantName} gives '${a.source.text}', ${b.claimantName} gives '${b.source.text}' for the same quantity (${scopeWords})`,
      true,
    )
  }
  return done(
    'conflict',
    `${name(a)} and ${name(b)} cannot both be true for the same quantity and scope${unitNote} (${scopeWords})`,
  )
}

function groupLabel(g: FigureFacts[]): string {
  const measure = g.find((f) => f.measure)?.measure ?? g[0]?.source.kind ?? 'figure'
  const subjects = [...new Set(g.map((f) => f.subjectText).filter((s): s is string => !!s))].slice(
    0,
    3,
  )
  const unit = g[0]?.baseUnit ? ` (${g[0].baseUnit})` : ''
  return subjects.length > 0 ? `${measure} — ${subjects.join(' / ')}${unit}` : `${measure}${unit}`
}

function toInterval(f: FigureFacts): GroupFigure {
  return {
    doc: f.doc,
    figure: f.figure,
    low: f.low,
    high: f.high,
    isLowOpen: f.isLowOpen,
    isHighOpen: f.isHighOpen,
    text: f.source.text,
    qualifier: f.qualifierWords,
    scope: describeScope(f),
    claimant: f.claimantName,
  }
}

export interface Reconciliation {
  quantities: QuantityGroup[]
  conflicts: FigureConflict[]
  inconsistencies: Inconsistency[]
}

/** Groups figures by quantity, judges every pair in a group, and lists conflicts. */
export function reconcileFigures(facts: FigureFacts[], docCount: number): Reconciliation {
  const quantities: QuantityGroup[] = []
  const conflicts: FigureConflict[] = []
  const inconsistencies: Inconsistency[] = []
  for (const g of groupFigures(facts)) {
    const pairs: FigurePair[] = []
    for (let i = 0; i < g.length; i++) {
      for (let j = i + 1; j < g.length; j++) pairs.push(judgePair(g[i]!, g[j]!))
    }
    const refs = g.map((f) => ({ doc: f.doc, figure: f.figure }))
    const intervals = g.map(toInterval)
    if (pairs.length === 0) {
      const only = g[0]!
      const where =
        docCount > 1 ? `only document ${only.doc + 1} reports it` : 'nothing else measures it'
      quantities.push({
        label: groupLabel(g),
        unit: only.baseUnit,
        figures: refs,
        verdict: 'unique',
        reason: `${name(only)}: ${where}`,
        intervals,
        pairs,
      })
      continue
    }
    const worst = pairs.reduce((w, p) =>
      VERDICT_RANK[p.verdict] > VERDICT_RANK[w.verdict] ? p : w,
    )
    const n = pairs.filter((p) => p.verdict === worst.verdict).length
    const more = n > 1 ? ` (and ${n - 1} more pair${n > 2 ? 's' : ''} like it)` : ''
    quantities.push({
      label: groupLabel(g),
      unit: g[0]!.baseUnit,
      figures: refs,
      verdict: worst.verdict,
      reason: worst.reason + more,
      intervals,
      pairs,
    })
    for (const p of pairs) {
      if (p.verdict !== 'conflict') continue
      const isWithinDocument = p.a.doc === p.b.doc
      conflicts.push({
        a: p.a,
        b: p.b,
        reason: p.reason,
        isWithinDocument,
        isBetweenClaimants: p.isBetweenClaimants,
      })
      if (isWithinDocument) {
        const fa = g.find((f) => f.figure === p.a.figure && f.doc === p.a.doc)
        const fb = g.find((f) => f.figure === p.b.figure && f.doc === p.b.doc)
        const type = fa && fb && fa.value !== null && fa.value === fb.value ? 'qualifier' : 'value'
        inconsistencies.push({ doc: p.a.doc, a: p.a.figure, b: p.b.figure, type, reason: p.reason })
      }
    }
  }
  return { quantities, conflicts, inconsistencies }
}
