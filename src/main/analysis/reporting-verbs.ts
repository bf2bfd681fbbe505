/**
 * The reporting lexicon compiled for the attribution scan: every verb form with its lemma and
 * strength, as a trie read while a letter run is scanned, and the "according to" and "claims …
 * by" patterns with the pre-checks that spare most sentences the regex.
 */
import type { VerbStrength } from '../../shared/analysis'
import { alternation, firstCharClass, lexicons } from './lexicons'
import { isLetterAt, WordSet } from './word-scan'
import { isJsSpace } from './char-codes'
import { isAsciiLetter, trimSpacesBefore } from './attribution-text-scan'

// Verbs between a claim noun and "by" ("the claims made by").
const CLAIM_VERBS = ['made', 'issued', 'published', 'released']

export interface VerbInfo {
  lemma: string
  strength: VerbStrength
}

// Trie children per node: a–z, then '-'.
const TRIE_WIDTH = 27

export interface Regexes {
  forms: Map<string, VerbInfo>
  formSet: WordSet
  /**
   * The forms as a trie over lower-case ASCII letters and '-' (child node per letter, 0 for
   * none): a letter run is looked up while it is read, with no string cut or lower-cased.
   */
  formTrie: Int32Array
  /** The form's info at each trie node where a form ends. */
  formAtNode: (VerbInfo | undefined)[]
  /** 1 at each trie node where a (lower-cased) form ends: formSet's answer for ASCII runs. */
  formEnds: Uint8Array
  according: RegExp
  claimNoun: RegExp
  /**
   * The claim nouns' last words, lower-case, for `mayHoldClaimBy`; null when one is not plain
   * ASCII letters (then every sentence with the cue is left to the regex).
   */
  claimLastWords: Set<string> | null
}

let cachedRx: Regexes | null = null

function buildFormTrie(forms: Map<string, VerbInfo>): {
  formTrie: Int32Array
  formAtNode: (VerbInfo | undefined)[]
  formEnds: Uint8Array
} {
  const children: number[] = new Array<number>(TRIE_WIDTH).fill(0)
  const formAtNode: (VerbInfo | undefined)[] = [undefined]
  const ends: number[] = []
  for (const f of forms.keys()) {
    const lower = f.toLowerCase()
    // Only words of ASCII letters and hyphens: a run with other letters is looked up in full.
    if (!/^[a-z-]+$/.test(lower)) continue
    let node = 0
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i)
      const slot = node * TRIE_WIDTH + (c === 45 ? 26 : c - 97)
      let next = children[slot]!
      if (next === 0) {
        next = formAtNode.length
        formAtNode.push(undefined)
        for (let k = 0; k < TRIE_WIDTH; k++) children.push(0)
        children[slot] = next
      }
      node = next
    }
    // As the Map lookup of the lower-cased word would answer.
    formAtNode[node] = forms.get(lower)
    ends.push(node)
  }
  const formEnds = new Uint8Array(formAtNode.length)
  for (const node of ends) formEnds[node] = 1
  return { formTrie: Int32Array.from(children), formAtNode, formEnds }
}

/** The compiled reporting lexicon, built on first use and kept for the process. */
export function rx(): Regexes {
  if (cachedRx) return cachedRx
  const lex = lexicons()
  const forms = new Map<string, VerbInfo>()
  for (const [lemma, v] of Object.entries(lex.verbs)) {
    for (const f of v.forms) forms.set(f, { lemma, strength: v.strength })
  }
  cachedRx = {
    forms,
    formSet: new WordSet(forms.keys()),
    ...buildFormTrie(forms),
    claimLastWords: claimLastWords(lex.claimNouns),
    according: new RegExp(
      `(?=${firstCharClass(lex.accordingTo)})\\b(?:${alternation(lex.accordingTo)})\\s+([^,.;:“”"\\n]{2,160}?)(?=\\s*[,.;:“”"]|\\s+that\\b|\\s*$)`,
      'giu',
    ),
    claimNoun: new RegExp(
      `(?=${firstCharClass(lex.claimNouns)})\\b(${alternation(lex.claimNouns)})\\s+(?:${CLAIM_VERBS.map((v) => `${v}\\s+`).join('|')})?by\\s+([^,.;:“”"\\n]{2,120}?)(?=\\s*[,.;:“”"]|\\s+(?:that|regularly|which|who)\\b|\\s*$)`,
      'giu',
    ),
  }
  return cachedRx
}

