import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Annotation, Code } from '../../src/shared/annotation'
import { countWords } from '../../src/shared/document'
import type { Project, ProjectDocument } from '../../src/shared/project'
import { makeTarget, reanchorAll } from '../../src/main/project/anchor'
import { annotationsCsv } from '../../src/main/project/exports/annotations-csv'
import { htmlReport } from '../../src/main/project/exports/report-html'
import { webAnnotationJson } from '../../src/main/project/exports/web-annotation'
import { createProject, openProject, saveProject } from '../../src/main/project/project-file'
import { median, type BenchRow } from './table'

const DOCUMENTS = 50
const ANNOTATIONS = 5000
/** About a long news feature each (the samples run to 400–650 words). */
const WORDS_PER_DOC = 4000
const RUNS = 9
const SAMPLES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../resources/samples',
)

/** mulberry32: the same project every run. */
function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** 50 documents of seed sentences with changed numbers, 5,000 annotations with notes, codes and links. */
export async function benchProjectData(): Promise<Project> {
  const random = prng(6)
  const seedText = (
    await Promise.all(
      ['iran-death-toll-continues-to-rise.txt', 'iran-admits-heavy-casualties.txt'].map((f) =>
        readFile(path.join(SAMPLES, f), 'utf8'),
      ),
    )
  ).join('\n')
  const sentences = seedText.split(/(?<=[.!?])\s+/).filter((s) => s.split(/\s+/).length >= 6)
  const documents: ProjectDocument[] = []
  for (let d = 0; d < DOCUMENTS; d++) {
    const parts: string[] = []
    let words = 0
    while (words < WORDS_PER_DOC) {
      const s = sentences[Math.floor(random() * sentences.length)]!.replace(/\d+/g, () =>
        String(Math.floor(random() * 900) + 1),
      )
      parts.push(s)
      words += s.split(/\s+/).length
    }
    const text = parts.join(random() < 0.2 ? '\n\n' : ' ')
    const id = createHash('sha256').update(`${d}\n${text}`).digest('hex')
    documents.push({
      record: {
        id,
        title: `Report ${d + 1}`,
        outlet: `Outlet ${d % 12}`,
        author: null,
        published: '2016-05-09',
        fileName: `report-${d + 1}.html`,
        format: 'html',
        encoding: 'utf-8',
        size: text.length,
        importedAt: '2026-11-20T10:00:00.000Z',
        tags: [],
        wordCount: countWords(text),
        warnings: [],
      },
      text,
      segments: [{ start: 0, end: text.length, role: 'body' }],
    })
  }
  const codebook: Code[] = Array.from({ length: 40 }, (_, i) => ({
    id: `code-${i}`,
    name: `Code ${i}`,
    parentId: i < 8 ? null : `code-${i % 8}`,
    colour: '#4e79a7',
    description: 'A code used in the benchmark project.',
  }))
  const annotations: Annotation[] = []
  for (let i = 0; i < ANNOTATIONS; i++) {
    const doc = documents[i % DOCUMENTS]!
    const start = Math.floor(random() * (doc.text.length - 200))
    const end = start + 20 + Math.floor(random() * 150)
    annotations.push({
      id: `ann-${i}`,
      target: makeTarget(doc.record.id, doc.text, start, end),
      kind: i % 5 === 0 ? 'note' : 'code',
      ...(i % 5 === 0 ? {} : { code: `code-${i % 40}` }),
      note: i % 3 === 0 ? 'Compare with the cumulative count given by the other outlet.' : '',
      status: 'accepted',
      links: i % 10 === 0 && i > 0 ? [{ to: `ann-${i - 1}`, relation: 'same_claim' }] : [],
      author: 'Bench',
      created: '2026-11-20T10:05:00.000Z',
      modified: '2026-11-20T10:05:00.000Z',
    })
  }
  return {
    ...createProject('Benchmark project', '2026-11-20T10:00:00.000Z'),
    documents,
    codebook,
    annotations,
  }
}

async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

/** Wall time and this process's CPU time: on a loaded machine CPU time shows the real cost. */
async function timeBoth(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage()
  const wall = await time(fn)
  const c = process.cpuUsage(c0)
  return { wall, cpu: (c.user + c.system) / 1000 }
}

/** Save and open a 50-document, 5,000-annotation project (targets: < 100 ms, < 300 ms), plus exports. */
export async function benchProject(): Promise<BenchRow[]> {
  const project = await benchProjectData()
  const dir = await mkdtemp(path.join(tmpdir(), 'parallax-bench-project-'))
  try {
    const file = path.join(dir, 'bench.parallax')
    await saveProject(file, project)
    const saves: { wall: number; cpu: number }[] = []
    const opens: { wall: number; cpu: number }[] = []
    for (let i = 0; i < RUNS; i++) saves.push(await timeBoth(() => saveProject(file, project)))
    for (let i = 0; i < RUNS; i++) opens.push(await timeBoth(() => openProject(file)))
    const { size } = await stat(file)

    const edited = new Map(
      project.documents.map((d) => [d.record.id, `Editor's note: updated.\n${d.text}`]),
    )
    const reanchors: number[] = []
    let orphaned = 0
    for (let i = 0; i < 5; i++) {
      reanchors.push(
        await time(() => (orphaned = reanchorAll(project.annotations, edited).orphaned.length)),
      )
    }
    const reports: number[] = []
    const jsonld: number[] = []
    const csv: number[] = []
    for (let i = 0; i < 5; i++) {
      reports.push(await time(() => htmlReport({ project })))
      jsonld.push(await time(() => webAnnotationJson(project)))
      csv.push(await time(() => annotationsCsv(project)))
    }
    const note = `${DOCUMENTS} docs, ${ANNOTATIONS} annotations, ${(size / 1024 / 1024).toFixed(1)} MB`
    return [
      {
        group: 'project',
        subject: 'parallax',
        metric: 'save (atomic, fsync, .bak)',
        value: median(saves.map((x) => x.wall)),
        unit: 'ms',
        note: `${note}; target < 100 ms`,
      },
      {
        group: 'project',
        subject: 'parallax',
        metric: 'save, CPU time',
        value: median(saves.map((x) => x.cpu)),
        unit: 'ms',
        note: 'this process only: no disk waits, no other processes',
      },
      {
        group: 'project',
        subject: 'parallax',
        metric: 'open (parse, validate)',
        value: median(opens.map((x) => x.wall)),
        unit: 'ms',
        note: `${note}; target < 300 ms`,
      },
      {
        group: 'project',
        subject: 'parallax',
        metric: 'open, CPU time',
        value: median(opens.map((x) => x.cpu)),
        unit: 'ms',
        note: 'this process only: no disk waits, no other processes',
      },
      {
        group: 'project',
        subject: 'parallax',
        metric: 're-anchor after edit',
        value: median(reanchors),
        unit: 'ms',
        note: `${ANNOTATIONS} annotations, ${orphaned} orphaned`,
      },
      {
        group: 'project',
        subject: 'parallax',
        metric: 'HTML report',
        value: median(reports),
        unit: 'ms',
        note,
      },
      {
        group: 'project',
        subject: 'parallax',
        metric: 'Web Annotation JSON-LD',
        value: median(jsonld),
        unit: 'ms',
        note,
      },
      {
        group: 'project',
        subject: 'parallax',
        metric: 'annotations CSV',
        value: median(csv),
        unit: 'ms',
        note,
      },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
