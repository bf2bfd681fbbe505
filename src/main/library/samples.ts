import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { DocumentPatch } from '../../shared/document'

/** One entry of `resources/samples/samples.json`. */
export interface SampleEntry {
  file: string
  /** Metadata the text does not carry; `null` or absent means "keep what extraction found". */
  metadata: DocumentPatch
}

/**
 * Reads the list of first-run samples. A missing or malformed list yields no samples and a
 * notice rather than a failed start: the samples are a courtesy, not the product.
 */
export async function readSampleList(
  samplesDir: string,
): Promise<{ samples: SampleEntry[]; notice: string | null }> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path.join(samplesDir, 'samples.json'), 'utf8'))
  } catch (err) {
    return { samples: [], notice: `The sample articles could not be read: ${String(err)}` }
  }
  const docs = (parsed as { documents?: unknown } | null)?.documents
  if (!Array.isArray(docs)) {
    return { samples: [], notice: 'The sample list (samples.json) has no "documents" list.' }
  }
  const samples: SampleEntry[] = []
  for (const d of docs as unknown[]) {
    if (typeof d !== 'object' || d === null) continue
    const o = d as Record<string, unknown>
    // Only a bare file name: the list must not reach outside the samples folder.
    if (typeof o.file !== 'string' || o.file !== path.basename(o.file) || o.file.startsWith('.')) {
      continue
    }
    const metadata: DocumentPatch = {}
    if (typeof o.title === 'string') metadata.title = o.title
    if (typeof o.outlet === 'string') metadata.outlet = o.outlet
    if (typeof o.author === 'string') metadata.author = o.author
    if (typeof o.published === 'string') metadata.published = o.published
    if (Array.isArray(o.tags)) metadata.tags = o.tags.filter((t) => typeof t === 'string')
    samples.push({ file: o.file, metadata })
  }
  return { samples, notice: null }
}
