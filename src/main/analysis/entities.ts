import type { Entity, EntityMention, EntityType } from '../../shared/analysis'
import { alternation, lexicons } from './lexicons'
import { posAt, type SentenceSpan, type TokenTable } from './nlp'

interface Mention extends EntityMention {
  type: EntityType | null
  /** Gazetteer canonical name, when the gazetteer knows it. */
  canonical: string | null
  evidence: string
}

interface EntityRegexes {
  gazetteer: RegExp
  gazetteerByName: Map<string, { canonical: string; type: EntityType }>
  name: RegExp
  nameSticky: RegExp
  titleBefore: RegExp
  titles: string[]
  titleFirstWords: Set<string>
  /** Last words of the titles without a final stop ("Minister", "Capt"). */
  titleLastWords: Set<string>
  orgHeads: Set<string>
  groupHeads: Set<string>
  notNames: Set<string>
  demonyms: Set<string>
}

let cached: EntityRegexes | null = null

const NAME_TOKEN = `(?:(?:al|el|Al|El)-)?[\\p{Lu}][\\p{L}\\p{M}’']*(?:-(?:(?:al|el)-)?[\\p{Lu}][\\p{L}\\p{M}’']*)*`

function rx(): EntityRegexes {
  if (cached) return cached
  const lex = lexicons()
  const byName = new Map<string, { canonical: string; type: EntityType }>()
  for (const p of lex.places) byName.set(p, { canonical: p, type: 'place' })
  for (const o of lex.organisations) {
    for (const n of [o.name, ...o.aliases]) byName.set(n, { canonical: o.name, type: o.type })
  }
  const titles = [...lex.personTitles].sort((a, b) => b.length - a.length)
  // A first-character lookahead, then one on the first three characters, let the engine skip
  // most positions before it tries the lookbehind and the long alternation: same matches.
  const firstChars = [...new Set([...byName.keys()].map((n) => n[0] ?? ''))]
    .join('')
    .replace(/[\]\\^-]/g, '\\$&')
  cached = {
    gazetteer: new RegExp(
      `(?=[${firstChars}])(?=${alternation([...byName.keys()].map((n) => n.slice(0, 3)))})(?<![\\p{L}\\p{N}])(?:${alternation(byName.keys())})(?![\\p{L}\\p{N}])`,
      'gu',
    ),
    gazetteerByName: byName,
    name: new RegExp(
      `(?=\\p{Lu}|(?:al|el|Al|El)-)(?<![\\p{L}\\p{N}’'-])${NAME_TOKEN}(?:[ \\t]+(?:(?:of|for|the|bin|ibn|de)[ \\t]+)*${NAME_TOKEN})*`,
      'gu',
    ),
    nameSticky: new RegExp(
      `(?=\\p{Lu}|(?:al|el|Al|El)-)(?<![\\p{L}\\p{N}’'-])${NAME_TOKEN}(?:[ \\t]+(?:(?:of|for|the|bin|ibn|de)[ \\t]+)*${NAME_TOKEN})*`,
      'uy',
    ),
    titleBefore: new RegExp(`(?:^|[^\\p{L}])(?:${alternation(titles)})\\.?\\s+$`, 'u'),
    titles,
    titleFirstWords: new Set(titles.map((t) => t.split(' ')[0]!.replace(/\.$/, ''))),
    titleLastWords: new Set(titles.map((t) => t.split(' ').pop()!.replace(/\.$/, ''))),
    orgHeads: new Set(lex.organisationHeads),
    groupHeads: new Set(lex.groupHeads),
    notNames: new Set(lex.notNames),
    demonyms: new Set(Object.keys(lex.demonyms)),
  }
  return cached
}

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

const CONNECTORS = new Set(['of', 'for', 'the', 'bin', 'ibn', 'de', 'and'])

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

/**
 * People, organisations, places and groups named in the text, with aliases clustered:
 * gazetteer aliases, "Long Name (ACR)" and acronym initials, surname-only mentions, and spelling
 * variants that share a name key. `isIncluded` says which offsets to read (comments are not).
 */
