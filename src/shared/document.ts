/**
 * Documents as the library keeps them. Offsets everywhere are UTF-16 code-unit offsets into
 * `text` (what JavaScript strings use), with `\n` line ends and NFC-normalised Unicode.
 */

/** The formats Parallax reads. Sniffed from the bytes, not trusted from the extension. */
export const DOCUMENT_FORMATS = ['html', 'mhtml', 'pdf', 'docx', 'txt', 'md'] as const
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number]

/**
 * What part of a page a stretch of text is. Only `body` is the article; everything else is kept
 * (a researcher may want the comments) but shown apart and left out of the article's analysis.
 */
export const SEGMENT_ROLES = [
  'title',
  'byline',
  'body',
  'caption',
  'widget',
  'comments',
  'boilerplate',
  'furniture',
  'notes',
] as const
export type SegmentRole = (typeof SEGMENT_ROLES)[number]

/** Human names for segment roles, for the reader and exports. */
export const SEGMENT_ROLE_LABELS: Record<SegmentRole, string> = {
  title: 'Title',
  byline: 'Byline',
  body: 'Article text',
  caption: 'Photo caption',
  widget: 'Site widget',
  comments: 'Reader comments',
  boilerplate: 'Page boilerplate',
  furniture: 'Page header/footer',
  notes: 'Footnotes',
}

/** A stretch of `text` with its role. Segments are sorted, do not overlap, and cover `text`. */
export interface Segment {
  start: number
  end: number
  role: SegmentRole
  /** Why this role was chosen ("heading 'Recommended For You'", "readability body"). */
  reason?: string
}

/** Bibliographic metadata a researcher can edit. */
export interface DocumentMetadata {
  title: string
  outlet: string | null
  author: string | null
  /** ISO 8601 date (YYYY-MM-DD) or date-time, when the page says when it was published. */
  published: string | null
}

/** What the ingest pipeline makes of one file's bytes. */
export interface ExtractedDocument extends DocumentMetadata {
  format: DocumentFormat
  /** The character encoding the bytes were decoded from (for text formats). */
  encoding: string | null
  text: string
  segments: Segment[]
  /** Non-fatal problems a researcher should know about ("3 pages had no text"). */
  warnings: string[]
}

/** A document's entry in the library list: metadata without the text. */
export interface DocumentRecord extends DocumentMetadata {
  /** sha-256 (hex) of the original bytes: the same file is never imported twice. */
  id: string
  fileName: string
  format: DocumentFormat
  encoding: string | null
  /** Size of the original file in bytes. */
  size: number
  importedAt: string
  tags: string[]
  /** Length of the body text in words, for the list. */
  wordCount: number
  warnings: string[]
  /** True for the sample articles shipped with the app. */
  isSample?: boolean
}

/** A document with its text, as the reader shows it. */
export interface DocumentView {
  record: DocumentRecord
  text: string
  segments: Segment[]
}

/** The fields of a record a researcher may change. */
export interface DocumentPatch {
  title?: string
  outlet?: string | null
  author?: string | null
  published?: string | null
  tags?: string[]
}

/** Body text only: the concatenation of body segments, in order, separated by blank lines. */
export function bodyText(text: string, segments: readonly Segment[]): string {
  return segments
    .filter((s) => s.role === 'body')
    .map((s) => text.slice(s.start, s.end).trim())
    .filter((t) => t.length > 0)
    .join('\n\n')
}

/** Counts words the way the list shows them: runs of letters or digits. */
export function countWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)
  return m ? m.length : 0
}
