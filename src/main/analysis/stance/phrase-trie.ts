import { type Token, termWords, tokenize } from './tokenize'

/** A lexicon term compiled for matching, with whatever payload the caller attaches. */
export interface TrieEntry<P> {
  term: string
  /** Per word: the exact spelling required (short all-caps acronyms such as "US", "IS"), or null. */
  exact: (string | null)[]
  payload: P
}

interface TrieNode<P> {
  next: Map<string, TrieNode<P>>
  entries: TrieEntry<P>[]
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

// Words of a phrase may be separated by spaces and quote marks (US-backed “insurgents”) but not by
// punctuation that ends a clause or by a paragraph break.
const GAP = /^[ \t\u00a0“”"‘’'«»]*\n?[ \t\u00a0“”"‘’'«»]*$/

/**
 * All lexicon terms in one token trie, so the text is scanned once whatever the size of the
 * lexicons (no per-entry regular expressions).
 */
export class PhraseTrie<P> {
  private readonly root: TrieNode<P> = { next: new Map(), entries: [] }
  size = 0

  add(term: string, payload: P): void {
    const words = termWords(term)
    if (words.length === 0) return
    const exact = tokenize(term).map((t) => {
      const raw = term.slice(t.start, t.end)
      return isShortAcronym(raw) ? raw : null
    })
    let node = this.root
    for (const w of words) {
      let child = node.next.get(w)
      if (!child) {
        child = { next: new Map(), entries: [] }
        node.next.set(w, child)
      }
      node = child
    }
    node.entries.push({ term, exact, payload })
    this.size++
  }

  /**
   * Leftmost-longest matches over `tokens`: at each position the longest term wins and the scan
   * resumes after it, so "Syrian opposition forces" is one label, not three.
   */
  scan(text: string, tokens: readonly Token[]): PhraseMatch<P>[] {
    const out: PhraseMatch<P>[] = []
    let i = 0
    while (i < tokens.length) {
      let node: TrieNode<P> | undefined = this.root
      let best: PhraseMatch<P> | null = null
      for (let j = i; j < tokens.length; j++) {
        const tok = tokens[j]!
        if (j > i && !GAP.test(text.slice(tokens[j - 1]!.end, tok.start))) break
        node = node.next.get(tok.norm)
        if (!node) break
        if (node.entries.length > 0) {
          const ok = node.entries.filter((e) => caseFits(text, tokens, i, e))
          if (ok.length > 0) {
            best = { first: i, last: j, start: tokens[i]!.start, end: tok.end, entries: ok }
          }
        }
      }
      if (best) {
        out.push(best)
        i = best.last + 1
      } else {
        i++
      }
    }
    return out
  }
}

function caseFits<P>(
  text: string,
  tokens: readonly Token[],
  first: number,
  e: TrieEntry<P>,
): boolean {
  for (let k = 0; k < e.exact.length; k++) {
    const want = e.exact[k]
    if (want == null) continue
    const t = tokens[first + k]!
    if (text.slice(t.start, t.end) !== want) return false
  }
  return true
}
