import {
  Badge,
  Chip,
  CloseButton,
  Group,
  Kbd,
  ScrollArea,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import type { SearchHit, SortKey } from '../../../shared/api'
import type { DocumentRecord } from '../../../shared/document'
import { api, errorMessage } from '../api'
import { filterByTags, formatDate, SORT_LABELS, sortRecords, tagCounts } from '../lib/records'

interface Props {
  records: DocumentRecord[]
  selectedId: string | null
  onOpen: (id: string) => void
  searchRef: RefObject<HTMLInputElement | null>
}

const isMac = navigator.platform.toLowerCase().includes('mac')

/** The library: search, sort, tag filter and the document list, all keyboard navigable. */
export function LibrarySidebar({ records, selectedId, onOpen, searchRef }: Props) {
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<SearchHit[] | null>(null)
  const [searchError, setSearchError] = useState<string | null>(null)
  const [sortKey, setSortKey] = useState<SortKey>('importedAt')
  const [tags, setTags] = useState<string[]>([])
  const listRef = useRef<HTMLDivElement>(null)

  // Search as the researcher types; a newer query makes older answers irrelevant.
  useEffect(() => {
    const q = query.trim()
    if (!q) {
      setHits(null)
      setSearchError(null)
      return
    }
    let isCurrent = true
    const timer = window.setTimeout(() => {
      api.library.search(q).then(
        (h) => {
          if (!isCurrent) return
          setHits(h)
          setSearchError(null)
        },
        (err: unknown) => isCurrent && setSearchError(errorMessage(err)),
      )
    }, 60)
    return () => {
      isCurrent = false
      window.clearTimeout(timer)
    }
  }, [query, records])

  const allTags = useMemo(() => tagCounts(records), [records])
  const byId = useMemo(() => new Map(records.map((r) => [r.id, r])), [records])
  const rows: { record: DocumentRecord; hit?: SearchHit }[] = useMemo(() => {
    if (hits) {
      const visible = new Set(filterByTags(records, tags).map((r) => r.id))
      return hits.flatMap((hit) => {
        const record = byId.get(hit.id)
        return record && visible.has(record.id) ? [{ record, hit }] : []
      })
    }
    return sortRecords(filterByTags(records, tags), sortKey).map((record) => ({ record }))
  }, [hits, records, tags, sortKey, byId])

  const focusItem = (index: number) => {
    const items = listRef.current?.querySelectorAll<HTMLElement>('[role="option"]')
    if (!items || items.length === 0) return
    const i = Math.max(0, Math.min(items.length - 1, index))
    items[i]?.focus()
  }

  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>('[role="option"]') ?? [])]
    const current = items.indexOf(document.activeElement as HTMLElement)
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      focusItem(current + 1)
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      if (current <= 0) searchRef.current?.focus()
      else focusItem(current - 1)
    } else if (e.key === 'Home') {
      e.preventDefault()
      focusItem(0)
    } else if (e.key === 'End') {
      e.preventDefault()
      focusItem(items.length - 1)
    } else if (e.key === 'Enter' || e.key === ' ') {
      const id = (document.activeElement as HTMLElement | null)?.dataset.docId
      if (id) {
        e.preventDefault()
        onOpen(id)
      }
    }
  }

  const selectedIndex = rows.findIndex((r) => r.record.id === selectedId)
  const tabStop = selectedIndex >= 0 ? selectedIndex : 0

  return (
    <Stack gap="sm" h="100%" style={{ minHeight: 0 }}>
      <TextInput
        ref={searchRef}
        placeholder="Search the library"
        aria-label="Search the library"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            focusItem(0)
          } else if (e.key === 'Escape') setQuery('')
        }}
        rightSectionWidth={query ? 32 : 64}
        rightSection={
          query ? (
            <CloseButton size="sm" aria-label="Clear search" onClick={() => setQuery('')} />
          ) : (
            <Text size="xs" c="dimmed">
              <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd>+<Kbd size="xs">F</Kbd>
            </Text>
          )
        }
      />
      <Group gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed">
          Sort by
        </Text>
        <Select
          size="xs"
          aria-label="Sort by"
          style={{ flex: 1 }}
          allowDeselect={false}
          disabled={hits !== null}
          value={sortKey}
          data={(Object.keys(SORT_LABELS) as SortKey[]).map((k) => ({
            value: k,
            label: SORT_LABELS[k],
          }))}
          onChange={(v) => v && setSortKey(v as SortKey)}
        />
      </Group>
      {allTags.length > 0 && (
        <Chip.Group multiple value={tags} onChange={setTags}>
          <Group gap={6} aria-label="Filter by tag">
            {allTags.map(({ tag, count }) => (
              <Chip key={tag} value={tag} size="xs" variant="light">
                {tag} ({count})
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
      <Text size="xs" c="dimmed" aria-live="polite" data-testid="library-count">
        {hits
          ? `${rows.length} match${rows.length === 1 ? '' : 'es'} for “${query.trim()}”`
          : `${rows.length} of ${records.length} document${records.length === 1 ? '' : 's'}`}
      </Text>
      {searchError && (
        <Text size="xs" c="red">
          {searchError}
        </Text>
      )}
      <ScrollArea style={{ flex: 1, minHeight: 0 }} type="auto" offsetScrollbars>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" mt="xl" px="md">
            {records.length === 0
              ? 'The library is empty. Drop files here or use Import Files…'
              : hits
                ? 'Nothing matches. Try fewer or other words.'
                : 'No document carries all the chosen tags.'}
          </Text>
        ) : (
          <div
            role="listbox"
            aria-label="Documents"
            ref={listRef}
            onKeyDown={onListKey}
            data-testid="document-list"
          >
            {rows.map(({ record, hit }, i) => (
              <button
                type="button"
                key={record.id}
                role="option"
                className="px-doc-item"
                aria-selected={record.id === selectedId}
                tabIndex={i === tabStop ? 0 : -1}
                data-doc-id={record.id}
                onClick={() => onOpen(record.id)}
              >
                <Group gap={6} wrap="nowrap" justify="space-between" align="flex-start">
                  <Text fw={600} size="sm" lineClamp={2} data-testid="document-title">
                    {record.title}
                  </Text>
                  {record.isSample && (
                    <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
                      sample
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {[
                    record.outlet,
                    formatDate(record.published),
                    `${record.wordCount.toLocaleString()} words`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
                {hit && <Snippet hit={hit} />}
              </button>
            ))}
          </div>
        )}
      </ScrollArea>
    </Stack>
  )
}

/** A search snippet with its matched words marked (text nodes only). */
function Snippet({ hit }: { hit: SearchHit }) {
  const parts: { text: string; isMatch: boolean }[] = []
  let pos = 0
  const matches = [...hit.matches].sort((a, b) => a.start - b.start)
  for (const m of matches) {
    if (m.start < pos || m.end <= m.start) continue
    if (m.start > pos) parts.push({ text: hit.snippet.slice(pos, m.start), isMatch: false })
    parts.push({ text: hit.snippet.slice(m.start, m.end), isMatch: true })
    pos = m.end
  }
  if (pos < hit.snippet.length) parts.push({ text: hit.snippet.slice(pos), isMatch: false })
  return (
    <Text size="xs" mt={4} className="px-snippet" lineClamp={3} data-testid="search-snippet">
      {parts.map((p, i) =>
        p.isMatch ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </Text>
  )
}
