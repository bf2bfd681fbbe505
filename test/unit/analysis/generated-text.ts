// Seeded text for the equivalence tests of the hand-written scanners: each scanner is checked
// against the regex its comment says it stands for, on text built to hit their corners.
import { lexicons } from '../../../src/main/analysis/lexicons'
import { seeded } from '../seeded-random'

export function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!
}

/** "ſ" folds to "s" and the Kelvin sign to "k" under 'iu': the two traps of ASCII fast paths. */
export const LONG_S = '\u017f'
export const KELVIN = '\u212a'

// Long runs too: the qualifier window (40 characters before a number) is then cut inside words.
const SPACES = [
  ' ',
  ' ',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
  '\u2009',
  '\u3000',
  ' \n ',
  ' '.repeat(33),
]
const SIGNS = [
  '-',
  '–',
  '—',
  "'",
  '’',
  '“',
  '”',
  '"',
  ',',
  '.',
  ';',
  ':',
  '(',
  ')',
  '/',
  '%',
  '$',
  '£',
  '#',
  '_',
  '&',
]
const ODD_LETTERS = [
  'é',
  'ß',
  'İ',
  'ı',
  'Ω',
  'ж',
  'Ж',
  'ﬁ',
  LONG_S,
  KELVIN,
  '𝐀',
  '𝑥',
  '😀',
  '\ud800',
  '١',
  '²',
]
const WORDS = [
  'the',
  'people',
  'said',
  'and',
  'a',
  'of',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'Resolution',
  'km',
  'bn',
  'pc',
  'k',
  'M',
  'age',
  'aged',
  'between',
  'from',
  'to',
  'times',
  'as many',
]
const NUMBERS = [
  '2,000',
  '1.3',
  '12',
  '5km',
  '17k',
  '3bn',
  '40pc',
  '10:30',
  'F-16',
  '1,23',
  '0.5',
  '100',
]

function lexiconWords(): string[] {
  const lex = lexicons()
  const measures = Object.values(lex.measures).flat()
  return [
    ...Object.keys(lex.phrases),
    ...Object.keys(lex.fractions),
    ...Object.keys(lex.vague),
    ...Object.keys(lex.units),
    ...Object.keys(lex.tens),
    ...Object.keys(lex.scales),
    ...lex.qualifiersBefore.map((q) => q.phrase),
    ...lex.qualifiersAfter.map((q) => q.phrase),
    ...measures,
    ...Object.keys(lex.ratioWords),
    ...Object.keys(lex.multiplierWords),
    ...Object.keys(lex.prefixUnits),
  ]
}

let vocabulary: string[] | null = null

/** A word as a writer might mangle it: capitals, a folding letter, a hyphen, a tail. */
function mangle(next: () => number, w: string): string {
  const r = next()
  if (r < 0.15) return w.toUpperCase()
  if (r < 0.3) return w.charAt(0).toUpperCase() + w.slice(1)
  if (r < 0.36) return w.replace(/s/i, LONG_S)
  if (r < 0.42) return w.replace(/k/i, KELVIN)
  if (r < 0.47) return w + pick(next, ['s', 'ed', "'s", '’s', '-', 'é'])
  if (r < 0.52) return pick(next, ['un', 'é', 'x', '_']) + w
  if (r < 0.57) return w.replace(/ /g, pick(next, SPACES))
  return w
}

function randomWord(next: () => number): string {
  let w = ''
  const n = 1 + Math.floor(next() * 8)
  for (let i = 0; i < n; i++) {
    const r = next()
    if (r < 0.7) w += String.fromCharCode(97 + Math.floor(next() * 26))
    else if (r < 0.85) w += String.fromCharCode(65 + Math.floor(next() * 26))
    else w += pick(next, ODD_LETTERS)
  }
  return w
}

/** One piece of a sentence: a lexicon word, a number, a sign, a space, or letters at random. */
export function piece(next: () => number): string {
  vocabulary ??= lexiconWords()
  const r = next()
  if (r < 0.35) return mangle(next, pick(next, vocabulary))
  if (r < 0.45) return mangle(next, pick(next, WORDS))
  if (r < 0.55) return pick(next, NUMBERS)
  if (r < 0.65) return pick(next, SIGNS)
  if (r < 0.72) return String(Math.floor(next() * 3000))
  if (r < 0.8) return pick(next, ODD_LETTERS)
  return randomWord(next)
}

/** A sentence of up to `maxPieces` pieces, mostly separated by white space. */
export function sentence(next: () => number, maxPieces = 14): string {
  const n = 1 + Math.floor(next() * maxPieces)
  let s = ''
  for (let i = 0; i < n; i++) {
    if (i > 0) s += next() < 0.8 ? pick(next, SPACES) : ''
    s += piece(next)
  }
  return s
}

/** `count` sentences from `seed`. */
export function sentences(seed: number, count: number, maxPieces?: number): string[] {
  const next = seeded(seed)
  return Array.from({ length: count }, () => sentence(next, maxPieces))
}
