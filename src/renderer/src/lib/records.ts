import type { SortKey } from '../../../shared/api'
import type { DocumentRecord } from '../../../shared/document'

export const SORT_LABELS: Record<SortKey, string> = {
  title: 'Title',
  outlet: 'Outlet',
  published: 'Date',
  importedAt: 'Imported',
}

/**
 * Sorts the library list. Title and outlet ascending; dates newest first. Missing values go
 * last whatever the direction, so undated documents do not crowd the top.
 */
export function sortRecords(records: readonly DocumentRecord[], key: SortKey): DocumentRecord[] {
  const text = (a: string | null, b: string | null) =>
    a === null || b === null
      ? a === b
        ? 0
        : a === null
          ? 1
          : -1
      : a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })
  const newestFirst = (a: string | null, b: string | null) =>
    a === null || b === null ? text(a, b) : b.localeCompare(a)
  const cmp = (a: DocumentRecord, b: DocumentRecord): number => {
    switch (key) {
      case 'title':
        return text(a.title, b.title)
      case 'outlet':
        return text(a.outlet, b.outlet) || text(a.title, b.title)
      case 'published':
        return newestFirst(a.published, b.published) || text(a.title, b.title)
      case 'importedAt':
        return newestFirst(a.importedAt, b.importedAt) || text(a.title, b.title)
    }
  }
  return [...records].sort(cmp)
}

/** Documents carrying every one of the chosen tags (none chosen: all). */
export function filterByTags(
  records: readonly DocumentRecord[],
  tags: readonly string[],
): DocumentRecord[] {
  if (tags.length === 0) return [...records]
  return records.filter((r) => tags.every((t) => r.tags.includes(t)))
}

/** Every tag in use, with how many documents carry it, most used first. */
export function tagCounts(records: readonly DocumentRecord[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const r of records) for (const t of r.tags) counts.set(t, (counts.get(t) ?? 0) + 1)
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
}

/** "2016-05-09" → "9 May 2016"; date-times keep only the date; anything else as written. */
export function formatDate(iso: string | null): string {
  if (!iso) return ''
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso)
  if (!m) return iso
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ]
  const month = months[Number(m[2]) - 1]
  if (!month) return iso
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`
}
