/**
 * The analysis as the app ships it, for the speed rows.
 *
 * The app runs the analysis from electron-vite's main build: plain bundled JavaScript. Under tsx
 * (how `npm run bench` starts) every function of our TypeScript is compiled with `keepNames`, so
 * each closure created in a hot loop also calls `__name(fn, "…")`, which defines a property on it;
 * that costs the analysis 10–30% CPU that no user pays. So the analysis is timed from an esbuild
 * bundle built the way the main build does (ESM, Node target, dependencies left as imports, no
 * `keepNames`), written under `node_modules/.cache` so its imports of wink-nlp and chrono-node
 * resolve like the app's.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import type * as Analysis from '../../src/main/analysis/index'
import type * as Stance from '../../src/main/analysis/stance/index'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** What the bench uses from the built bundle. */
export interface BuiltAnalysis {
  analyzeDocument: typeof Analysis.analyzeDocument
  analyzeStance: typeof Stance.analyzeStance
  /** The bundle's path: fresh processes the bench starts import it with plain `node`. */
  path: string
}

let built: Promise<BuiltAnalysis> | undefined

/** Bundles `src/main/analysis` once per bench run and imports it. */
export function builtAnalysis(): Promise<BuiltAnalysis> {
  built ??= (async () => {
    const dir = join(ROOT, 'node_modules', '.cache', 'parallax-bench')
    await mkdir(dir, { recursive: true })
    const path = join(dir, 'analysis.mjs')
    await build({
      stdin: {
        contents: [
          "export { analyzeDocument } from './src/main/analysis/index'",
          "export { analyzeStance } from './src/main/analysis/stance/index'",
        ].join('\n'),
        resolveDir: ROOT,
        loader: 'ts',
        sourcefile: 'bench-entry.ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: path,
      logLevel: 'warning',
    })
    // A fresh URL per build: a re-run in the same process must not get a cached older module.
    const mod = (await import(`${pathToFileURL(path).href}?t=${Date.now()}`)) as Omit<
      BuiltAnalysis,
      'path'
    >
    return { analyzeDocument: mod.analyzeDocument, analyzeStance: mod.analyzeStance, path }
  })()
  return built
}
