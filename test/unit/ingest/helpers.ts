import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import type { ExtractedDocument, Segment, SegmentRole } from '../../../src/shared/document'
import { ParallaxError, type ErrorCode } from '../../../src/shared/errors'

const here = path.dirname(fileURLToPath(import.meta.url))
/** The repository root (tests run from anywhere). */
export const REPO_ROOT = path.resolve(here, '../../..')
export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/ingest')

/** A fixture file's bytes. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)))
}

/** Segments must be sorted, non-overlapping, cover the text (gaps only whitespace), and not be empty. */
export function expectWellFormed(doc: ExtractedDocument): void {
  let pos = 0
  for (const s of doc.segments) {
    expect(s.start).toBeGreaterThanOrEqual(pos)
    expect(doc.text.slice(pos, s.start).trim()).toBe('')
    expect(s.end).toBeGreaterThan(s.start)
    expect(s.end).toBeLessThanOrEqual(doc.text.length)
    expect(s.reason ?? '').not.toBe('')
    pos = s.end
  }
  expect(doc.text.slice(pos).trim()).toBe('')
  expect(doc.text).not.toMatch(/\r/)
  expect(doc.text).toBe(doc.text.normalize('NFC'))
  const firstTitle = doc.segments.findIndex((s) => s.role === 'title')
  if (firstTitle >= 0) expect(firstTitle).toBe(0)
}

/** The role of the segment holding the first occurrence of `quote` (which must lie inside one segment). */
export function roleOf(doc: ExtractedDocument, quote: string): SegmentRole {
  const at = doc.text.indexOf(quote)
  expect(at, `"${quote}" should be in the text`).toBeGreaterThanOrEqual(0)
  const seg: Segment | undefined = doc.segments.find(
    (s) => s.start <= at && at + quote.length <= s.end,
  )
  expect(seg, `"${quote}" should lie inside one segment`).toBeDefined()
  return seg!.role
}

/** Runs `fn` and returns the ParallaxError it must throw. */
export async function expectParallaxError(
  fn: () => Promise<unknown>,
  code: ErrorCode,
  file: string,
): Promise<ParallaxError> {
  try {
    await fn()
  } catch (err) {
    expect(err).toBeInstanceOf(ParallaxError)
    const e = err as ParallaxError
    expect(e.code).toBe(code)
    expect(e.file).toBe(file)
    expect(e.message.length).toBeGreaterThan(10)
    return e
  }
  throw new Error(`expected a ParallaxError ${code}, but nothing was thrown`)
}
