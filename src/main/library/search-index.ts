import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import MiniSearch from 'minisearch'
import type { SearchHit } from '../../shared/api'
import type { DocumentRecord } from '../../shared/document'
import { writeFileAtomic } from './blob-store'

/** What the index sees of a document. Only the id is stored; texts are fetched for snippets. */
export interface IndexedDocument {
  id: string
  title: string
  outlet: string
  author: string
  tags: string
  body: string
}

const FIELDS = ['title', 'outlet', 'author', 'tags', 'body'] as const
const SNIPPET_LENGTH = 160
const WORD = /[\p{L}\p{N}]+/gu

/**
 * Lower-case and strip diacritics, so "Tehran" finds "tehran" and "Velayati" finds "Veláyati".
 * The snippet finder uses the same function, so what the index matched is what gets marked.
 */
export function normaliseTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
}

function tokenize(text: string): string[] {
  return text.match(WORD) ?? []
}

/** Builds the document the index sees from a record and its body text. */
export function toIndexedDocument(record: DocumentRecord, body: string): IndexedDocument {
  return {
    id: record.id,
    title: record.title,
    outlet: record.outlet ?? '',
    author: record.author ?? '',
    tags: record.tags.join(' '),
    body,
  }
}

const INDEX_FORMAT = 'parallax-search-index'
/** Bump when the tokenizer, term processing or fields change: saved indexes are then rebuilt. */
const INDEX_VERSION = 1

const MINISEARCH_OPTIONS = {
  fields: [...FIELDS],
  storeFields: [],
  tokenize,
  processTerm: (t: string) => normaliseTerm(t),
  searchOptions: {
    fuzzy: 0.2,
    prefix: true,
    boost: { title: 3, tags: 2, outlet: 1.5, author: 1.5 },
  },
}

/** What the index holds of a record; when it changes, the document is indexed again. */
function fingerprint(doc: IndexedDocument): string {
  return createHash('sha1')
    .update([doc.title, doc.outlet, doc.author, doc.tags].join('\u0000'))
    .digest('base64')
}

/**
 * Full-text search over title, outlet, author, tags and body: fuzzy (0.2) and prefix, all words
 * first and any word when all words find nothing. Indexing a thousand articles takes seconds, so
 * the index is saved on close and brought up to date on open instead of being rebuilt.
 */
export class SearchIndex {
  private mini: MiniSearch<IndexedDocument>
  private readonly fingerprints = new Map<string, string>()
  private isDirty = false

  constructor(private readonly bodyOf: (id: string) => string | null) {
    this.mini = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS)
  }

  get size(): number {
    return this.mini.documentCount
  }

  /**
   * Loads the index saved in `file` (if usable) and brings it in line with `records`: documents
   * gone are dropped, new or edited ones (re)indexed. Returns how many had no readable body.
   */
  async restore(
    file: string,
    records: readonly DocumentRecord[],
    loadBody: (id: string) => Promise<string | null>,
  ): Promise<{ missingBodies: number }> {
    await this.load(file)
    const wanted = new Map(records.map((r) => [r.id, r]))
    for (const [id, print] of [...this.fingerprints]) {
      const record = wanted.get(id)
      if (!record || fingerprint(toIndexedDocument(record, '')) !== print) this.remove(id)
    }
    const toAdd: IndexedDocument[] = []
    let missingBodies = 0
    const pending = records.filter((r) => !this.fingerprints.has(r.id))
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < pending.length) {
        const record = pending[next++]!
        const body = await loadBody(record.id)
        if (body === null) missingBodies++
        toAdd.push(toIndexedDocument(record, body ?? ''))
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
    this.mini.addAll(toAdd)
    for (const doc of toAdd) this.fingerprints.set(doc.id, fingerprint(doc))
    if (toAdd.length > 0) this.isDirty = true
    return { missingBodies }
  }

  private async load(file: string): Promise<void> {
    try {
      const saved = JSON.parse(await readFile(file, 'utf8')) as {
        format?: unknown
        version?: unknown
        docs?: unknown
        index?: unknown
      }
      if (saved.format !== INDEX_FORMAT || saved.version !== INDEX_VERSION) return
      if (typeof saved.docs !== 'object' || saved.docs === null) return
      // loadJS validates the serialisation version itself and throws on a mismatch.
      const mini = MiniSearch.loadJS<IndexedDocument>(
        saved.index as Parameters<typeof MiniSearch.loadJS>[0],
        MINISEARCH_OPTIONS,
      )
      const docs = Object.entries(saved.docs as Record<string, unknown>)
      if (!docs.every(([id, print]) => typeof print === 'string' && mini.has(id))) return
      if (docs.length !== mini.documentCount) return
      this.mini = mini
      for (const [id, print] of docs) this.fingerprints.set(id, print as string)
    } catch {
      // No saved index, or an unusable one: start empty and index everything.
      this.isDirty = true
    }
  }

  /** Writes the index for the next start, when it changed since it was loaded. */
  async save(file: string): Promise<void> {
    if (!this.isDirty) return
    const payload = {
      format: INDEX_FORMAT,
      version: INDEX_VERSION,
      docs: Object.fromEntries(this.fingerprints),
      index: this.mini,
    }
    await writeFileAtomic(file, JSON.stringify(payload))
    this.isDirty = false
  }

  /** Adds or replaces a document. */
  put(doc: IndexedDocument): void {
    if (this.mini.has(doc.id)) this.mini.replace(doc)
    else this.mini.add(doc)
    this.fingerprints.set(doc.id, fingerprint(doc))
    this.isDirty = true
  }

  remove(id: string): void {
    if (this.mini.has(id)) this.mini.discard(id)
    this.fingerprints.delete(id)
    this.isDirty = true
  }

  search(query: string, limit = 50): SearchHit[] {
    if (tokenize(query).length === 0) return []
    let results = this.mini.search(query, { combineWith: 'AND' })
    if (results.length === 0) results = this.mini.search(query, { combineWith: 'OR' })
    return results.slice(0, Math.max(0, limit)).map((r) => {
      const body = this.bodyOf(String(r.id)) ?? ''
      return { id: String(r.id), score: r.score, ...makeSnippet(body, r.terms) }
    })
  }
}

