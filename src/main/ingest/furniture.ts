import lexicon from '../../../resources/lexicons/page-furniture.json' with { type: 'json' }

/** A phrase list from resources/lexicons/page-furniture.json. */
interface CueList {
  exact: string[]
  prefix: string[]
}

/** What kind of page furniture a line is, if any. */
export type FurnitureKind = 'widgetList' | 'widgetLine' | 'commentStart' | 'boilerplate'

const lists: Record<FurnitureKind, { exact: Set<string>; prefix: string[] }> = {
  widgetList: compile(lexicon.widgetList),
  widgetLine: compile(lexicon.widgetLine),
  commentStart: compile(lexicon.commentStart),
  boilerplate: compile(lexicon.boilerplate),
}
const commentCount = new RegExp(lexicon.commentStart.countPattern, 'iu')
/** First words of every phrase: a line starting with anything else cannot match (a cheap early exit). */
const firstWords = new Set(
  Object.values(lists).flatMap((l) => [...l.exact, ...l.prefix].map((p) => firstWord(p))),
)

function firstWord(s: string): string {
  const m = /^\s*([^\s:»›→|>….-]*)/u.exec(s.length > 60 ? s.slice(0, 60) : s)
  return (m?.[1] ?? '').toLowerCase().replace(/[‘’]/g, "'")
}

function compile(list: CueList): { exact: Set<string>; prefix: string[] } {
  return {
    exact: new Set(list.exact.map((s) => s.toLowerCase())),
    prefix: list.prefix.map((s) => s.toLowerCase()),
  }
}

/** The line as cue phrases are written: lower case, single spaces, no trailing colon or arrow. */
export function cueKey(line: string): string {
  return line
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s:»›→|>….-]+$/u, '')
    .trim()
}

/**
 * Which furniture cue a single line matches (whole-line phrases, or line beginnings). Long lines are
 * never furniture by exact match; prefixes only count in the first 200 characters.
 */
export function matchFurniture(line: string): FurnitureKind | null {
  if (line.length > 400) return null
  const first = firstWord(line)
  if (!firstWords.has(first) && !/^\d/.test(first)) return null
  // No cue phrase is longer than ~60 characters: longer lines can only match a prefix, which the
  // first 80 characters decide. This keeps huge text files fast.
  const isLong = line.length > 80
  const key = cueKey(isLong ? line.slice(0, 80) : line)
  if (key.length === 0) return null
  for (const kind of ['commentStart', 'widgetList', 'widgetLine', 'boilerplate'] as const) {
    const list = lists[kind]
    if (!isLong && list.exact.has(key)) return kind
    if (list.prefix.some((p) => key.startsWith(p))) return kind
  }
  if (!isLong && key.length < 60 && commentCount.test(key)) return 'commentStart'
  return null
}

/** The phrase that matched, for a segment's reason. */
export function describeCue(line: string): string {
  const key = cueKey(line)
  return key.length > 40 ? `${key.slice(0, 40)}…` : key
}

/** Line beginnings that mark a byline ("By Jane Doe"). */
export const BYLINE_PREFIXES: readonly string[] = lexicon.bylinePrefix

/** Line beginnings of photo credits ("© Reuters", "Photo: AP"). */
export const CREDIT_PREFIXES: readonly string[] = lexicon.creditPrefix

const trailingCredit = new RegExp(lexicon.captionPattern.trailingCredit, 'iu')
const galleryCounter = new RegExp(lexicon.captionPattern.galleryCounter, 'iu')

/** A caption line by its form: "… (Image: GETTY)", "Image 3 of 5". */
export function looksLikeCaptionLine(line: string): boolean {
  const t = line.trim()
  return t.length <= 300 && (trailingCredit.test(t) || galleryCounter.test(t))
}

/** Line beginnings of datelines ("Updated Nov 19, 6:55 AM"). */
export const DATELINE_PREFIXES: readonly string[] = lexicon.datelinePrefix

const monthWord = new RegExp(
  `(^|[^\\p{L}])(${lexicon.datelineMonths.join('|')})\\.?([^\\p{L}]|$)`,
  'iu',
)

/**
 * A short line that only dates the article ("Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM",
 * "22 de janeiro de 2018 às 0:13"): a time, a numeric date or a month name, no closing period.
 */
export function looksLikeDateline(line: string): boolean {
  const t = line.trim()
  if (t.length > 90 || (/[.!?]$/.test(t) && !/\b(a|p)\.m\.$/i.test(t))) return false
  const words = t.split(/\s+/).length
  if (words > 14) return false
  const key = t.toLowerCase()
  const hasTime =
    /\b\d{1,2}[:.h]\d{2}\b/.test(t) || /\b\d{1,2}\s*(a\.?m\.?|p\.?m\.?)(\s|$)/i.test(t)
  const hasDate =
    /\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b/.test(t) || (monthWord.test(key) && /\d/.test(t))
  if (DATELINE_PREFIXES.some((p) => key.startsWith(p)) && (hasTime || hasDate)) return true
  return (hasTime && hasDate) || (hasDate && words <= 6) || (hasTime && words <= 4)
}

/** id/class patterns for HTML containers that are not the article. */
export const HTML_NON_BODY = {
  comments: new RegExp(lexicon.htmlNonBody.comments),
  widget: new RegExp(lexicon.htmlNonBody.widget),
  boilerplate: new RegExp(lexicon.htmlNonBody.boilerplate),
  caption: new RegExp(lexicon.htmlNonBody.caption),
  invisible: new RegExp(lexicon.htmlNonBody.invisible),
} as const
