/**
 * Analysis throughput on one core: `analyzeDocument` on ~1 MB of news text built from the seeds
 * and our fixtures, beside wink-nlp's own `readDoc` (default pipeline, and the sbd+pos pipeline we
 * use) on the same text in the same run, plus peak memory for a 1 MB text.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { analyzeDocument } from '../../src/main/analysis/index'
import { analyzeStance } from '../../src/main/analysis/stance/index'
import { median, type BenchRow } from './table'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** About `size` characters of realistic news text: the seeds and fixtures, repeated. */
export async function newsText(size: number): Promise<string> {
  const seeds = join(ROOT, '..', 'shared', 'seeds')
  const fixtures = join(ROOT, 'test', 'fixtures', 'analysis')
  const files = [
    ...(await readdir(seeds)).filter((f) => f.endsWith('.txt')).map((f) => join(seeds, f)),
    ...(await readdir(fixtures)).filter((f) => f.endsWith('.txt')).map((f) => join(fixtures, f)),
  ]
  const parts = await Promise.all(files.map((f) => readFile(f, 'utf8')))
  const block = parts.join('\n\n') + '\n\n'
  return block.repeat(Math.ceil(size / block.length)).slice(0, size)
}

function time(fn: () => void): number {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}

export async function benchAnalysis(): Promise<BenchRow[]> {
  const text = await newsText(1_000_000)
  const mb = text.length / 1e6
  const winkDefault = winkNLP(model)
  const winkOurs = winkNLP(model, ['sbd', 'pos'])
  const input = { docId: 'bench', text, segments: [], published: '2016-05-08' }
  // Warm-up: model load and JIT, so the runs measure steady state.
  analyzeDocument({ ...input, text: text.slice(0, 50_000) })
  // Memory first, before the wink peers allocate their own documents in this process.
  const rssBefore = process.memoryUsage().rss
  const analysis = analyzeDocument(input)
  const mem = process.memoryUsage()
  winkDefault.readDoc(text.slice(0, 50_000))
  const ours: number[] = []
  const wink: number[] = []
  const winkPipe: number[] = []
  // Interleaved, so load from other processes on this machine hits all three alike.
  for (let i = 0; i < 3; i++) {
    ours.push(time(() => analyzeDocument(input)))
    wink.push(time(() => winkDefault.readDoc(text)))
    winkPipe.push(time(() => winkOurs.readDoc(text)))
  }
  // The stance layer (issue 4) runs inside analyzeDocument; time it alone to show each share.
  const stanceInput = {
    text,
    segments: [],
    sentences: analysis.sentences,
    entities: analysis.entities,
  }
  const stance = [0, 1, 2].map(() => time(() => analyzeStance(stanceInput)))
  const oursMBs = mb / (median(ours) / 1000)
  const winkMBs = mb / (median(wink) / 1000)
  const winkPipeMBs = mb / (median(winkPipe) / 1000)
  return [
    {
      group: 'analysis',
      subject: 'parallax',
      metric: 'analyzeDocument throughput',
      value: oursMBs,
      unit: 'MB/s',
      note: `${mb.toFixed(2)} MB, ${analysis.figures.length} figures, median of 3; target ≥ 2 MB/s`,
    },
    {
      group: 'analysis',
      subject: 'parallax',
      metric: 'throughput without the stance layer',
      value: mb / ((median(ours) - median(stance)) / 1000),
      unit: 'MB/s',
      note: `stance layer alone ${Math.round(median(stance))} ms of ${Math.round(median(ours))} ms`,
    },
    {
      group: 'analysis',
      subject: 'wink readDoc',
      metric: 'throughput (default pipe)',
      value: winkMBs,
      unit: 'MB/s',
    },
    {
      group: 'analysis',
      subject: 'wink readDoc',
      metric: 'throughput (sbd+pos pipe)',
      value: winkPipeMBs,
      unit: 'MB/s',
    },
    {
      group: 'analysis',
      subject: 'parallax',
      metric: 'ratio to wink readDoc (default)',
      value: oursMBs / winkMBs,
      unit: '×',
      note: 'target ≥ 0.75',
    },
    {
      group: 'analysis',
      subject: 'parallax',
      metric: 'process RSS after 1 MB',
      value: Math.round(mem.rss / 1e6),
      unit: 'MB',
      note: `was ${Math.round(rssBefore / 1e6)} MB before; heap used ${Math.round(mem.heapUsed / 1e6)} MB; target < 300 MB`,
    },
  ]
}
