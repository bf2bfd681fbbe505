import type { DocumentPatch, DocumentRecord } from '../../shared/document'
import { ParallaxError } from '../../shared/errors'

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * True for an ISO 8601 calendar date (`2016-05-09`) or date-time (`2016-05-09T14:30:00Z`) that
 * exists: `2015-02-30` is refused, which `Date.parse` alone would roll over to March.
 */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return false
  }
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) {
    return false
  }
  return true
}

function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const t = value.normalize('NFC').replace(/\s+/g, ' ').trim()
  return t === '' ? null : t
}

/** Trims, drops empty tags and case-insensitive repeats (the first spelling wins). */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const tag of tags) {
    const t = cleanText(tag)
    if (t === null) continue
    const key = t.toLocaleLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    out.push(t)
  }
  return out
}

/**
 * Applies a researcher's edit to a record and returns the new record. Throws
 * `invalid-argument` for an empty title or a published date that is not a real ISO date.
 */
export function applyPatch(record: DocumentRecord, patch: DocumentPatch): DocumentRecord {
  const next: DocumentRecord = { ...record }
  if (patch.title !== undefined) {
    const title = cleanText(patch.title)
    if (title === null) throw new ParallaxError('invalid-argument', 'a document needs a title')
    next.title = title
  }
  if (patch.outlet !== undefined) next.outlet = cleanText(patch.outlet)
  if (patch.author !== undefined) next.author = cleanText(patch.author)
  if (patch.published !== undefined) {
    const published = cleanText(patch.published)
    if (published !== null && !isIsoDate(published)) {
      throw new ParallaxError(
        'invalid-argument',
        `“${published}” is not a date; use the form 2016-05-09`,
      )
    }
    next.published = published
  }
  if (patch.tags !== undefined) next.tags = cleanTags(patch.tags)
  return next
}
