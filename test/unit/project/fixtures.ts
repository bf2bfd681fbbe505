import { createHash, randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DocumentAnalysis, Figure } from '../../../src/shared/analysis'
import type { Annotation } from '../../../src/shared/annotation'
import { countWords } from '../../../src/shared/document'
import type { Project, ProjectDocument } from '../../../src/shared/project'
import { makeTarget } from '../../../src/main/project/anchor'
import { createProject } from '../../../src/main/project/project-file'

/** The one fixture helper for project tests: paths, temp folders and a realistic project. */
const here = dirname(fileURLToPath(import.meta.url))
export const ROOT = resolve(here, '../../..')
export const FIXTURES = join(ROOT, 'test/fixtures/project')
const SAMPLES = join(ROOT, 'resources/samples')

export const SAMPLE_FILES = [
  'iran-death-toll-continues-to-rise.txt',
  'iran-admits-heavy-casualties.txt',
] as const

/** A fresh temp folder, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'parallax-project-'))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex')
}

/** A sample article as a project document (id = sha-256 of its bytes, as the library makes it). */
export async function sampleDocument(
  file: string,
  outlet: string | null = null,
): Promise<ProjectDocument> {
  const bytes = await readFile(join(SAMPLES, file))
  const text = bytes.toString('utf8').replace(/\r\n?/g, '\n').normalize('NFC')
  return {
    record: {
      id: createHash('sha256').update(bytes).digest('hex'),
      title: text.slice(0, text.indexOf('\n')),
      outlet,
      author: null,
      published: null,
      fileName: file,
      format: 'txt',
      encoding: 'utf-8',
      size: bytes.byteLength,
      importedAt: '2026-11-20T10:00:00.000Z',
      tags: ['sample'],
      wordCount: countWords(text),
      warnings: [],
      isSample: true,
    },
    text,
    segments: [{ start: 0, end: text.length, role: 'body' }],
  }
}

/** An annotation on the first occurrence of `quote` in a document. */
export function annotationOn(
  doc: ProjectDocument,
  quote: string,
  fields: Partial<Annotation> = {},
): Annotation {
  const start = doc.text.indexOf(quote)
  if (start < 0) throw new Error(`quote not in ${doc.record.fileName}: ${quote}`)
  return {
    id: randomUUID(),
    target: makeTarget(doc.record.id, doc.text, start, start + quote.length),
    kind: 'note',
    status: 'accepted',
    links: [],
    author: 'Test Researcher',
    created: '2026-11-20T10:05:00.000Z',
    modified: '2026-11-20T10:05:00.000Z',
    ...fields,
  }
}

/** The two sample articles with codes, annotations (one linked), a comparison, a note and a lexicon entry. */
export async function sampleProject(): Promise<Project> {
  const a = await sampleDocument(SAMPLE_FILES[0], 'Iran Focus')
  const b = await sampleDocument(SAMPLE_FILES[1], 'Global Research')
  const project = createProject('Iran casualties', '2026-11-20T10:00:00.000Z')
  const x = annotationOn(a, 'at least 40 member of the Revolutionary Guards have been killed', {
    kind: 'figure',
    figure: {
      value: 40,
      qualifier: 'at_least',
      measure: 'killed',
      scope: 'in the past 3 weeks',
      source: 'the Iranian media',
    },
    code: 'code-casualties',
  })
  const y = annotationOn(b, 'at least 700 dead', {
    kind: 'code',
    code: 'code-casualties',
    note: 'Cumulative total — “in total”, not a window.\nSecond line with <b>markup</b> & a =formula.',
    links: [{ to: x.id, relation: 'same_claim' }],
  })
  const z = annotationOn(b, 'Western propaganda', {
    kind: 'stance',
    stance: { toward: 'Western media', value: 'opposes' },
  })
  return {
    ...project,
    documents: [a, b],
    annotations: [x, y, z],
    codebook: [
      {
        id: 'code-casualties',
        name: 'Casualties',
        parentId: null,
        colour: '#e15759',
        description: 'Counts of the dead & wounded',
      },
      { id: 'code-framing', name: 'Framing', parentId: null, colour: '#4e79a7', description: '' },
      {
        id: 'code-scare',
        name: 'Scare quotes',
        parentId: 'code-framing',
        colour: '#76b7b2',
        description: '',
      },
    ],
    comparisons: [
      {
        id: 'cmp-1',
        name: 'A vs B',
        docIds: [a.record.id, b.record.id],
        view: { columns: 2, showLinks: true },
        created: project.created,
        modified: project.created,
      },
    ],
    lexicon: [
      { term: 'regime', kind: 'loaded', polarity: -0.5, note: 'pejorative for a government' },
    ],
    notes: [
      {
        id: 'note-1',
        title: 'Open questions',
        body: 'Which count is cumulative?',
        created: project.created,
        modified: project.created,
      },
    ],
  }
}

