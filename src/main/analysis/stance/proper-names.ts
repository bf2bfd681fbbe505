import type { TokenTable } from './tokenize'
import { isAfterBreak } from './text-breaks'

// Compiled once (a literal in a function is a new object per call).
const CAPITAL = /\p{Lu}/u

/** "Liberation" in "the Liberation Front" is part of a name, not the writer's word. */
export function isInProperName(
  text: string,
  tokens: TokenTable,
  mt: { first: number; last: number },
): boolean {
  if (!isCapitalToken(text, tokens, mt.first)) return false
  const start = tokens.start[mt.first]!
  return (
    (isCapitalToken(text, tokens, mt.last + 1) && isJoined(text, tokens, mt.last, mt.last + 1)) ||
    (mt.first > 0 &&
      isCapitalToken(text, tokens, mt.first - 1) &&
      isJoined(text, tokens, mt.first - 1, mt.first) &&
      !isAfterBreak(text, Math.max(0, start - 4), start))
  )
}

const hasToken = (tokens: TokenTable, i: number): boolean => i >= 0 && i < tokens.count

/** Whether token `i` exists and opens with a capital. */
export function isCapitalToken(text: string, tokens: TokenTable, i: number): boolean {
  if (!hasToken(tokens, i)) return false
  const at = tokens.start[i]!
  const c = text.charCodeAt(at)
  return c < 128 ? c >= 65 && c <= 90 : CAPITAL.test(text[at]!)
}

/** Whether tokens `a` and `b` exist and are separated by exactly one space. */
function isJoined(text: string, tokens: TokenTable, a: number, b: number): boolean {
  return (
    hasToken(tokens, a) &&
    hasToken(tokens, b) &&
    tokens.start[b]! - tokens.end[a]! === 1 &&
    text.charCodeAt(tokens.end[a]!) === 0x20
  )
}
