import { createHash } from 'node:crypto'
import { v } from '../../../shared/validate'
import { makeTarget, reanchor } from '../anchor'
import { parseProjectPart } from '../project-errors'
import type { Migration } from './index'

/**
 * Version 1 (the pre-release format) kept annotations as bare offsets with a `quote`, a `label`
 * (code id) and a `comment`; codes had `color` and `parent`; comparisons were `views` without ids;
 * notes were one string; there was no project id and no user lexicon. Version 2 stores W3C
 * text-quote + text-position selectors (so annotations survive re-import), annotation kinds,
 * links, a hierarchical codebook with descriptions, comparisons with ids and view settings, a
 * list of notes, and the user's lexicon entries.
 */
const v1Schema = v.object({
  format: v.literal('parallax-project'),
  name: v.string({ max: 2000 }),
  savedAt: v.string({ min: 1, max: 64 }),
  documents: v.array(
    v.object({
      record: v.object({ id: v.string({ min: 1, max: 200 }) }),
      text: v.string({ max: 200_000_000 }),
    }),
    { max: 100_000 },
  ),
  annotations: v.array(
    v.object({
      id: v.string({ min: 1, max: 200 }),
      docId: v.string({ min: 1, max: 200 }),
      start: v.number({ min: 0, integer: true }),
      end: v.number({ min: 0, integer: true }),
      quote: v.string({ max: 10_000_000 }),
      label: v.optional(v.nullable(v.string({ min: 1, max: 200 }))),
      comment: v.optional(v.nullable(v.string({ max: 1_000_000 }))),
      status: v.optional(v.literal('pending', 'accepted', 'rejected')),
      author: v.optional(v.string({ max: 500 })),
      createdAt: v.string({ min: 1, max: 64 }),
    }),
    { max: 10_000_000 },
  ),
  codes: v.array(
    v.object({
      id: v.string({ min: 1, max: 200 }),
      name: v.string({ min: 1, max: 500 }),
      parent: v.optional(v.nullable(v.string({ min: 1, max: 200 }))),
      color: v.optional(v.string({ max: 50 })),
    }),
    { max: 100_000 },
  ),
  views: v.optional(
    v.array(
      v.object({
        name: v.optional(v.string({ max: 2000 })),
        docIds: v.array(v.string({ max: 200 })),
      }),
    ),
  ),
  notes: v.optional(v.string({ max: 10_000_000 })),
})

export const migrateV1ToV2: Migration = {
  from: 1,
  to: 2,
  description:
    'annotations gained quote selectors, kinds and links; codes gained descriptions; comparisons and notes became lists',
  up(data, fileName) {
    const old = parseProjectPart(v1Schema, data, fileName)
    // The id must be the same every time the same v1 file is opened, or each open would leave
    // a differently named recovery file behind.
    const id = uuidFrom(createHash('sha256').update(JSON.stringify(data)).digest())
    const texts = new Map(old.documents.map((d) => [d.record.id, d.text]))
    const annotations = old.annotations.map((a) => {
      const text = texts.get(a.docId)
      let target = {
        docId: a.docId,
        start: a.start,
        end: Math.max(a.start, a.end),
        exact: a.quote,
        prefix: '',
        suffix: '',
      }
      if (text !== undefined) {
        const match = reanchor(target, text)
        target = match ? makeTarget(a.docId, text, match.start, match.end) : { ...target }
        if (!match) Object.assign(target, { isOrphaned: true })
      }
      const label = a.label ?? undefined
      const comment = a.comment ?? undefined
      return {
        id: a.id,
        target,
        kind: label ? 'code' : 'note',
        ...(label ? { code: label } : {}),
        ...(comment !== undefined ? { note: comment } : {}),
        status: a.status ?? 'accepted',
        links: [],
        author: a.author ?? '',
        created: a.createdAt,
        modified: a.createdAt,
      }
    })
    const codebook = old.codes.map((c) => ({
      id: c.id,
      name: c.name,
      parentId: c.parent ?? null,
      colour: normaliseColour(c.color),
      description: '',
    }))
    const comparisons = (old.views ?? []).map((view, i) => ({
      id: `comparison-${i + 1}`,
      name: view.name ?? `Comparison ${i + 1}`,
      docIds: view.docIds,
      view: {},
      created: old.savedAt,
      modified: old.savedAt,
    }))
    const notes =
      old.notes && old.notes.trim().length > 0
        ? [
            {
              id: 'note-1',
              title: 'Notes',
              body: old.notes,
              created: old.savedAt,
              modified: old.savedAt,
            },
          ]
        : []
    return {
      format: 'parallax-project',
      schemaVersion: 2,
      id,
      name: old.name,
      created: old.savedAt,
      modified: old.savedAt,
      // Documents kept their v1 shape (record + text + segments), which is the v2 shape.
      documents: (data as { documents: unknown }).documents,
      annotations,
      codebook,
      comparisons,
      lexicon: [],
      notes,
    }
  },
}

/** "#abc" and "#aabbcc" in any case become "#aabbcc"; anything else a neutral grey. */
function normaliseColour(colour: string | undefined): string {
  const c = (colour ?? '').trim().toLowerCase()
  if (/^#[0-9a-f]{6}$/.test(c)) return c
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c)
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : '#bab0ac'
}

function uuidFrom(hash: Buffer): string {
  const b = Buffer.from(hash.subarray(0, 16))
  b[6] = (b[6]! & 0x0f) | 0x50
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