/** A machine figure on the first occurrence of `quote`. */
export function figure(
  doc: Project['documents'][number],
  quote: string,
  id: string,
  fields: Partial<Figure>,
): Figure {
  const start = doc.text.indexOf(quote)
  if (start < 0) throw new Error(`missing ${quote}`)
  return {
    id,
    start,
    end: start + quote.length,
    text: quote,
    segmentRole: 'body',
    value: null,
    low: null,
    high: null,
    qualifier: 'exact',
    qualifierText: null,
    kind: 'count',
    unit: null,
    measure: null,
    subject: null,
    timeScope: null,
    location: null,
    source: null,
    sentence: { start, end: start + quote.length },
    evidence: ['rule:number'],
    confidence: 0.9,
    ...fields,
  }
}

/** The sample project with machine figures (one edited, one rejected by review) and their analyses. */
export async function projectWithFigures(): Promise<{
  project: Project
  analyses: DocumentAnalysis[]
}> {
  const project = await sampleProject()
  const [a, b] = project.documents as [Project['documents'][number], Project['documents'][number]]
  const span = (doc: typeof a, t: string) => ({
    start: doc.text.indexOf(t),
    end: doc.text.indexOf(t) + t.length,
    text: t,
  })
  const analysis = (doc: typeof a, figures: Figure[]): DocumentAnalysis => ({
    docId: doc.record.id,
    analyserVersion: 'test',
    sentences: [],
    figures,
    dates: [],
    entities: [],
    attributions: [],
    actors: [],
    stanceCues: [],
    stanceSummary: null,
    elapsedMs: 0,
  })
  const analyses = [
    analysis(a, [
      figure(a, 'at least 40', 'fa1', {
        value: 40,
        low: 40,
        qualifier: 'at_least',
        qualifierText: 'at least',
        measure: { ...span(a, 'killed'), normalized: 'killed' },
        source: { ...span(a, 'the Iranian media'), text: '=HYPERLINK("http://evil.example","x")' },
      }),
    ]),
    analysis(b, [
      figure(b, '700', 'fb1', {
        value: 700,
        low: 700,
        qualifier: 'at_least',
        subject: { ...span(b, 'dead'), text: 'dead, "ground forces"\nof Iran' },
      }),
      figure(b, '13', 'fb2', { value: 13, low: 13, high: 13 }),
      figure(b, '21', 'fb3', { value: 21, low: 21, high: 21 }),
    ]),
  ]
  const review = (
    id: string,
    machineId: string,
    quote: string,
    status: 'rejected' | 'edited',
    extra = {},
  ) => ({
    ...annotationOn(b, quote, {
      id,
      kind: 'machine-review' as const,
      machineRef: { layer: 'figure' as const, id: machineId },
      status,
    }),
    ...extra,
  })
  project.annotations.push(
    review('r1', 'fb2', '13 military advisers', 'edited', {
      figure: { value: -5, qualifier: 'about', measure: 'killed' },
    }),
    review('r2', 'fb3', '21 wounded', 'rejected'),
  )
  return { project, analyses }
}
