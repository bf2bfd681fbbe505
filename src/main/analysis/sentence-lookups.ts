import { sentenceIndex, type SentenceSpan } from './nlp'

/** Whether a sentence holds a match of `cue` (a global regex), from one scan of the text. */
export function cueLookup(text: string, cue: RegExp): (sent: SentenceSpan) => boolean {
  const at: number[] = []
  for (let m = cue.exec(text); m; m = cue.exec(text)) at.push(m.index, m.index + m[0].length)
  return (sent) => {
    let lo = 0
    let hi = at.length / 2
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (at[mid * 2]! < sent.start) lo = mid + 1
      else hi = mid
    }
    // The first cue starting in the sentence, or any later one, must also end inside it.
    for (let k = lo; k < at.length / 2 && at[k * 2]! < sent.end; k++)
      if (at[k * 2 + 1]! <= sent.end) return true
    return false
  }
}

/** The sentence holding an offset (binary search over the sorted sentences), or null. */
export function makeSentenceLookup(
  sentences: readonly SentenceSpan[],
): (offset: number) => SentenceSpan | null {
  return (offset) => sentences[sentenceIndex(sentences, offset)] ?? null
}
