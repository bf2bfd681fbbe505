import type { Attribution, Span } from '../../shared/analysis'
import { isJsSpace } from './char-codes'

const PRONOUNS = /^(?:he|she|they|it|we|i)$/i
const SINGULAR_PRONOUN = /^(?:he|she)$/i

/** "He also added …": points a pronoun speaker at the last named singular speaker before it. */
export function resolvePronouns(attrs: Attribution[]): void {
  const ordered = [...attrs].sort(
    (a, b) => (a.verb?.start ?? a.content.start) - (b.verb?.start ?? b.content.start),
  )
  let lastNamed: Span | null = null
  for (const a of ordered) {
    const sp = a.speaker
    if (!sp) continue
    if (PRONOUNS.test(sp.text)) {
      if (SINGULAR_PRONOUN.test(sp.text) && lastNamed) {
        sp.antecedent = { ...lastNamed }
        a.evidence.push(`pronoun '${sp.text}' read as '${lastNamed.text}'`)
      }
      continue
    }
    if (!endsInPlural(sp.text))
      lastNamed = sp.antecedent ?? { start: sp.start, end: sp.end, text: sp.text }
  }
}

/**
 * Whether the last whitespace-separated word of `name` looks plural (/[^s]s$/i): it ends in an
 * "s" after a letter other than "s". Read off the end, without splitting.
 */
function endsInPlural(name: string): boolean {
  const n = name.length
  if (n < 2 || (name.charCodeAt(n - 1) | 32) !== 115) return false
  const before = name.charCodeAt(n - 2)
  return (before | 32) !== 115 && !isJsSpace(before)
}
