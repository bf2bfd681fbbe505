import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const repo = resolve(import.meta.dirname, '../../..')
const run = promisify(execFile)
const seedA = join(repo, 'resources/samples/iran-death-toll-continues-to-rise.txt')
const seedB = join(repo, 'resources/samples/iran-admits-heavy-casualties.txt')
const fixtures = join(repo, 'test/fixtures/ingest')

/** Runs the CLI as a user would (plain Node + tsx, no Electron); never throws on exit codes. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', join(repo, 'src/main/cli.ts'), ...args],
      {
        cwd: repo,
        maxBuffer: 64 * 1024 * 1024,
      },
    )
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('the command line', () => {
  let dataDir: string
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parallax-cli-'))
  })
  afterAll(() => rm(dataDir, { recursive: true, force: true }))

  it('imports files into the library in --data-dir and lists them; a bad file fails the run', async () => {
    const imported = await cli([
      'import',
      join(fixtures, 'article.html'),
      join(fixtures, 'broken.pdf'),
      '--data-dir',
      dataDir,
    ])
    expect(imported.code).toBe(1)
    expect(imported.stdout).toMatch(/imported\s+article\.html/)
    expect(imported.stdout).toMatch(/FAILED\s+broken\.pdf: /)
    const listed = await cli(['list', '--json', '--data-dir', dataDir])
    expect(listed.code).toBe(0)
    const titles = (JSON.parse(listed.stdout) as { title: string }[]).map((r) => r.title).sort()
    // The two samples arrive with the first run, beside the imported page.
    expect(titles).toEqual([
      'Floodwaters Cut Off Three Villages in the Sava Valley',
      'Iranian death toll continues to rise!',
      'Syria: Iran Admits “Heavy Casualties”',
    ])
  })

  it('prints body text and segments as JSON, with an error object for a file it cannot read', async () => {
    const res = await cli(['body', seedB, join(fixtures, 'broken.pdf'), '--json'])
    expect(res.code).toBe(1)
    const out = JSON.parse(res.stdout) as Array<Record<string, unknown>>
    expect(out[0]).toMatchObject({ file: seedB, title: 'Syria: Iran Admits “Heavy Casualties”' })
    expect(out[0]!.body).toContain('13 military advisers had been killed')
    expect(out[0]!.body).not.toContain('Leave a Reply')
    const segments = out[0]!.segments as { role: string; start: number; end: number }[]
    const text = out[0]!.text as string
    const comments = segments
      .filter((s) => s.role === 'comments')
      .map((s) => text.slice(s.start, s.end))
      .join('')
    expect(comments).toContain('Leave a Reply')
    expect(out[1]).toMatchObject({
      file: join(fixtures, 'broken.pdf'),
      error: { code: 'corrupt-file' },
    })
  })

  it('analyses and compares the sample articles as JSON', async () => {
    const res = await cli(['compare', seedA, seedB, '--json'])
    expect(res.code).toBe(0)
    const out = JSON.parse(res.stdout) as {
      documents: { figures: { text: string; value: number | null; qualifier: string }[] }[]
      conflicts: { a: { doc: number; figure: number }; b: { doc: number; figure: number } }[]
    }
    const b = out.documents[1]!
    expect(b.figures.find((f) => f.text.includes('at least 700'))).toMatchObject({
      value: 700,
      qualifier: 'at_least',
    })
    // No conflict across the two articles; B's own lede and body disagree.
    expect(out.conflicts.length).toBeGreaterThan(0)
    expect(out.conflicts.every((c) => c.a.doc === c.b.doc)).toBe(true)
  })
})
