import { describe, expect, it } from 'vitest'
import type { Segment } from '../../../shared/document'
import { buildBlocks, MAX_PARAGRAPH_CHARS, splitParagraphs } from './blocks'

const text = [
  'Syria: Iran Admits “Heavy Casualties”',
  '',
  'The Iranian government has confirmed at least 700 dead.',
  '',
  'Contrary to Western propaganda, only Iran fights.',
  '',
  'The Iranian army in action against ISIS in Syria.',
  '',
  'Iran has been increasing its presence.',
  '',
  'Recommended For You',
  '',
  '  1. Isis has become a reincarnation of the Hydra.',
  '',
  '  2. Muslims fighting Muslim.',
  'Leave a Reply',
].join('\n')

function segment(role: Segment['role'], from: string, to: string | null): Segment {
  const start = text.indexOf(from)
  const end = to === null ? text.length : text.indexOf(to)
  if (start < 0 || end < 0) throw new Error(`fixture text lacks ${from} / ${to}`)
  return { start, end, role }
}

const segments: Segment[] = [
  segment('title', 'Syria:', '\n\nThe Iranian government'),
  segment('body', '\n\nThe Iranian government', 'The Iranian army'),
  segment('caption', 'The Iranian army', '\n\nIran has'),
  segment('body', '\n\nIran has', 'Recommended'),
  segment('widget', 'Recommended', '  1. Isis'),
  segment('comments', '  1. Isis', null),
]

describe('buildBlocks', () => {
  it('lays out title, body paragraphs and labelled non-body boxes in order', () => {
    const blocks = buildBlocks(text, segments)
    expect(blocks.map((b) => (b.kind === 'aside' ? `aside:${b.role}` : b.kind))).toEqual([
      'title',
      'body',
      'body',
      'aside:caption',
      'body',
      'aside:widget',
      'aside:comments',
    ])
    const slice = (p: { start: number; end: number }) => text.slice(p.start, p.end)
    const title = blocks[0]
    expect(title?.kind === 'title' && slice(title.paragraph)).toBe(
      'Syria: Iran Admits “Heavy Casualties”',
    )
    const comments = blocks[6]
    expect(comments?.kind).toBe('aside')
    if (comments?.kind === 'aside') {
      expect(comments.label).toBe('Reader comments')
      // Single line breaks stay inside a paragraph; blank lines separate paragraphs.
      expect(comments.paragraphs.map(slice)).toEqual([
        '1. Isis has become a reincarnation of the Hydra.',
        '2. Muslims fighting Muslim.\nLeave a Reply',
      ])
    }
    // No body paragraph holds comment or caption text.
    const body = blocks.flatMap((b) => (b.kind === 'body' ? [slice(b.paragraph)] : []))
    expect(body.join(' ')).not.toMatch(/Hydra|army in action/)
  })

  it('treats text no segment covers as body, and no segments at all as all body', () => {
    expect(buildBlocks('One.\n\nTwo.', []).map((b) => b.kind)).toEqual(['body', 'body'])
    const partial = buildBlocks('Title\n\nBody text.', [{ start: 0, end: 5, role: 'title' }])
    expect(partial.map((b) => b.kind)).toEqual(['title', 'body'])
  })

  it('cuts a single 100,000-character line into pieces that tile it exactly', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i % 97}`).join(' ')
    const long = words.slice(0, 100_000)
    const parts = splitParagraphs(long, 0, long.length)
    expect(parts.length).toBeGreaterThan(long.length / MAX_PARAGRAPH_CHARS - 1)
    for (const p of parts) expect(p.end - p.start).toBeLessThanOrEqual(MAX_PARAGRAPH_CHARS + 1)
    expect(parts.map((p) => long.slice(p.start, p.end)).join('')).toBe(long)
  })

  it('never cuts a surrogate pair in half', () => {
    // The leading "x" puts every forced cut point between the two halves of a pair.
    const emoji = 'x' + '😀'.repeat(MAX_PARAGRAPH_CHARS)
    const parts = splitParagraphs(emoji, 0, emoji.length)
    expect(parts.length).toBeGreaterThan(1)
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
    for (const p of parts) expect(emoji.slice(p.start, p.end)).not.toMatch(loneSurrogate)
    expect(parts.map((p) => emoji.slice(p.start, p.end)).join('')).toBe(emoji)
  })
})