interface Occurrence {
  start: number
  end: number
  term: string
}

/**
 * About 160 characters of `body` around the densest cluster of matched terms, whitespace
 * collapsed, with the ranges of the matches inside the snippet. Without any match in the body
 * (the query hit the title, say) it is the start of the body with no ranges.
 */
export function makeSnippet(
  body: string,
  matchedTerms: readonly string[],
): { snippet: string; matches: { start: number; end: number }[] } {
  const wanted = new Set(matchedTerms)
  const lengths = new Set(matchedTerms.map((t) => t.length))
  const occurrences: Occurrence[] = []
  for (const m of body.matchAll(WORD)) {
    const word = m[0]
    // Cheap path for plain ASCII words, most of an English body: normalising is only
    // lower-casing there, so a word of a length no term has cannot match.
    const isAscii = !/[^\p{ASCII}]/u.test(word)
    if (isAscii && !lengths.has(word.length)) continue
    const term = isAscii ? word.toLowerCase() : normaliseTerm(word)
    if (wanted.has(term)) occurrences.push({ start: m.index, end: m.index + word.length, term })
  }

  if (occurrences.length === 0) return render(body, 0, Math.min(body.length, SNIPPET_LENGTH), [])

  // The window (starting at an occurrence) that holds the most distinct terms, then the most
  // occurrences; the earliest wins ties, because leads usually say it first.
  let best = { from: 0, to: 0, distinct: 0, count: 0 }
  for (let i = 0; i < occurrences.length; i++) {
    const first = occurrences[i]!
    const terms = new Set<string>()
    let j = i
    while (j < occurrences.length && occurrences[j]!.end - first.start <= SNIPPET_LENGTH) {
      terms.add(occurrences[j]!.term)
      j++
    }
    const count = Math.max(1, j - i)
    if (terms.size > best.distinct || (terms.size === best.distinct && count > best.count)) {
      best = { from: i, to: Math.max(i + 1, j), distinct: terms.size, count }
    }
  }

  const inWindow = occurrences.slice(best.from, best.to)
  const clusterStart = inWindow[0]!.start
  const clusterEnd = inWindow[inWindow.length - 1]!.end
  const slack = Math.max(0, SNIPPET_LENGTH - (clusterEnd - clusterStart))
  let start = Math.max(0, clusterStart - Math.floor(slack / 2))
  let end = Math.min(body.length, start + Math.max(SNIPPET_LENGTH, clusterEnd - clusterStart))
  start = Math.max(0, Math.min(start, end - SNIPPET_LENGTH))
  start = snapStart(body, start, clusterStart)
  end = snapEnd(body, end, clusterEnd)
  return render(body, start, end, inWindow)
}

/** Moves a cut forward to the next word start, so the snippet does not begin mid-word. */
function snapStart(body: string, start: number, limit: number): number {
  if (start === 0 || /\s/.test(body[start - 1] ?? ' ')) return start
  let i = start
  while (i < limit && !/\s/.test(body[i] ?? ' ')) i++
  return i < limit ? i + 1 : start
}

function snapEnd(body: string, end: number, limit: number): number {
  if (end >= body.length || /\s/.test(body[end] ?? ' ')) return end
  let i = end
  while (i > limit && !/\s/.test(body[i - 1] ?? ' ')) i--
  return i > limit ? i : end
}

/** Cuts `body[start, end)`, collapses whitespace and maps match offsets into the result. */
function render(
  body: string,
  start: number,
  end: number,
  occurrences: readonly Occurrence[],
): { snippet: string; matches: { start: number; end: number }[] } {
  const prefix = start > 0 ? '… ' : ''
  let out = prefix
  // map[i] = offset in `out` of body[start + i]
  const map: number[] = []
  let lastWasSpace = true
  for (let i = start; i < end; i++) {
    const ch = body[i]!
    map.push(out.length)
    if (/\s/.test(ch)) {
      if (!lastWasSpace) out += ' '
      lastWasSpace = true
    } else {
      out += ch
      lastWasSpace = false
    }
  }
  map.push(out.length)
  out = out.trimEnd()
  const matches = occurrences
    .filter((o) => o.start >= start && o.end <= end)
    .map((o) => ({ start: map[o.start - start]!, end: map[o.end - start]! }))
  if (end < body.length) out += ' …'
  return { snippet: out, matches }
}