export function findEntities(
  docId: string,
  text: string,
  sentences: readonly SentenceSpan[],
  tokens: TokenTable,
  isIncluded: (offset: number) => boolean,
  isTitle: (offset: number) => boolean,
): Entity[] {
  const r = rx()
  const mentions: Mention[] = []
  const claimed: { start: number; end: number }[] = []
  for (const m of text.matchAll(r.gazetteer)) {
    if (!isIncluded(m.index)) continue
    const g = r.gazetteerByName.get(m[0])
    if (!g) continue
    mentions.push({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      type: g.type,
      canonical: g.canonical,
      evidence: `gazetteer '${g.canonical}'`,
    })
    claimed.push({ start: m.index, end: m.index + m[0].length })
  }
  const sentenceStarts = new Set(sentences.map((s) => s.start))
  let ci = 0
  claimed.sort((a, b) => a.start - b.start)
  let from = 0
  for (let m = nextName(text, from, r); m; m = nextName(text, from, r)) {
    from = m.index + m[0].length
    const base = m.index
    if (!isIncluded(base) || isTitle(base)) continue
    // Split the run around gazetteer names and possessives, then type each piece.
    const pieces: { start: number; end: number }[] = []
    let a = base
    const runEnd = base + m[0].length
    while (ci < claimed.length && claimed[ci]!.end <= base) ci++
    for (let j = ci; j < claimed.length && claimed[j]!.start < runEnd; j++) {
      const c = claimed[j]!
      if (c.start > a) pieces.push({ start: a, end: c.start })
      a = Math.max(a, c.end)
    }
    if (a < runEnd) pieces.push({ start: a, end: runEnd })
    for (const p of pieces) {
      for (const sub of splitPossessive(text, p.start, p.end)) {
        const mention = typeName(text, sub.start, sub.end, tokens, sentenceStarts, r)
        if (mention) mentions.push(mention)
      }
    }
  }
  return cluster(docId, text, mentions)
}

const UPPER_START = /^\p{Lu}/u

/**
 * The next match of the name regex at or after `from`, as the global regex would find it, but
 * tried (sticky) only where a capital letter or "al-"/"el-" starts: the regex's lookahead allows
 * nothing else, and testing it at every position of the text was the costly part.
 */
function nextName(text: string, from: number, r: EntityRegexes): RegExpExecArray | null {
  const n = text.length
  for (let p = from; p < n; p++) {
    const c = text.charCodeAt(p)
    let candidate: boolean
    if (c < 128) {
      candidate =
        (c >= 65 && c <= 90) ||
        ((c === 97 || c === 101) && text.charCodeAt(p + 1) === 108 && text.charCodeAt(p + 2) === 45)
    } else {
      // General punctuation (’, —, “) is frequent and never a capital.
      candidate = !(c >= 0x2000 && c <= 0x206f) && UPPER_START.test(text.slice(p, p + 2))
    }
    if (!candidate) continue
    r.nameSticky.lastIndex = p
    const m = r.nameSticky.exec(text)
    if (m) return m
  }
  return null
}

