import { TokenTable, type Token, Vocabulary, termWords, tokenize } from './tokenize'

/** A lexicon term compiled for matching, with whatever payload the caller attaches. */
export interface TrieEntry<P> {
  term: string
  /** Per word: the exact spelling required (short all-caps acronyms such as "US", "IS"), or null. */
  exact: (string | null)[]
  payload: P
}

interface TrieNode<P> {
  /** Children by vocabulary number of the next word. */
  next: Map<number, TrieNode<P>>
  entries: TrieEntry<P>[]
  /** No entry here asks for an exact spelling: every match may take `entries` as they are. */
  caseFree: boolean
}

/** One match: the tokens [first, last] and the entries whose term they spell. */
export interface PhraseMatch<P> {
  first: number
  last: number
  start: number
  end: number
  entries: TrieEntry<P>[]
}

// "US" must not match the pronoun "us", nor "IS" the verb "is": acronyms of up to three capitals
// are matched with their case.
const isShortAcronym = (w: string): boolean => /^\p{Lu}{2,3}$/u.test(w)

/**
 * Words of a phrase may be separated by spaces and quote marks (US-backed “insurgents”) but not by
 * punctuation that ends a clause or by a paragraph break: what
 * /^[ \t\u00a0“”"‘’'«»]*\n?[ \t\u00a0“”"‘’'«»]*$/ accepts for text[from, to), without a slice.
 */
function joinsPhrase(text: string, from: number, to: number): boolean {
  let newline = false
  for (let k = from; k < to; k++) {
    switch (text.charCodeAt(k)) {
      case 0x20: // space
      case 0x09: // tab
      case 0xa0: // no-break space
      case 0x201c: // “
      case 0x201d: // ”
      case 0x22: // "
      case 0x2018: // ‘
      case 0x2019: // ’
      case 0x27: // '
      case 0xab: // «
      case 0xbb: // »
        continue
      case 0x0a:
        if (newline) return false
        newline = true
        continue
      default:
        return false
    }
  }
  return true
}

/**
 * All lexicon terms in one token trie, so the text is scanned once whatever the size of the
 * lexicons (no per-entry regular expressions). Words are keyed by their number in `vocabulary`,
 * which the tokens to scan must be numbered with.
 */
export class PhraseTrie<P> {
  private readonly root: TrieNode<P> = { next: new Map(), entries: [], caseFree: true }
  // The root's children by word number in a flat array (rebuilt after `add`): the root is asked
  // about every token of every document.
  private rootById: (TrieNode<P> | undefined)[] | null = null
  size = 0

  constructor(readonly vocabulary: Vocabulary = new Vocabulary()) {}

  add(term: string, payload: P): void {
    const words = termWords(term)
    if (words.length === 0) return
    const exact = tokenize(term).map((t) => {
      const raw = term.slice(t.start, t.end)
      return isShortAcronym(raw) ? raw : null
    })
    let node = this.root
    for (const w of words) {
      const id = this.vocabulary.intern(w)
      let child = node.next.get(id)
      if (!child) {
        child = { next: new Map(), entries: [], caseFree: true }
        node.next.set(id, child)
      }
      node = child
    }
    this.rootById = null
    node.entries.push({ term, exact, payload })
    if (exact.some((e) => e !== null)) node.caseFree = false
    this.size++
  }

  /**
   * Leftmost-longest matches over `tokens`: at each position the longest term wins and the scan
   * resumes after it, so "Syrian opposition forces" is one label, not three.
   */
  scan(text: string, tokens: readonly Token[]): PhraseMatch<P>[] {
    const table = new TokenTable(Math.max(1, tokens.length))
    for (const t of tokens) table.push(t.start, t.end, this.vocabulary.get(t.norm))
    return this.scanTable(text, table, 0, table.count)
  }

  /**
   * `scan` over the tokens [from, to) of a table numbered with this trie's vocabulary; match
   * indices are the table's. Matches share their `entries` arrays with the trie: read only.
   */
  scanTable(text: string, tokens: TokenTable, from: number, to: number): PhraseMatch<P>[] {
    const out: PhraseMatch<P>[] = []
    this.scanEach(text, tokens, from, to, (first, last, entries) => {
      out.push({ first, last, start: tokens.start[first]!, end: tokens.end[last]!, entries })
    })
    return out
  }

  /** `scanTable` handing each match to `visit` instead of collecting them. */
  scanEach(
    text: string,
    tokens: TokenTable,
    from: number,
    to: number,
    visit: (first: number, last: number, entries: TrieEntry<P>[]) => void,
  ): void {
    const { start, end, word } = tokens
    const root = (this.rootById ??= this.indexRoot())
    let i = from
    while (i < to) {
      const w = word[i]!
      const first = w < root.length ? root[w] : undefined
      if (!first) {
        i++
        continue
      }
      let node: TrieNode<P> = first
      let bestLast = -1
      let best: TrieEntry<P>[] = node.entries
      for (let j = i; ;) {
        if (node.entries.length > 0) {
          const ok = node.caseFree ? node.entries : fitting(text, tokens, i, node.entries)
          if (ok.length > 0) {
            bestLast = j
            best = ok
          }
        }
        j++
        if (j >= to) break
        // The next word first: most phrases stop there, so the gap between the words is read
        // only when the trie goes on.
        const next = word[j]!
        const child: TrieNode<P> | undefined = next === 0 ? undefined : node.next.get(next)
        if (!child || !joinsPhrase(text, end[j - 1]!, start[j]!)) break
        node = child
      }
      if (bestLast >= 0) {
        visit(i, bestLast, best)
        i = bestLast + 1
      } else {
        i++
      }
    }
  }

  private indexRoot(): (TrieNode<P> | undefined)[] {
    let size = 0
    for (const id of this.root.next.keys()) size = Math.max(size, id + 1)
    return Array.from({ length: size }, (_, id) => this.root.next.get(id))
  }
}

/** The entries whose case fits the text at token `first`: `entries` itself when all do. */
function fitting<P>(
  text: string,
  tokens: TokenTable,
  first: number,
  entries: TrieEntry<P>[],
): TrieEntry<P>[] {
  let fits = 0
  for (const e of entries) if (caseFits(text, tokens, first, e)) fits++
  if (fits === entries.length) return entries
  // "is" matches nothing of an entry that wants "IS": no array for the common miss.
  return fits === 0 ? NONE : entries.filter((e) => caseFits(text, tokens, first, e))
}

const NONE: never[] = []

function caseFits<P>(text: string, tokens: TokenTable, first: number, e: TrieEntry<P>): boolean {
  for (let k = 0; k < e.exact.length; k++) {
    const want = e.exact[k]
    if (want == null) continue
    const t = first + k
    if (text.slice(tokens.start[t], tokens.end[t]) !== want) return false
  }
  return true
}
