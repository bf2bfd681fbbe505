import type { SegmentRole } from '../../../shared/document'
import { lowerBound } from './scare-quotes'
import type { CueDefinition } from './stance-lexicon'
import type { TokenTable } from './tokenize'

/** A lexicon match: the tokens [first, last] and the definition of the entry they spell. */
export interface Match {
  first: number
  last: number
  def: CueDefinition
}

/**
 * A document's lexicon matches in text order, as columns: tens of thousands of matches need no
 * object each, and the token ranges sit in typed arrays, outside the heap the garbage collector
 * copies. Readers walk them with one reused cursor (`at`).
 */
export class Matches {
  count = 0
  first: Int32Array = new Int32Array(256)
  last: Int32Array = new Int32Array(256)
  readonly def: CueDefinition[] = []

  add(first: number, last: number, def: CueDefinition): void {
    if (this.count === this.first.length) {
      this.first = grown(this.first)
      this.last = grown(this.last)
    }
    this.first[this.count] = first
    this.last[this.count] = last
    this.def.push(def)
    this.count++
  }

  /** A cursor to read matches into; it holds no match until `at` fills it. */
  cursor(): Match {
    return { first: 0, last: 0, def: NO_DEFINITION }
  }

  /** Match k, read into `into` (which is returned). */
  at(k: number, into: Match): Match {
    into.first = this.first[k]!
    into.last = this.last[k]!
    into.def = this.def[k]!
    return into
  }
}

const NO_DEFINITION: CueDefinition = { kind: 'hedge', term: '', polarity: 0, source: '' }

/** A copy of `a` with twice the room. */
function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}

/**
 * Units of a document: sentences clipped to one segment (headlines and comments never share a
 * unit with the body), in text order. Stored as columns, unit u at index u of each, in typed
 * arrays: a long document has thousands of sentences.
 */
export class Units {
  count = 0
  start: Int32Array = new Int32Array(256)
  end: Int32Array = new Int32Array(256)
  /** Token range [first, last), set once the unit's segment is tokenised. */
  first: Int32Array = new Int32Array(256)
  last: Int32Array = new Int32Array(256)
  readonly role: SegmentRole[] = []

  /** Adds text[start, end) as a unit unless it is empty. */
  add(start: number, end: number, role: SegmentRole): void {
    if (end <= start) return
    if (this.count === this.start.length) {
      this.start = grown(this.start)
      this.end = grown(this.end)
      this.first = grown(this.first)
      this.last = grown(this.last)
    }
    this.start[this.count] = start
    this.end[this.count] = end
    this.role.push(role)
    this.count++
  }

  /** Index of the unit that holds `offset`, -1 when none does. */
  at(offset: number): number {
    let lo = 0
    let hi = this.count - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (offset < this.start[mid]!) hi = mid - 1
      else if (offset >= this.end[mid]!) lo = mid + 1
      else return mid
    }
    return -1
  }

  /** Role of unit u; 'body' for -1 (no unit). */
  roleOf(u: number): SegmentRole {
    return u >= 0 && u < this.count ? this.role[u]! : 'body'
  }
}

/**
 * `lowerBound(tokens, offset, lo, hi)` (tokens are in order), found by stepping on from `from`
 * when the answer lies ahead of it, as it does for offsets that only grow.
 */
export function tokenAfter(
  tokens: TokenTable,
  offset: number,
  from: number,
  lo: number,
  hi: number,
): number {
  const { end } = tokens
  if (from > lo && end[from - 1]! > offset) return lowerBound(tokens, offset, lo, hi)
  let i = from
  while (i < hi && end[i]! <= offset) i++
  return i
}
