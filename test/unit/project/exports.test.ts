import { writeFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Comparison } from '../../../src/shared/compare'
import type { Project } from '../../../src/shared/project'
import { annotationsCsv } from '../../../src/main/project/exports/annotations-csv'
import { csvField } from '../../../src/main/project/exports/csv'
import { figuresCsv } from '../../../src/main/project/exports/figure-rows'
import { refiQdaCodebook } from '../../../src/main/project/exports/qdc'
import { htmlReport } from '../../../src/main/project/exports/report-html'
import { markdownReport } from '../../../src/main/project/exports/report-markdown'
import {
  type webAnnotationCollection,
  webAnnotationJson,
} from '../../../src/main/project/exports/web-annotation'
import { projectWithFigures, sampleProject, tempDir } from './fixtures'

/** The slice of jsdom these tests use (jsdom ships no typings and the node tsconfig has no DOM lib). */
interface El {
  textContent: string | null
  namespaceURI: string | null
  parentElement: El | null
  getAttribute(name: string): string | null
  getElementsByTagName(name: string): ArrayLike<El> & Iterable<El>
  querySelector(selector: string): El | null
  querySelectorAll(selector: string): ArrayLike<El> & Iterable<El>
}
interface Doc extends El {
  documentElement: El
  body: El
}
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (text: string, options?: { contentType: string }) => { window: { document: Doc } }
}

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(async () => cleanup())

