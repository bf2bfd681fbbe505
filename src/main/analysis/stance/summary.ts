import type { Actor } from '../../../shared/analysis'

/** A bloc's mean stance beyond this reads as favourable or hostile. */
const LEANING = 0.15
/** An actor named fewer times than this is not summarised on its own. */
const MIN_MENTIONS = 3

/**
 * One line on how the document treats the camps it names: "favourable to Iran and allies;
 * hostile to the West; delegitimises Syrian opposition". Actors are grouped by bloc; a bloc's
 * score is the mention-weighted mean of its actors' scores; an actor of a mixed camp is named on
 * its own when its score leans and it is named at least three times; "delegitimises" (per actor)
 * needs at least two delegitimising or pejorative labels, or one that is a fifth of the actor's
 * labels. Null when the document takes no visible position.
 */
export function summariseStance(actors: readonly Actor[]): string | null {
  const blocs = new Map<string, { weighted: number; mentions: number }>()
  for (const a of actors) {
    const key = a.bloc ?? a.name
    const b = blocs.get(key) ?? { weighted: 0, mentions: 0 }
    const n = a.mentions ?? a.labels.length
    b.weighted += a.stance.score * n
    b.mentions += n
    blocs.set(key, b)
  }
  const phrases: { text: string; weight: number }[] = []
  const leaning = new Map<string, number>()
  for (const [name, b] of blocs) {
    const score = b.mentions > 0 ? b.weighted / b.mentions : 0
    const sign = score >= LEANING ? 1 : score <= -LEANING ? -1 : 0
    leaning.set(name, sign)
    if (sign !== 0)
      phrases.push({
        text: `${sign > 0 ? 'favourable to' : 'hostile to'} ${name}`,
        weight: Math.abs(score) * b.mentions,
      })
  }
  // A camp may be mixed while one of its members is clearly favoured or attacked: name that
  // member when the document mentions it often enough for the score to mean something.
  for (const a of actors) {
    const sign = a.stance.score >= LEANING ? 1 : a.stance.score <= -LEANING ? -1 : 0
    const bloc = a.bloc ?? a.name
    if (
      sign === 0 ||
      bloc === a.name ||
      leaning.get(bloc) === sign ||
      (a.mentions ?? 0) < MIN_MENTIONS
    )
      continue
    phrases.push({
      text: `${sign > 0 ? 'favourable to' : 'hostile to'} ${a.name}`,
      weight: Math.abs(a.stance.score) * (a.mentions ?? 1),
    })
  }
  for (const a of actors) {
    // Counted, not filtered: an actor may have thousands of labels.
    let hostile = 0
    for (const l of a.labels)
      if (l.connotation === 'delegitimising' || l.connotation === 'pejorative') hostile++
    if (hostile >= 2 || (hostile >= 1 && hostile * 5 >= a.labels.length)) {
      phrases.push({ text: `delegitimises ${a.name}`, weight: hostile * 0.5 })
    }
  }
  // "delegitimises X" already says the document is hostile to X: one phrase, the stronger weight.
  const hostileTo = new Map(
    phrases.filter((p) => p.text.startsWith('hostile to ')).map((p) => [p.text.slice(11), p]),
  )
  for (const p of phrases) {
    if (!p.text.startsWith('delegitimises ')) continue
    const hostile = hostileTo.get(p.text.slice(14))
    if (!hostile) continue
    p.weight = Math.max(p.weight, hostile.weight)
    hostile.weight = -1
  }
  const kept = phrases.filter((p) => p.weight >= 0)
  if (kept.length === 0) return null
  return kept
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 4)
    .map((p) => p.text)
    .join('; ')
}
