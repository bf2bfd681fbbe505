/**
 * Analysis throughput on one core: `analyzeDocument` on ~1 MB of news text built from the seeds
 * and our fixtures, beside wink-nlp's own `readDoc` (default pipeline, and the sbd+pos pipeline we
 * use) on the same text in the same run, plus peak memory for a 1 MB text. The analysis is timed
 * as the app ships it (built-analysis.ts); one row shows the source under tsx for comparison.
 */
import { execFileSync } from 'node:child_process'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { analyzeDocument as analyzeDocumentUnderTsx } from '../../src/main/analysis/index'
import { builtAnalysis, type BuiltAnalysis } from './built-analysis'
import { interleaved, startIsolated, type Timing } from './isolated-runner'
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

/** Wall and CPU time of one call, in ms. CPU time (this process, all threads) is what the
 * call cost; wall time also counts waiting for a core on a loaded machine. */
function measure(fn: () => void): Timing {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  fn()
  const wall = performance.now() - t0
  const c = process.cpuUsage(c0)
  return { wall, cpu: (c.user + c.system) / 1000 }
}

const RUNS = 7

/**
 * Runs an ES module script in a fresh Node process (from the repository, so packages resolve)
 * and returns the JSON it prints last.
 */
function inFreshProcess<T>(script: string): T {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  return JSON.parse(out.trim().split('\n').pop()!) as T
}

/**
 * Peak RSS of a fresh Node process that loads the analysis and analyses `size` characters once:
 * what one analysis costs in memory, free of this process's warm-up runs and wink peers.
 */
function memoryInFreshProcess(
  built: BuiltAnalysis,
  textFile: string,
): { peak: number; beforeModel: number; heap: number } {
  const script = `
    const { readFile } = await import('node:fs/promises')
    const { analyzeDocument } = await import(${JSON.stringify(pathToFileURL(built.path).href)})
    const text = await readFile(${JSON.stringify(textFile)}, 'utf8')
    const beforeModel = process.memoryUsage().rss
    analyzeDocument({ docId: 'mem', text, segments: [], published: '2016-05-08' })
    const heap = process.memoryUsage().heapUsed
    console.log(JSON.stringify({ peak: process.resourceUsage().maxRSS * 1024, beforeModel, heap }))`
  return inFreshProcess(script)
}

/**
 * CPU time of one analysis of the 90 distinct news articles of the extraction benchmark (0.44 MB)
 * in a fresh process, beside wink's readDoc on the same text in that process: no warm-up and no
 * repeated text, so nothing is served from a per-word memo filled by an earlier run.
 */
function coldInFreshProcess(
  built: BuiltAnalysis,
  bodiesFile: string,
): { ours: number; wink: number; init: number; chars: number } {
  const script = `
    const { readFile } = await import('node:fs/promises')
    const { default: winkNLP } = await import('wink-nlp')
    const { default: model } = await import('wink-eng-lite-web-model')
    const { analyzeDocument } = await import(${JSON.stringify(pathToFileURL(built.path).href)})
    const text = JSON.parse(await readFile(${JSON.stringify(bodiesFile)}, 'utf8')).join('\\n\\n')
    const cpu = (f) => { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1000 }
    // Loading: lexicons, regexes and wink's model, once per process; both sides load first.
    const init = cpu(() => analyzeDocument({ docId: 'init', text: 'Officials said 12 people died.', segments: [], published: null }))
    const w = winkNLP(model)
    w.readDoc('Officials said 12 people died.')
    const ours = cpu(() => analyzeDocument({ docId: 'cold', text, segments: [], published: null }))
    const wink = cpu(() => w.readDoc(text))
    console.log(JSON.stringify({ ours, wink, init, chars: text.length }))`
  return inFreshProcess(script)
}

/** The bodies of the 90 distinct news articles of the extraction benchmark, or null if absent. */
async function realArticleBodies(): Promise<string[] | null> {
  const truth = join(ROOT, '..', 'shared', 'bench', 'article-extraction', 'ground-truth.json')
  try {
    const gt = JSON.parse(await readFile(truth, 'utf8')) as Record<
      string,
      { articleBody?: unknown }
    >
    return Object.values(gt)
      .map((v) => v.articleBody)
      .filter((b): b is string => typeof b === 'string')
  } catch {
    // The shared benchmark articles are not in every checkout.
    return null
  }
}

/** Ours and wink's default pipe, each in its own process, on `texts` (one call per text). */
async function ownProcesses(
  built: BuiltAnalysis,
  texts: string[],
  name: string,
): Promise<{ ours: Timing[]; wink: Timing[] }> {
  const file = join(dirname(built.path), `${name}.json`)
  const ours = await startIsolated({ kind: 'parallax', builtPath: built.path }, texts, file, ROOT)
  const wink = await startIsolated({ kind: 'wink' }, texts, file, ROOT)
  const [o, w] = await interleaved([ours, wink], RUNS)
  return { ours: o!, wink: w! }
}