/** A strict RFC 4180 reader, to check the writer against (not a copy of it). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let quoted = false
  for (; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else if (c === '\n' || c === '\r') throw new Error(`bare line break at ${i}`)
    else field += c
  }
  if (field !== '' || row.length > 0) throw new Error('last record not terminated by CRLF')
  return rows
}

describe('CSV exports', () => {
  it('figures CSV: one row per figure with the outlet, reviews applied, RFC 4180 quoting and a formula guard', async () => {
    const { project, analyses } = await projectWithFigures()
    const text = figuresCsv(project, analyses)
    const path = join(dir, 'figures.csv')
    await writeFile(path, text)
    const rows = parseCsv(await readFile(path, 'utf8'))
    const [head, ...body] = rows
    expect(head).toContain('outlet')
    const col = (name: string) => head!.indexOf(name)
    // 4 machine figures + the researcher's own figure annotation.
    expect(body).toHaveLength(5)
    expect(body.every((r) => r.length === head!.length)).toBe(true)
    const byId = new Map(body.map((r) => [r[col('figure_id')]!, r]))
    expect(byId.get('fa1')![col('outlet')]).toBe('Iran Focus')
    expect(byId.get('fa1')![col('source')]).toBe(`'=HYPERLINK("http://evil.example","x")`)
    expect(byId.get('fb1')![col('subject')]).toBe('dead, "ground forces"\nof Iran')
    expect(byId.get('fb1')![col('outlet')]).toBe('Global Research')
    expect(byId.get('fb2')![col('status')]).toBe('edited')
    // A number is written as a number, never guarded, even when negative.
    expect(byId.get('fb2')![col('value')]).toBe('-5')
    expect(byId.get('fb2')![col('qualifier')]).toBe('about')
    expect(byId.get('fb3')![col('status')]).toBe('rejected')
    const own = body.find((r) => r[col('origin')] === 'researcher')!
    expect(own[col('value')]).toBe('40')
    expect(own[col('time_scope')]).toBe('in the past 3 weeks')

    expect(parseCsv(figuresCsv(project, analyses, { includeRejected: false }))).toHaveLength(5)
  })

  it('guards every formula lead character and quotes only when needed', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'].map(csvField)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
    ])
    expect(csvField(-1)).toBe('-1')
    expect(csvField('plain')).toBe('plain')
    expect(csvField(' padded')).toBe('" padded"')
    expect(csvField(null)).toBe('')
  })

  it('annotations CSV: code paths, links and quotes survive a round trip', async () => {
    const project = await sampleProject()
    const rows = parseCsv(annotationsCsv(project))
    const [head, ...body] = rows
    expect(body).toHaveLength(project.annotations.length)
    const col = (n: string) => head!.indexOf(n)
    const y = body.find((r) => r[col('annotation_id')] === project.annotations[1]!.id)!
    expect(y[col('code')]).toBe('Casualties')
    expect(y[col('note')]).toBe(project.annotations[1]!.note)
    expect(y[col('links')]).toBe(`same_claim:${project.annotations[0]!.id}`)
    expect(y[col('outlet')]).toBe('Global Research')
  })
})

describe('W3C Web Annotation JSON-LD', () => {
  it('exports each annotation with a TextQuoteSelector and a TextPositionSelector that point at the text', async () => {
    const project = await sampleProject()
    const parsed = JSON.parse(webAnnotationJson(project)) as ReturnType<
      typeof webAnnotationCollection
    > & {
      first: {
        items: {
          id: string
          type: string
          target: { source: string; selector: Record<string, unknown>[] }
          body: unknown
        }[]
      }
    }
    expect(parsed['@context']).toBe('http://www.w3.org/ns/anno.jsonld')
    expect(parsed.type).toBe('AnnotationCollection')
    expect(parsed.first.items).toHaveLength(3)
    for (const [i, item] of parsed.first.items.entries()) {
      const a = project.annotations[i]!
      const doc = project.documents.find((d) => d.record.id === a.target.docId)!
      expect(item.type).toBe('Annotation')
      expect(item.id).toBe(`urn:uuid:${a.id}`)
      expect(item.target.source).toBe(
        `ni:///sha-256;${Buffer.from(doc.record.id, 'hex').toString('base64url')}`,
      )
      const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector')!
      const pos = item.target.selector.find((s) => s.type === 'TextPositionSelector') as {
        start: number
        end: number
      }
      expect(doc.text.slice(pos.start, pos.end)).toBe(quote.exact)
      expect(doc.text.slice(pos.start - (quote.prefix as string).length, pos.start)).toBe(
        quote.prefix,
      )
    }
    const linked = JSON.stringify(parsed.first.items[1]!.body)
    expect(linked).toContain('"purpose":"linking"')
    expect(linked).toContain(`urn:uuid:${project.annotations[0]!.id}`)
  })
})

describe('REFI-QDA codebook', () => {
  it('writes well-formed XML with nested codes, escaped names and GUIDs', async () => {
    const project = await sampleProject()
    project.codebook.push({
      id: 'code-odd',
      name: 'Quotes "scare" & <irony>',
      parentId: 'code-scare',
      colour: '#abcdef',
      description: "It's <b>bold</b>\u0001",
    })
    const xml = refiQdaCodebook(project)
    const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
    expect(doc.documentElement.namespaceURI).toBe('urn:QDA-XML:codebook:1.0')
    const codes = [...doc.getElementsByTagName('Code')]
    expect(codes).toHaveLength(4)
    for (const c of codes)
      expect(c.getAttribute('guid')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      )
    const odd = codes.find((c) => c.getAttribute('name') === 'Quotes "scare" & <irony>')!
    expect(odd.parentElement!.getAttribute('name')).toBe('Scare quotes')
    expect(odd.parentElement!.parentElement!.getAttribute('name')).toBe('Framing')
    expect(odd.getAttribute('color')).toBe('#ABCDEF')
    expect(odd.getElementsByTagName('Description')[0]!.textContent).toBe("It's <b>bold</b>")
    // The same project exports the same GUIDs (other tools match codes across exports).
    expect(refiQdaCodebook(project)).toBe(xml)
  })
})

const comparison = (project: Project): Comparison => ({
  documents: project.documents.map((d) => ({
    id: d.record.id,
    title: d.record.title,
    outlet: d.record.outlet,
    published: d.record.published,
  })),
  quantities: [
    {
      label: 'killed — Iranian <combatants>',
      unit: null,
      figures: [
        { doc: 0, figure: 0 },
        { doc: 1, figure: 0 },
      ],
      verdict: 'different_scope',
      reason: 'a 3-week window vs a cumulative total',
      intervals: [
        {
          doc: 0,
          figure: 0,
          low: 40,
          high: null,
          isLowOpen: false,
          isHighOpen: true,
          text: 'at least 40',
          qualifier: 'at least',
          scope: 'past 3 weeks',
          claimant: 'Iranian media',
        },
        {
          doc: 1,
          figure: 0,
          low: 700,
          high: null,
          isLowOpen: false,
          isHighOpen: true,
          text: 'at least 700 dead',
          qualifier: 'at least',
          scope: 'in total',
          claimant: 'Fars',
        },
      ],
      pairs: [],
    },
  ],
  conflicts: [],
  inconsistencies: [],
  claims: [{ relation: 'same', sentences: [], score: 0.8, reason: 'shared terms' }],
  sources: {
    sources: [
      {
        key: 'fars',
        name: 'the Fars news agency',
        docs: [{ doc: 1, count: 2, mentions: [] }],
        isShared: false,
      },
    ],
    chains: [
      {
        doc: 1,
        chain: ['irgc-official', 'fars'],
        text: 'a Revolutionary Guards official via Fars',
      },
    ],
    uniqueByDoc: [[], ['fars']],
    sharedByAll: [],
  },
  labels: [
    {
      actor: 'Syrian opposition',
      ids: [null, 'a1'],
      cells: [
        {
          doc: 1,
          labels: [
            {
              text: '“rebels”',
              connotation: 'delegitimising',
              rule: 'scare-quote',
              start: 0,
              end: 1,
            },
          ],
          stance: -0.5,
          evidence: [],
        },
      ],
      isFramedDifferently: true,
    },
  ],
  derivation: [],
  elapsedMs: 3,
})

describe('reports', () => {
  it('HTML report: opens without scripts, escapes every text, charts figure groups as inline SVG', async () => {
    const project = await sampleProject()
    project.annotations[2]!.note = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    project.notes[0]!.body = 'Ask <b>Lena</b> & check "Fars"'
    const html = htmlReport({
      project,
      comparison: comparison(project),
      generatedAt: '2026-11-21T09:00:00.000Z',
    })
    const path = join(dir, 'report.html')
    await writeFile(path, html)
    const dom = new JSDOM(await readFile(path, 'utf8'))
    const doc = dom.window.document
    expect(doc.querySelectorAll('script')).toHaveLength(0)
    expect(doc.querySelectorAll('img')).toHaveLength(0)
    expect(doc.querySelectorAll('[onerror],[onload],[onclick]')).toHaveLength(0)
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?https?:/i)
    expect(
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content'),
    ).toContain("default-src 'none'")
    expect(doc.body.textContent).toContain('<script>alert("x")</script>')
    expect(doc.body.textContent).toContain('Ask <b>Lena</b> & check "Fars"')
    const svg = doc.querySelector('svg')!
    expect(svg.querySelectorAll('rect.bar')).toHaveLength(2)
    expect(svg.textContent).toContain('Iran Focus: at least 40')
    expect(doc.querySelector('h3')!.textContent).toContain('killed — Iranian <combatants>')
    expect(doc.body.textContent).toContain('the Fars news agency')
    expect(doc.body.textContent).toContain('“rebels” (delegitimising)')
    // Annotated excerpts show the quote, code path and link target.
    const quotes = [...doc.querySelectorAll('blockquote')].map((q) => q.textContent)
    expect(quotes).toContain('at least 700 dead')
    expect(doc.body.textContent).toContain('same claim as Iran Focus, “at least 40 member')
  })

  it('HTML report without a comparison still lists documents, excerpts and notes', async () => {
    const project = await sampleProject()
    const doc = new JSDOM(htmlReport({ project })).window.document
    expect([...doc.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      'Documents',
      'Annotated excerpts',
      'Notes',
    ])
  })

  it('Markdown report: document text cannot become headings, links or raw HTML', async () => {
    const project = await sampleProject()
    project.annotations[2]!.note = '# Not a heading\n[click](http://evil.example) <img src=x>'
    const md = markdownReport({
      project,
      comparison: comparison(project),
      generatedAt: '2026-11-21T09:00:00.000Z',
    })
    expect(md.startsWith('# Iran casualties\n')).toBe(true)
    expect(md).toContain('\\# Not a heading')
    expect(md).toContain('\\[click\\]\\(http://evil.example\\) \\<img src=x\\>')
    expect(md).not.toMatch(/^# Not a heading/m)
    expect(md).toContain('| Iran Focus | at least 40 | \\[40, ∞\\) |')
    expect(md).toContain('## Labels for actors')
    expect(md).toContain('> at least 700 dead')
  })
})