function claimLastWords(nouns: readonly string[]): Set<string> | null {
  const last = nouns.map((n) => (n.split(' ').pop() ?? n).toLowerCase())
  return last.every((w) => /^[a-z]+$/.test(w)) ? new Set(last) : null
}

/**
 * Whether text[start, end) may hold a claimNoun match, which has a "by" between spaces with a
 * claim noun, or one of CLAIM_VERBS, as the word before: false for most sentences with " by "
 * ("killed by"), without running the regex. Only ASCII words are judged; a word with another
 * letter in it (the regex folds "ſ" to "s") is left to the regex.
 */
export function mayHoldClaimBy(
  text: string,
  start: number,
  end: number,
  lastWords: Set<string> | null,
): boolean {
  if (!lastWords) return true
  for (let i = start + 1; i + 2 < end; i++) {
    if ((text.charCodeAt(i) | 32) !== 98) continue
    if (
      (text.charCodeAt(i + 1) | 32) !== 121 ||
      !isJsSpace(text.charCodeAt(i + 2)) ||
      !isJsSpace(text.charCodeAt(i - 1))
    )
      continue
    const b = trimSpacesBefore(text, start, i)
    let a = b
    while (a > start && isAsciiLetter(text.charCodeAt(a - 1))) a--
    if (a > start && text.charCodeAt(a - 1) >= 128) return true
    if (a === b) continue
    const word = text.slice(a, b).toLowerCase()
    if (lastWords.has(word) || CLAIM_VERBS.includes(word)) return true
  }
  return false
}

// The trie slot of each ASCII character of a letter run (isLetterAt with hyphens), -1 for none.
export const RUN_SLOT = new Int8Array(128).fill(-1)
for (let c = 0; c < 26; c++) {
  RUN_SLOT[97 + c] = c
  RUN_SLOT[65 + c] = c
}
RUN_SLOT[45] = 26

/**
 * isLetterAt for a non-ASCII `c` at text[i]. The General Punctuation block (U+2000–U+206F:
 * curly quotes, dashes, special spaces; frequent in news) holds no letter: no regex for it.
 */
export function isNonAsciiLetterAt(text: string, i: number, c: number): boolean {
  return (c < 0x2000 || c > 0x206f) && isLetterAt(text, i, true)
}

/** isLetterAt(text, i, true), with the ASCII test from RUN_SLOT. */
export function isRunCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  return c < 128 ? RUN_SLOT[c]! >= 0 : isNonAsciiLetterAt(text, i, c)
}

/**
 * Whether the letter run text[a, b) is one of the forms, as `formSet.hasAt` answers: through the
 * trie when it is ASCII, in full otherwise.
 */
export function isFormRun(r: Regexes, text: string, a: number, b: number): boolean {
  for (let p = a; p < b; p++) if (text.charCodeAt(p) >= 128) return r.formSet.hasAt(text, a, b)
  let node = 0
  for (let p = a; p < b && node >= 0; p++) {
    node = r.formTrie[node * TRIE_WIDTH + RUN_SLOT[text.charCodeAt(p)]!]! || -1
  }
  return node > 0 && r.formEnds[node] === 1
}

/**
 * The reporting verb form that text[start, …) begins with as a maximal run of letters and
 * hyphens ending before `limit`: its end goes to `runEnd.at`, its info is returned (undefined
 * for no form). Reads the run once, walking the trie as it goes.
 */
export function formRunAt(
  r: Regexes,
  text: string,
  start: number,
  limit: number,
  runEnd: { at: number },
): VerbInfo | undefined {
  const trie = r.formTrie
  let node = 0
  let ascii = true
  let p = start
  // Through the trie while the run can still be a form …
  for (; p < limit; p++) {
    const c = text.charCodeAt(p)
    if (c >= 128) break
    const k = RUN_SLOT[c]!
    if (k < 0) break
    node = trie[node * TRIE_WIDTH + k]!
    if (node === 0) {
      p++
      break
    }
  }
  // … then on to the run's end (most runs leave the trie at their first letters).
  for (; p < limit; p++) {
    const c = text.charCodeAt(p)
    if (c < 128) {
      if (RUN_SLOT[c]! < 0) break
    } else if (isNonAsciiLetterAt(text, p, c)) ascii = false
    else break
    node = 0
  }
  runEnd.at = p
  if (ascii) return node > 0 ? r.formAtNode[node] : undefined
  // Non-ASCII letters lower-case unpredictably (the Kelvin sign is a 'k'): the word in full.
  return r.formSet.hasAt(text, start, p)
    ? r.forms.get(text.slice(start, p).toLowerCase())
    : undefined
}
