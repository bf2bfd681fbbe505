import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BENCH_DIR, loadBenchPages, scoreExtraction } from '../../eval/extraction'

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('the body-extraction metric', () => {
  it.skipIf(!hasPython())('gives the same numbers as the benchmark’s own score.py', async () => {
    const pages = loadBenchPages()
    expect(pages).toHaveLength(90)
    const truth = Object.fromEntries(pages.map((p) => [p.id, p.truth]))
    // Predictions of every kind the metric must handle: exact, partial, padded with junk, empty,
    // repeated text (multiplicity), non-Latin words and underscores.
    const predictions: Record<string, string> = {}
    pages.forEach((p, i) => {
      const paras = p.truth.split('\n')
      if (i % 9 === 0) predictions[p.id] = ''
      else if (i % 9 === 1) predictions[p.id] = p.truth
      else if (i % 9 === 2) predictions[p.id] = paras.filter((_, j) => j % 3 !== 0).join('\n')
      else if (i % 9 === 3)
        predictions[p.id] =
          `Cookie policy: we use cookies.\n${p.truth}\nRecommended For You: ten photos`
      else if (i % 9 === 4) predictions[p.id] = `${p.truth}\n${p.truth}`
      else if (i % 9 === 5) predictions[p.id] = `Žena_1 čita 生活 新聞 ${paras[0] ?? ''}`
      else if (i % 9 === 6) predictions[p.id] = 'one two'
      else predictions[p.id] = paras.slice(0, Math.ceil(paras.length / 2)).join('\n')
    })
    const dir = await mkdtemp(path.join(os.tmpdir(), 'parallax-metric-'))
    try {
      const file = path.join(dir, 'predictions.json')
      await writeFile(
        file,
        JSON.stringify(
          Object.fromEntries(Object.entries(predictions).map(([k, v]) => [k, { articleBody: v }])),
        ),
      )
      const out = execFileSync(
        'python3',
        [path.join(BENCH_DIR, 'score.py'), path.join(BENCH_DIR, 'ground-truth.json'), file],
        { encoding: 'utf8' },
      )
      const py = JSON.parse(out) as {
        f1: number
        precision: number
        recall: number
        accuracy: number
        n: number
      }
      const ts = scoreExtraction(truth, predictions)
      expect(ts.n).toBe(py.n)
      expect(ts.f1).toBeCloseTo(py.f1, 12)
      expect(ts.precision).toBeCloseTo(py.precision, 12)
      expect(ts.recall).toBeCloseTo(py.recall, 12)
      expect(ts.accuracy).toBeCloseTo(py.accuracy, 12)
      expect(py.f1).toBeGreaterThan(0.3)
      expect(py.f1).toBeLessThan(0.95)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
