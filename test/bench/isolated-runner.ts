/**
 * A peer measured in a process of its own: the app analyses in a worker that holds the analysis
 * and wink's model, nothing else. Measured inside the bench process instead, our analysis pays
 * for garbage-collecting a heap it does not have in the app (wink's documents from the peer
 * runs, the tsx copy of the analysis, the bench's retained results), and wink pays for ours.
 * Each side gets a child process that loads only its own code, warms up, and then runs once per
 * request, so the parent can interleave the two sides run by run.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'

/** CPU time of the child's process (all its threads: GC and compiler too) and wall time, in ms. */
export interface Timing {
  wall: number
  cpu: number
}

export type Peer =
  /** `analyzeDocument` from the built bundle at `builtPath`. */
  | { kind: 'parallax'; builtPath: string }
  /** wink-nlp's `readDoc` with its default pipe. */
  | { kind: 'wink' }

export interface IsolatedRunner {
  /** One pass over all the texts (one call per text); resolves with its timing. */
  run(): Promise<Timing>
  close(): void
}

/**
 * Text each side reads before it is timed. V8 keeps re-optimising the analysis's larger
 * functions until its type feedback settles (a two-byte name, a mention of another shape: each
 * first sighting deoptimises one, and recompiling it costs 20–100 ms on the compiler thread);
 * in our measurements that settled after 8–10 MB. The timed runs are the steady state a
 * long-lived worker reaches; the cold row measures what comes before.
 */
const WARM_UP_CHARS = 10_000_000

/**
 * Starts a child process that analyses `texts` (written to `textsFile`, one call per text) with
 * `peer`, after passes over at least WARM_UP_CHARS (and three passes at least).
 */
export async function startIsolated(
  peer: Peer,
  texts: string[],
  textsFile: string,
  cwd: string,
): Promise<IsolatedRunner> {
  const chars = texts.reduce((n, t) => n + t.length, 0)
  const warmUps = Math.max(3, Math.ceil(WARM_UP_CHARS / Math.max(1, chars)))
  await writeFile(textsFile, JSON.stringify(texts))
  const load =
    peer.kind === 'parallax'
      ? `const { analyzeDocument } = await import(${JSON.stringify(pathToFileURL(peer.builtPath).href)})
         const once = (text, i) => analyzeDocument({ docId: 'd' + i, text, segments: [], published: '2016-05-08' })`
      : `const { default: winkNLP } = await import('wink-nlp')
         const { default: model } = await import('wink-eng-lite-web-model')
         const nlp = winkNLP(model)
         const once = (text) => nlp.readDoc(text)`
  const script = `
    const { readFileSync } = await import('node:fs')
    const texts = JSON.parse(readFileSync(${JSON.stringify(textsFile)}, 'utf8'))
    ${load}
    const pass = () => { texts.forEach(once) }
    for (let i = 0; i < ${warmUps}; i++) pass()
    process.on('message', (m) => {
      if (m !== 'run') return process.disconnect()
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      pass()
      const wall = performance.now() - t0
      const c = process.cpuUsage(c0)
      process.send({ wall, cpu: (c.user + c.system) / 1000 })
    })
    process.send('ready')`
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  // One request at a time: the answer (or the child's death) settles the pending one.
  let pending: { resolve: (m: unknown) => void; reject: (e: Error) => void } | null = null
  const request = (message: string | null): Promise<unknown> =>
    new Promise((resolve, reject) => {
      pending = { resolve, reject }
      if (message !== null) child.send(message)
    })
  child.on('message', (m) => {
    const p = pending
    pending = null
    p?.resolve(m)
  })
  child.on('exit', (code) => {
    const p = pending
    pending = null
    p?.reject(new Error(`the ${peer.kind} runner exited (code ${code})`))
  })
  await request(null) // 'ready', after loading and warming up
  return {
    run: async () => (await request('run')) as Timing,
    close: () => {
      child.send('stop')
    },
  }
}

/**
 * Times `runs` passes of each peer, interleaved (ours, then wink's, and again), so load from
 * other processes on the machine hits both alike.
 */
export async function interleaved(peers: IsolatedRunner[], runs: number): Promise<Timing[][]> {
  const out: Timing[][] = peers.map(() => [])
  for (let i = 0; i < runs; i++) {
    for (const [k, p] of peers.entries()) out[k]!.push(await p.run())
  }
  for (const p of peers) p.close()
  return out
}