export async function benchAnalysis(): Promise<BenchRow[]> {
  const built = await builtAnalysis()
  const { analyzeDocument, analyzeStance } = built
  const text = await newsText(1_000_000)
  const textFile = join(dirname(built.path), 'news-1mb.txt')
  await writeFile(textFile, text)
  const fresh = memoryInFreshProcess(built, textFile)
  const mb = text.length / 1e6
  // The headline rows: each side in a process of its own, as the app's analysis worker runs.
  const own = await ownProcesses(built, [text], 'news-1mb')
  const bodies = await realArticleBodies()
  const ownReal = bodies ? await ownProcesses(built, bodies, 'real-articles') : null

  // The same in this process, beside wink's documents and the tsx copy of the analysis: the
  // garbage collector marks their heap too, so both sides pay for the other.
  const winkDefault = winkNLP(model)
  const winkOurs = winkNLP(model, ['sbd', 'pos'])
  const input = { docId: 'bench', text, segments: [], published: '2016-05-08' }
  // Warm-up on the full text: model load, and JIT of every path at this size (after a smaller
  // warm-up the first timed runs were still ~40% slower than the later ones).
  analyzeDocument(input)
  // Memory before the wink peers allocate their own documents in this process. maxRSS is the
  // peak over the process's life (two 1 MB analyses so far); the fresh-process row is the
  // figure for one analysis.
  const rssBefore = process.memoryUsage().rss
  const analysis = analyzeDocument(input)
  const mem = process.memoryUsage()
  const peakRss = process.resourceUsage().maxRSS * 1024
  winkDefault.readDoc(text)
  winkOurs.readDoc(text)
  const ours: Timing[] = []
  const wink: Timing[] = []
  const winkPipe: Timing[] = []
  // Interleaved, so load from other processes on this machine hits all three alike.
  for (let i = 0; i < RUNS; i++) {
    ours.push(measure(() => analyzeDocument(input)))
    wink.push(measure(() => winkDefault.readDoc(text)))
    winkPipe.push(measure(() => winkOurs.readDoc(text)))
  }
  // The stance layer (issue 4) runs inside analyzeDocument; time it alone to show each share.
  const stanceInput = {
    text,
    segments: [],
    sentences: analysis.sentences,
    entities: analysis.entities,
  }
  const stance = [0, 1, 2].map(() => measure(() => analyzeStance(stanceInput)).cpu)
  // CPU per phase: the median over three more runs of each phase's share.
  const phaseRuns: Record<string, number>[] = [0, 1, 2].map(() => {
    const phases: Record<string, number> = {}
    analyzeDocument(input, phases)
    return phases
  })
  const phaseRows: BenchRow[] = Object.keys(phaseRuns[0] ?? {}).map((name) => ({
    group: 'analysis',
    subject: 'parallax phase',
    metric: `${name} (CPU ms per MB)`,
    value: Math.round(median(phaseRuns.map((p) => p[name] ?? 0)) / mb),
    unit: 'ms/MB',
    note: `runs ${phaseRuns.map((p) => Math.round(p[name] ?? 0)).join(', ')} ms`,
  }))
  // The same text through the TypeScript source under tsx, for comparison (see built-analysis.ts).
  analyzeDocumentUnderTsx(input)
  const underTsx = [0, 1, 2].map(() => measure(() => analyzeDocumentUnderTsx(input)).cpu)
  // The cold run reads the articles the warm runs were given.
  const cold = bodies
    ? coldInFreshProcess(built, join(dirname(built.path), 'real-articles.json'))
    : null
  const coldRows: BenchRow[] = cold
    ? [
        {
          group: 'analysis',
          subject: 'parallax',
          metric: 'cold: 90 distinct articles, fresh process (CPU)',
          value: cold.chars / 1e6 / (cold.ours / 1000),
          unit: 'MB/s',
          note: `${(cold.chars / 1e6).toFixed(2)} MB in ${Math.round(cold.ours)} ms after a one-sentence first call (${Math.round(cold.init)} ms: lexicons, regexes, wink model); wink readDoc (default) ${Math.round(cold.wink)} ms on the same text, ratio ${(cold.wink / cold.ours).toFixed(3)}`,
        },
      ]
    : []
  const med = (xs: Timing[], k: keyof Timing): number => median(xs.map((x) => x[k]))
  const mbs = (ms: number): number => mb / (ms / 1000)
  const runs = (xs: Timing[]): string =>
    `runs (cpu ms) ${xs.map((x) => Math.round(x.cpu)).join(', ')}`
  const realRows: BenchRow[] = []
  if (ownReal && bodies) {
    const realMb = bodies.reduce((n, b) => n + b.length, 0) / 1e6
    const o = med(ownReal.ours, 'cpu')
    const w = med(ownReal.wink, 'cpu')
    realRows.push({
      group: 'analysis',
      subject: 'parallax',
      metric: 'warm: 90 distinct articles, one call each, own process (CPU)',
      value: realMb / (o / 1000),
      unit: 'MB/s',
      note: `${realMb.toFixed(2)} MB of real news, no repeats; median of ${RUNS}, steady state (after 10 MB); ${runs(ownReal.ours)}; wink readDoc (default) ${(realMb / (w / 1000)).toFixed(2)} MB/s (${runs(ownReal.wink)}), ratio ${(w / o).toFixed(3)}`,
    })
  }
  return [
    {
      group: 'analysis',
      subject: 'parallax',
      metric: 'analyzeDocument throughput, own process (CPU time)',
      value: mbs(med(own.ours, 'cpu')),
      unit: 'MB/s',
      note: `${mb.toFixed(2)} MB, ${analysis.figures.length} figures, median of ${RUNS}, steady state (after 10 MB); ${runs(own.ours)}; built as for the app, in a process of its own like the app's worker; target ≥ 2 MB/s`,
    },
    {
      group: 'analysis',
      subject: 'parallax',
      metric: 'analyzeDocument throughput, own process (wall time)',
      value: mbs(med(own.ours, 'wall')),
      unit: 'MB/s',
      note: `median ${Math.round(med(own.ours, 'wall'))} ms wall, ${Math.round(med(own.ours, 'cpu'))} ms CPU (CPU counts V8's GC and compiler threads)`,
    },
    {
      group: 'analysis',
      subject: 'wink readDoc',
      metric: 'throughput (default pipe), own process (CPU time)',
      value: mbs(med(own.wink, 'cpu')),
      unit: 'MB/s',
      note: `wall ${mbs(med(own.wink, 'wall')).toFixed(3)} MB/s; ${runs(own.wink)}`,
    },
    {
      group: 'analysis',
      subject: 'parallax',
      metric: 'ratio to wink readDoc (default), own processes, CPU',
      value: med(own.wink, 'cpu') / med(own.ours, 'cpu'),
      unit: '×',
      note: `wall-time ratio ${(med(own.wink, 'wall') / med(own.ours, 'wall')).toFixed(3)}; target ≥ 0.75`,
    },
    ...realRows,
    {
      group: 'analysis',
      subject: 'parallax',
      metric: 'in the bench process, beside wink’s documents (CPU)',
      value: mbs(med(ours, 'cpu')),
      unit: 'MB/s',
      note: `${runs(ours)}; wink readDoc (default) here ${mbs(med(wink, 'cpu')).toFixed(3)} MB/s (${runs(wink)}), ratio ${(med(wink, 'cpu') / med(ours, 'cpu')).toFixed(3)}, wall-time ratio ${(med(wink, 'wall') / med(ours, 'wall')).toFixed(3)}`,
    },
    {
      group: 'analysis',
      subject: 'wink readDoc',
      metric: 'throughput (sbd+pos pipe), bench process (CPU time)',
      value: mbs(med(winkPipe, 'cpu')),
      unit: 'MB/s',
      note: `wall ${mbs(med(winkPipe, 'wall')).toFixed(3)} MB/s; wink's sentences and tags alone`,
    },
    {
      group: 'analysis',
      subject: 'parallax',
      metric: 'same, TypeScript source under tsx (CPU)',
      value: mbs(median(underTsx)),
      unit: 'MB/s',
      note: `runs ${underTsx.map(Math.round).join(', ')} ms: tsx compiles with keepNames (a __name call per closure created); not what the app runs`,
    },
    {
      group: 'analysis',
      subject: 'parallax',
      metric: 'throughput without the stance layer (CPU)',
      value: mbs(med(ours, 'cpu') - median(stance)),
      unit: 'MB/s',
      note: `stance layer alone ${Math.round(median(stance))} ms CPU of ${Math.round(med(ours, 'cpu'))} ms (bench process)`,
    },
    {
      group: 'analysis',
      subject: 'parallax',
      metric: 'peak RSS, fresh process, one 1 MB analysis',
      value: Math.round(fresh.peak / 1e6),
      unit: 'MB',
      note: `${Math.round(fresh.beforeModel / 1e6)} MB before the wink model loads; heap used after ${Math.round(fresh.heap / 1e6)} MB; target < 300 MB`,
    },
    {
      group: 'analysis',
      subject: 'parallax',
      metric: 'peak RSS in this process (after warm-up)',
      value: Math.round(peakRss / 1e6),
      unit: 'MB',
      note: `RSS ${Math.round(rssBefore / 1e6)} MB before (runtime, wink model, warm-up garbage), ${Math.round(mem.rss / 1e6)} MB after; heap used ${Math.round(mem.heapUsed / 1e6)} MB`,
    },
    ...coldRows,
    ...phaseRows,
  ]
}
