import type { TokenTable } from './tokenize'
import {
  type CompiledLexicon,
  CONTRAST,
  NEGATOR,
  VALENCE_PAIR_START,
  pairKey,
} from './stance-lexicon'

/**
 * VADER-style polarity of tokens[first, last): word valences summed with negation (three words
 * back), intensifiers and contrast ("but" moves the weight to what follows), normalised to -1..1
 * as VADER does (x / sqrt(x² + 15)). Tokens marked in `skip` (words already counted as stance
 * cues) are left out so a cue is not counted twice.
 */
export function sentenceValence(
  tokens: TokenTable,
  first: number,
  last: number,
  lex: CompiledLexicon,
  skip: Uint8Array,
): number {
  const { word } = tokens
  const { wordFlags, valenceOf, intensifierOf } = lex
  let before = 0
  let after = 0
  let seenContrast = false
  for (let i = first; i < last; i++) {
    const w = word[i]!
    const flags = wordFlags[w]!
    if ((flags & CONTRAST) !== 0) {
      seenContrast = true
      continue
    }
    if (skip[i] === 1) continue
    const prev = i > first ? i - 1 : -1
    let v =
      i + 1 < last && (flags & VALENCE_PAIR_START) !== 0
        ? lex.pairValence.get(pairKey(w, word[i + 1]!))
        : undefined
    if (v !== undefined) i++
    else {
      const single = valenceOf[w]!
      if (single !== single) continue // NaN: no valence
      v = single
    }
    const boost = prev >= 0 ? intensifierOf[word[prev]!]! : NaN
    if (boost === boost) v += Math.sign(v) * boost
    for (let k = Math.max(first, i - 3); k < i; k++) {
      if ((wordFlags[word[k]!]! & NEGATOR) !== 0) {
        v *= -0.74
        break
      }
    }
    if (seenContrast) after += v
    else before += v
  }
  const sum = seenContrast ? before * 0.5 + after * 1.5 : before
  return sum === 0 ? 0 : sum / Math.sqrt(sum * sum + 15)
}