function splitPossessive(
  text: string,
  start: number,
  end: number,
): { start: number; end: number }[] {
  const piece = text.slice(start, end)
  // Most names have no apostrophe at all.
  if (!piece.includes("'") && !piece.includes('’')) return [{ start, end }]
  const out: { start: number; end: number }[] = []
  let from = 0
  for (const m of piece.matchAll(/[’']s(?=\s|$)/g)) {
    out.push({ start: start + from, end: start + m.index })
    from = m.index + m[0].length
  }
  out.push({ start: start + from, end })
  return out
}

const TITLE_WORD_CHAR = /[\p{L}-]/u

/**
 * Whether a person title ends right before `start` ("President ", "Gen. "): the title regex,
 * run only when the word there is the last word of some title.
 */
function titleBefore(text: string, start: number, r: EntityRegexes): boolean {
  let b = start
  while (b > 0 && /\s/.test(text[b - 1]!)) b--
  if (b === start) return false
  if (text[b - 1] === '.') b--
  let a = b
  while (a > 0 && TITLE_WORD_CHAR.test(text[a - 1]!)) a--
  if (a === b || !r.titleLastWords.has(text.slice(a, b).replace(/\.$/, ''))) return false
  return r.titleBefore.test(text.slice(Math.max(0, start - 30), start))
}

function typeName(
  text: string,
  start: number,
  end: number,
  tokens: TokenTable,
  sentenceStarts: Set<number>,
  r: EntityRegexes,
): Mention | null {
  let piece = text.slice(start, end)
  // Leading words that are not part of the name: "According", "The", demonyms, titles.
  let hasTitle = titleBefore(text, start, r)
  for (let guard = 0; guard < 8; guard++) {
    const lead = /^\s*([\p{L}\p{M}’'-]+)\s*/u.exec(piece)
    if (!lead) break
    const w = lead[1]!
    const rest = piece.slice(lead[0].length)
    // Only names whose first word can start a title are checked against the title list.
    const title = r.titleFirstWords.has(w.replace(/\.$/, ''))
      ? r.titles.find((t) => piece.startsWith(t + ' ') || piece.startsWith(t + '. '))
      : undefined
    if (title && rest.length > 0) {
      hasTitle = true
      const cut = piece.startsWith(title + '. ') ? title.length + 2 : title.length + 1
      start += cut
      piece = piece.slice(cut)
      continue
    }
    const isSentenceStart = sentenceStarts.has(start)
    if (
      r.notNames.has(w) ||
      r.demonyms.has(w) ||
      CONNECTORS.has(w) ||
      // The tag last: it is the costly test (wink in context for capitalised common words).
      (isSentenceStart &&
        rest.length > 0 &&
        !/^\p{Lu}{2,}$/u.test(w) &&
        posAt(tokens, start) !== 'PROPN')
    ) {
      if (rest.length === 0) return null
      start += lead[0].length
      piece = rest
      continue
    }
    break
  }
  piece = piece.replace(/(?:\s+(?:of|for|the|and|bin|ibn|de))+$/u, '')
  end = start + piece.length
  if (piece.length < 2) return null
  const words = piece.split(/\s+/)
  const last = words[words.length - 1]!
  if (words.length === 1 && (r.notNames.has(piece) || r.demonyms.has(piece))) return null
  if (/^\p{Lu}{7,}$/u.test(piece)) return null
  const mention = (type: EntityType | null, evidence: string): Mention => ({
    start,
    end,
    text: piece,
    type,
    canonical: null,
    evidence,
  })
  if (hasTitle) return mention('person', 'title before the name (entity-cues)')
  if (r.orgHeads.has(last) && words.length > 1)
    return mention('organisation', `organisation word '${last}' (entity-cues)`)
  if (r.groupHeads.has(last) || r.groupHeads.has(words[0]!))
    return mention('group', `group word (entity-cues)`)
  if (/^\p{Lu}{2,6}$/u.test(piece)) return mention('organisation', 'acronym')
  // "al-Assad" is three wink tokens; the tag that matters is the one on the capitalised part.
  const capAt = Math.max(0, last.search(/\p{Lu}/u))
  // Only one- to four-word names use the tag.
  const isPropn =
    words.length <= 4 && posAt(tokens, start + piece.length - last.length + capAt) === 'PROPN'
  if (words.length >= 2 && words.length <= 4 && isPropn)
    return mention('person', 'capitalised name (wink PROPN)')
  if (words.length === 1 && isPropn) {
    const before = text.slice(Math.max(0, start - 8), start)
    if (/\b(?:in|near|outside|to|from)\s+$/i.test(before))
      return mention('place', 'capitalised name after a place preposition')
    return mention(null, 'capitalised name (wink PROPN)')
  }
  return null
}

const LONG_FORM =
  /((?:[\p{Lu}][\p{L}’'-]*\s+(?:(?:of|for|the|and)\s+)*){1,8}[\p{Lu}][\p{L}’'-]*)\s+\((\p{Lu}{2,6})\)/gu
const ACRONYM_IN_PARENS = /\(\p{Lu}{2,6}\)/gu
// Every character LONG_FORM can match before its "(".
const LONG_FORM_CHAR = /^[\p{L}’'\s-]$/u

/**
 * The matches of LONG_FORM in `text`, in order, as `text.matchAll(LONG_FORM)` gives them. Run
 * over a whole document, that regex backtracks at every capitalised word; here it only starts
 * where a match can begin: in the run of name characters before an "(ACR)".
 */
function* longForms(text: string): Generator<RegExpExecArray> {
  let pos = 0
  for (;;) {
    ACRONYM_IN_PARENS.lastIndex = pos
    const q = ACRONYM_IN_PARENS.exec(text)
    if (!q) return
    let runStart = q.index
    while (runStart > pos) {
      let c = runStart - 1
      const code = text.charCodeAt(c)
      // An astral letter is two code units; test it whole.
      if (code >= 0xdc00 && code <= 0xdfff && c > pos) {
        const hi = text.charCodeAt(c - 1)
        if (hi >= 0xd800 && hi <= 0xdbff) c--
      }
      if (!LONG_FORM_CHAR.test(text.slice(c, runStart))) break
      runStart = c
    }
    LONG_FORM.lastIndex = runStart
    const m = LONG_FORM.exec(text)
    if (!m) return
    yield m
    pos = m.index + m[0].length
  }
}

function cluster(docId: string, text: string, mentions: Mention[]): Entity[] {
  const groups = new Map<string, Group>()
  const keyOf = (m: Mention): string =>
    m.canonical ? `gaz:${m.canonical}` : `key:${nameKey(m.text)}`
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
    g.mentions.sort((a, b) => a.start - b.start)
    const texts = [...new Set(g.mentions.map((x) => x.text))]
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
