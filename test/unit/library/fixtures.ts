import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DroppedFile } from '../../../src/shared/api'

/** The shipped first-run samples (the seed articles). */
export const SAMPLES_DIR = fileURLToPath(new URL('../../../resources/samples', import.meta.url))

const folders: string[] = []

/** A fresh temp folder, removed by `cleanUp()`. */
export async function tempFolder(prefix = 'parallax-library-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  folders.push(dir)
  return dir
}

export async function cleanUp(): Promise<void> {
  while (folders.length > 0) {
    await rm(folders.pop()!, { recursive: true, force: true })
  }
}

/** A dropped file from a string, UTF-8 encoded. */
export function textFile(name: string, text: string): DroppedFile {
  return { name, bytes: new TextEncoder().encode(text) }
}

/** A short news item in plain text: title line, then paragraphs. */
export function article(title: string, ...paragraphs: string[]): string {
  return [title, '', ...paragraphs.flatMap((p) => [p, ''])].join('\n')
}
