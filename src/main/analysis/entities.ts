import type { Entity } from '../../shared/analysis'
import type { SentenceSpan, TokenTable } from './nlp'
import { cluster } from './entity-clusters'
import { rx } from './entity-lexicon'
import { gazetteerMatchAt, gazetteerMatches, type GazetteerMatch } from './gazetteer-scan'
import { ARTICLE, CAPITAL, nameEnd } from './name-runs'
import { typePossessiveParts, type Mention } from './name-typing'

export { nameKey } from './entity-clusters'

/**
 * People, organisations, places and groups named in the text, with aliases clustered:
 * gazetteer aliases, "Long Name (ACR)" and acronym initials, surname-only mentions, and spelling
 * variants that share a name key. `isIncluded` says which offsets to read (comments are not).
 */
export function findEntities(
  docId: string,
  text: string,
  sentences: readonly SentenceSpan[],
  tokens: TokenTable,
  isIncluded: (offset: number) => boolean,
  isTitle: (offset: number) => boolean,
): Entity[] {
  const r = rx()
  const mentions: Mention[] = []
  // Gazetteer names in text order, as start and end pairs: the names below are split around them.
  const claimed: number[] = []
  const claim = (start: number, m: GazetteerMatch): void => {
    if (!isIncluded(start)) return
    // A name written across other whitespace than one space is not the gazetteer's key.
    const name = m.exact?.name ?? text.slice(start, m.end)
    const entry = m.exact?.entry ?? r.gazetteerByName.get(name)
    if (!entry) return
    mentions.push({
      start,
      end: m.end,
      text: name,
      type: entry.type,
      canonical: entry.canonical,
      evidence: entry.evidence,
    })
    claimed.push(start, m.end)
  }
  // Gazetteer names start where names may: one scan finds both, unless the lexicon has a name
  // that starts otherwise.
  const gazetteerInScan = r.gazetteerAtNameStarts
  if (!gazetteerInScan) gazetteerMatches(text, r, claim)
  // Name runs as start and end pairs, typed once every gazetteer name is known.
  const runs: number[] = []
  let gazetteerFrom = 0
  let nameFrom = 0
  // The next capital and the next "al-"/"el-" at or after `from` (-1: none left), each found
  // natively by its own regex: one regex with both alternatives scans several times slower.
  let nextCapital = -2
  let nextArticle = -2
  for (let from = 0; ;) {
    if (nextCapital !== -1 && nextCapital < from) {
      CAPITAL.lastIndex = from
      nextCapital = CAPITAL.test(text) ? CAPITAL.lastIndex - 1 : -1
    }
    if (nextArticle !== -1 && nextArticle < from) {
      ARTICLE.lastIndex = from
      nextArticle = ARTICLE.test(text) ? ARTICLE.lastIndex - 3 : -1
    }
    if (nextCapital < 0 && nextArticle < 0) break
    const p =
      nextArticle < 0 || (nextCapital >= 0 && nextCapital < nextArticle) ? nextCapital : nextArticle
    // Nothing inside "al-" starts a name.
    from = p === nextArticle ? p + 3 : p + 1
    if (gazetteerInScan && p >= gazetteerFrom) {
      const m = gazetteerMatchAt(text, p, r)
      if (m) {
        claim(p, m)
        gazetteerFrom = m.end
      }
    }
    if (p < nameFrom) continue
    const runEnd = nameEnd(text, p)
    if (runEnd < 0) continue
    nameFrom = runEnd
    if (isIncluded(p) && !isTitle(p)) runs.push(p, runEnd)
  }
  // One flag per offset: the lead-word test asks it for every name.
  const sentenceStarts = new Uint8Array(text.length + 1)
  for (const s of sentences) sentenceStarts[s.start] = 1
  let ci = 0
  for (let i = 0; i < runs.length; i += 2) {
    const base = runs[i]!
    const runEnd = runs[i + 1]!
    // Split the run around gazetteer names and possessives, then type each piece.
    let a = base
    while (ci < claimed.length && claimed[ci + 1]! <= base) ci += 2
    for (let j = ci; j < claimed.length && claimed[j]! < runEnd; j += 2) {
      const start = claimed[j]!
      if (start > a) typePossessiveParts(text, a, start, tokens, sentenceStarts, r, mentions)
      a = Math.max(a, claimed[j + 1]!)
    }
    if (a < runEnd) typePossessiveParts(text, a, runEnd, tokens, sentenceStarts, r, mentions)
  }
  return cluster(docId, text, mentions)
}
