/** A word of the text with its offsets and the form lexicons are matched against. */
export interface Token {
  start: number
  end: number
  /** Lower-cased, curly apostrophes straightened, possessive "'s" dropped. */
  norm: string
}

// Dotted acronyms ("U.S.") first so they stay one token; words keep inner apostrophes and
// hyphens ("so-called", "Shi’ite", "al-Assad") because lexicon terms are written that way.
const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*/gu

/** Normalises one word the way lexicon terms and text tokens are compared. */
export function normaliseWord(raw: string): string {
  // Possessives name the same actor ("Iran’s", "Lebanon’s Hezbollah").
  return normaliseLowered(raw.toLowerCase())
}

/** Tokens of `text` between `from` and `to`, in order. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = []
  // Lower-casing the stretch once is much cheaper than word by word; it is only valid when no
  // character changes length on the way (e.g. 'İ' becomes two code units).
  const lowered = text.slice(from, to).toLowerCase()
  const sameLength = lowered.length === to - from
  WORD.lastIndex = from
  for (let m = WORD.exec(text); m !== null && m.index < to; m = WORD.exec(text)) {
    const end = m.index + m[0].length
    if (end > to) break
    const norm = sameLength
      ? normaliseLowered(lowered.slice(m.index - from, end - from))
      : normaliseWord(m[0])
    out.push({ start: m.index, end, norm })
  }
  return out
}

function normaliseLowered(w: string): string {
  if (w.includes('’') || w.includes('‐')) w = w.replace(/’/g, "'").replace(/‐/g, '-')
  if (w.length > 3 && w.endsWith("'s")) w = w.slice(0, -2)
  return w
}

/** The normalised words of a lexicon term, as the text tokens would read. */
export function termWords(term: string): string[] {
  return tokenize(term).map((t) => t.norm)
}
