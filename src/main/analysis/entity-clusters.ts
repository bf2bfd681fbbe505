import type { Entity, EntityType } from '../../shared/analysis'
import { isJsSpace } from './char-codes'
import { CONNECTORS } from './entity-lexicon'
import { ASCII_CLASS, LEAD_CHAR, UPPER, classAt } from './name-chars'
import type { Mention } from './name-typing'

/** A key that ignores case, accents, "al-" particles and hyphens: "Bashar al-Assad" = "Bashar Assad". */
const keyCache = new Map<string, string>()

export function nameKey(name: string): string {
  const hit = keyCache.get(name)
  if (hit !== undefined) return hit
  const key = computeKey(name)
  // Bounded: a book-length text must not grow the cache without limit.
  if (keyCache.size > 50_000) keyCache.clear()
  keyCache.set(name, key)
  return key
}

function computeKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/'s$/, '')
    .replace(/\b(?:al|el)[-\s]/g, '')
    .replace(/^the\s+/, '')
    .replace(/[-–.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function slug(s: string): string {
  return (
    nameKey(s)
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'entity'
  )
}

function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => w.length > 0 && !CONNECTORS.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('')
}

interface Group {
  mentions: Mention[]
  /** Distinct mention texts in first-seen order, kept up to date so merges need no rescans. */
  texts: Set<string>
  /** Whether some mention has a type (the first typed mention sets the group's type). */
  typed: boolean
  type: EntityType
  canonical: string | null
  evidence: Set<string>
}

export const LONG_FORM =
  /((?:[\p{Lu}][\p{L}’'-]*\s+(?:(?:of|for|the|and)\s+)*){1,8}[\p{Lu}][\p{L}’'-]*)\s+\((\p{Lu}{2,6})\)/gu
// Every character LONG_FORM can match before its "(".
const LONG_FORM_CHAR = /^[\p{L}’'\s-]$/u

/**
 * Where `/\(\p{Lu}{2,6}\)/u` next matches from `pos`, or -1: found by `indexOf`, as a `u`
 * regex scans the whole text slowly. Only an exact run of two to six capitals before the ")"
 * matches (")" is no capital, so backtracking finds nothing else).
 */
function acronymInParens(text: string, pos: number): number {
  for (let open = text.indexOf('(', pos); open >= 0; open = text.indexOf('(', open + 1)) {
    let q = open + 1
    let capitals = 0
    for (let w = classAt(text, q, UPPER); w > 0 && capitals < 7; w = classAt(text, q, UPPER)) {
      q += w
      capitals++
    }
    if (capitals >= 2 && capitals <= 6 && text.charCodeAt(q) === 41) return open
  }
  return -1
}

/**
 * The matches of LONG_FORM in `text`, in order, as `text.matchAll(LONG_FORM)` gives them. Run
 * over a whole document, that regex backtracks at every capitalised word; here it only starts
 * where a match can begin: in the run of name characters before an "(ACR)".
 */
export function* longForms(text: string): Generator<RegExpExecArray> {
  let pos = 0
  for (;;) {
    const q = acronymInParens(text, pos)
    if (q < 0) return
    let runStart = q
    while (runStart > pos) {
      let c = runStart - 1
      const code = text.charCodeAt(c)
      // An astral letter is two code units; test it whole.
      if (code >= 0xdc00 && code <= 0xdfff && c > pos) {
        const hi = text.charCodeAt(c - 1)
        if (hi >= 0xd800 && hi <= 0xdbff) c--
      }
      // ASCII by char code (letters, ', -, whitespace), others by the regex.
      const isRunChar =
        code < 128
          ? (ASCII_CLASS[code]! & LEAD_CHAR) !== 0 || isJsSpace(code)
          : LONG_FORM_CHAR.test(text.slice(c, runStart))
      if (!isRunChar) break
      runStart = c
    }
    LONG_FORM.lastIndex = runStart
    const m = LONG_FORM.exec(text)
    if (!m) return
    yield m
    pos = m.index + m[0].length
  }
}

export function cluster(docId: string, text: string, mentions: Mention[]): Entity[] {
  const groups = new Map<string, Group>()
  // Group keys by canonical name or mention text, built once each: a long document repeats the
  // same names, and a key built per mention is a new string to hash.
  const gazetteerKeys = new Map<string, string>()
  const textKeys = new Map<string, string>()
  const keyOf = (m: Mention): string => {
    const byCanonical = m.canonical !== null
    const keys = byCanonical ? gazetteerKeys : textKeys
    const name = m.canonical ?? m.text
    let k = keys.get(name)
    if (k === undefined) {
      k = byCanonical ? `gaz:${name}` : `key:${nameKey(name)}`
      keys.set(name, k)
    }
    return k
  }
  for (const m of mentions) {
    const k = keyOf(m)
    let g = groups.get(k)
    if (!g) {
      g = {
        mentions: [],
        texts: new Set(),
        typed: false,
        type: m.type ?? 'person',
        canonical: m.canonical,
        evidence: new Set(),
      }
      groups.set(k, g)
    }
    if (m.type && !g.typed) {
      g.type = m.type
      g.typed = true
    }
    g.mentions.push(m)
    g.texts.add(m.text)
    g.evidence.add(m.evidence)
  }
  const merge = (from: string, into: string, why: string): void => {
    const a = groups.get(from)
    const b = groups.get(into)
    if (!a || !b || a === b) return
    for (const m of a.mentions) b.mentions.push(m)
    for (const t of a.texts) b.texts.add(t)
    b.typed ||= a.typed
    for (const e of a.evidence) b.evidence.add(e)
    b.evidence.add(why)
    groups.delete(from)
  }
  // Distinct names per group: a long document repeats the same few names thousands of times,
  // and the merges below compare names, not mentions.
  const textsOf = (g: Group): ReadonlySet<string> => g.texts
  const groupWithText = (pred: (t: string) => boolean): string | undefined => {
    for (const [k, g] of groups) for (const t of g.texts) if (pred(t)) return k
    return undefined
  }
  // "Long Name (ACR)" written out in the text.
  const seenPairs = new Set<string>()
  for (const m of longForms(text)) {
    const acr = m[2]!
    const long = m[1]!
    if (seenPairs.has(`${long}|${acr}`)) continue
    seenPairs.add(`${long}|${acr}`)
    if (initials(long) !== acr && !initials(long).endsWith(acr)) continue
    const acrGroup = groupWithText((t) => t === acr)
    const longGroup = groupWithText((t) => long.endsWith(t) && t.includes(' '))
    if (acrGroup && longGroup) merge(acrGroup, longGroup, `'${long} (${acr})' in the text`)
  }
  // Acronyms whose letters are the initials of a longer name in the document.
  const initialsIndex = new Map<string, string>()
  for (const [k, g] of groups) {
    for (const t of textsOf(g))
      if (t.includes(' ') && !initialsIndex.has(initials(t))) initialsIndex.set(initials(t), k)
  }
  for (const [k, g] of [...groups.entries()]) {
    if (!groups.has(k)) continue
    const acr = [...textsOf(g)].find((t) => /^\p{Lu}{2,6}$/u.test(t))
    if (!acr) continue
    const owner = initialsIndex.get(acr)
    if (owner && owner !== k && groups.has(owner)) merge(k, owner, `acronym '${acr}' = initials`)
  }
  // Surname-only mentions ("Velayati") join the one person whose full name ends with them.
  const surnameOwners = new Map<string, Set<string>>()
  for (const [k, g] of groups) {
    if (g.type !== 'person') continue
    for (const t of textsOf(g)) {
      if (!t.includes(' ')) continue
      const last = nameKey(t).split(' ').pop() ?? ''
      const set = surnameOwners.get(last) ?? new Set<string>()
      set.add(k)
      surnameOwners.set(last, set)
    }
  }
  for (const [k, g] of [...groups.entries()]) {
    if (!groups.has(k)) continue
    const texts = [...textsOf(g)]
    const names = new Set(texts.map((t) => nameKey(t)))
    if (names.size !== 1 || texts.some((t) => t.includes(' '))) continue
    const owners = [...(surnameOwners.get([...names][0]!) ?? [])].filter(
      (o) => o !== k && groups.has(o),
    )
    if (owners.length === 1) merge(k, owners[0]!, `surname '${texts[0]}'`)
  }
  const out: Entity[] = []
  const used = new Set<string>()
  for (const g of groups.values()) {
    if (g.mentions.every((x) => x.type === null) && g.mentions.length < 2) continue
    // Mentions come in text order unless a merge appended others: then sort, and list the
    // texts in their new first-seen order.
    let inOrder = true
    for (let i = 1; i < g.mentions.length && inOrder; i++)
      inOrder = g.mentions[i - 1]!.start <= g.mentions[i]!.start
    let texts: string[]
    if (inOrder) texts = [...g.texts]
    else {
      g.mentions.sort((a, b) => a.start - b.start)
      const seen = new Set<string>()
      for (const x of g.mentions) seen.add(x.text)
      texts = [...seen]
    }
    const name =
      g.canonical && texts.includes(g.canonical)
        ? g.canonical
        : [...texts].sort(
            (a, b) => b.split(/\s+/).length - a.split(/\s+/).length || b.length - a.length,
          )[0]!
    let id = `${docId.slice(0, 16)}:${slug(g.canonical ?? name)}`
    for (let n = 2; used.has(id); n++) id = `${docId.slice(0, 16)}:${slug(name)}-${n}`
    used.add(id)
    const evidence = [...g.evidence]
    out.push({
      id,
      type: g.type,
      name,
      aliases: texts.filter((t) => t !== name),
      mentions: g.mentions.map((x) => ({ start: x.start, end: x.end, text: x.text })),
      evidence,
    })
  }
  out.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0))
  return out
}
