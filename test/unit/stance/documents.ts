import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Segment, SegmentRole } from '../../../src/shared/document'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** A document as the stance tests feed it: text and segments. */
export interface TestDocument {
  file: string
  text: string
  segments: Segment[]
}

interface LineRule {
  startsWith: string
  role: SegmentRole
  toEnd?: boolean
}

/**
 * Cuts a plain-text article into segments the simple way: the first non-empty line is the
 * headline, paragraphs are body, and lines matching a rule take the rule's role.
 */
export function segmentPlainText(text: string, rules: readonly LineRule[] = []): Segment[] {
  const segments: Segment[] = []
  const push = (start: number, end: number, role: SegmentRole): void => {
    const last = segments[segments.length - 1]
    if (last && last.role === role && last.end === start) last.end = end
    else if (end > start) segments.push({ start, end, role })
  }
  let offset = 0
  let sawTitle = false
  let rest: SegmentRole | null = null
  for (const line of text.split('\n')) {
    const end = Math.min(text.length, offset + line.length + 1)
    let role: SegmentRole = rest ?? 'body'
    if (!rest) {
      const rule = rules.find((r) => line.startsWith(r.startsWith))
      if (rule) {
        role = rule.role
        if (rule.toEnd) rest = rule.role
      } else if (!sawTitle && line.trim().length > 0) {
        role = 'title'
        sawTitle = true
      }
    }
    push(offset, end, role)
    offset = end
  }
  return segments
}

/** The two sample articles shipped in resources/samples, with segments. */
export async function loadSeed(file: string): Promise<TestDocument> {
  const text = await readFile(`${root}resources/samples/${file}`, 'utf8')
  const spec = JSON.parse(
    await readFile(`${root}test/fixtures/stance/seed-segments.json`, 'utf8'),
  ) as {
    files: Record<string, LineRule[]>
  }
  return { file, text, segments: segmentPlainText(text, spec.files[file] ?? []) }
}

/** One of our own fixture texts in test/fixtures/stance. */
export async function loadFixtureText(file: string): Promise<TestDocument> {
  const text = await readFile(`${root}test/fixtures/stance/${file}`, 'utf8')
  return { file, text, segments: segmentPlainText(text) }
}

export const SEED_A = 'iran-death-toll-continues-to-rise.txt'
export const SEED_B = 'iran-admits-heavy-casualties.txt'
