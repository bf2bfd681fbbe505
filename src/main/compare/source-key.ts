import textLexicon from '../../../resources/lexicons/compare-text.json' with { type: 'json' }
import { words } from './text'

const NOISE = new Set(textLexicon.sourceNoise)
const HEADS = new Set(textLexicon.sourceHeads)
const PRONOUNS = new Set(textLexicon.pronouns)

/**
 * A key under which two mentions of one source meet: "the Fars news agency" and "Fars" -> "fars".
 * Articles, "news agency", "state-run" and the like are dropped; the rest is kept in order.
 */
export function sourceKey(name: string): string {
  const toks = sourceTokens(name)
  // "He said" names nobody until the pronoun is resolved; an empty key keeps it out of lists.
  if (toks.length === 1 && PRONOUNS.has(toks[0]!)) return ''
  return toks.join(' ')
}

/** The tokens of a source key. */
export function sourceTokens(name: string): string[] {
  const toks = words(name.replace(/[“”"‘]/g, ' ')).map((t) => t.norm.replace(/'s$/, ''))
  const kept = toks.filter((t) => !NOISE.has(t))
  return kept.length > 0 ? kept : toks
}

/**
 * Whether two source keys name the same source: equal, or one's words are all in the other's and
 * include a name rather than only a role ("sana" in "syria sana", but not "official" in
 * "iranian official").
 */
export function isSameSource(a: string, b: string): boolean {
  if (a === b) return true
  const ta = a.split(' ')
  const tb = b.split(' ')
  const [small, big] = ta.length <= tb.length ? [ta, new Set(tb)] : [tb, new Set(ta)]
  if (!small.every((t) => big.has(t))) return false
  return small.some((t) => !HEADS.has(t))
}
