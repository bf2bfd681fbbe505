import type { Token } from './tokenize'
import type { CompiledLexicon } from './stance-lexicon'

/**
 * VADER-style polarity of tokens[first, last): word valences summed with negation (three words
 * back), intensifiers and contrast ("but" moves the weight to what follows), normalised to -1..1
 * as VADER does (x / sqrt(x² + 15)). Tokens in `skip` (words already counted as stance cues)
 * are left out so a cue is not counted twice.
 */
export function sentenceValence(
  tokens: readonly Token[],
  first: number,
  last: number,
  lex: CompiledLexicon,
  skip: (tokenIndex: number) => boolean,
): number {
  let before = 0
  let after = 0
  let seenContrast = false
  for (let i = first; i < last; i++) {
    const t = tokens[i]!
    if (lex.contrast.has(t.norm)) {
      seenContrast = true
      continue
    }
    if (skip(i)) continue
    const prev = i > first ? tokens[i - 1]! : null
    const pair =
      i + 1 < last && lex.valencePairStarts.has(t.norm) ? `${t.norm} ${tokens[i + 1]!.norm}` : ''
    let v = pair ? lex.valence.get(pair) : undefined
    if (v !== undefined) i++
    else v = lex.valence.get(t.norm)
    if (v === undefined) continue
    const boost = prev ? lex.intensifiers.get(prev.norm) : undefined
    if (boost !== undefined) v += Math.sign(v) * boost
    for (let k = Math.max(first, i - 3); k < i; k++) {
      if (lex.negators.has(tokens[k]!.norm)) {
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
