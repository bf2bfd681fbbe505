import { alternation, lexicons } from './lexicons'

/** Parses "2,000", "1.3", "12" (separators are thousands commas; the dot is decimal). */
export function parseDigits(s: string): number {
  // Most numbers have no comma: no regex and no new string for them.
  return Number(s.indexOf(',') < 0 ? s : s.replace(/,/g, ''))
}

interface WordValue {
  value: number
  /** Length of the prefix of the input that forms the number ("one and two" stops after "one"). */
  length: number
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/**
 * Reads a run of number words ("two hundred and fifty thousand", "twenty-one") into a value.
 * Stops where the run stops being one number ("one and two" is two numbers), returning how
 * much of the input it used.
 */
export function parseNumberWords(input: string): WordValue | null {
  const lex = lexicons()
  let total = 0
  let current = 0
  // What the last word was, to reject "five six" or "twenty thirty" as a single number.
  let last: 'none' | 'unit' | 'tens' | 'hundred' | 'scale' = 'none'
  let usedEnd = 0
  let sawNumber = false
  // The words are the runs of ASCII letters (what /[a-z]+/gi finds), scanned by hand; most are
  // lower-case already and need no toLowerCase.
  const n = input.length
  let i = 0
  while (i < n) {
    if (!isAsciiLetter(input.charCodeAt(i))) {
      i++
      continue
    }
    const start = i
    let lower = true
    for (; i < n; i++) {
      const c = input.charCodeAt(i)
      if (!isAsciiLetter(c)) break
      if (c <= 90) lower = false
    }
    const w = lower ? input.slice(start, i) : input.slice(start, i).toLowerCase()
    if (w === 'and' || w === 'a') continue
    const unit = lex.units[w]
    const tens = lex.tens[w]
    const scale = lex.scales[w]
    if (unit !== undefined) {
      if (last === 'unit') break
      if (last === 'tens' && unit >= 10) break
      current += unit
      last = 'unit'
    } else if (tens !== undefined) {
      if (last === 'unit' || last === 'tens') break
      current += tens
      last = 'tens'
    } else if (scale === 100) {
      if (last === 'hundred') break
      current = (current || 1) * 100
      last = 'hundred'
    } else if (scale !== undefined) {
      total += (current || 1) * scale
      current = 0
      last = 'scale'
    } else break
    sawNumber = true
    usedEnd = i
  }
  if (!sawNumber) return null
  return { value: total + current, length: usedEnd }
}

let numberWordRe: string | null = null

/** Regex source matching one number word (units, tens, scales). */
export function numberWordSource(): string {
  if (numberWordRe === null) {
    const lex = lexicons()
    numberWordRe = alternation([
      ...Object.keys(lex.units),
      ...Object.keys(lex.tens),
      ...Object.keys(lex.scales),
    ])
  }
  return numberWordRe
}

/** Rounds away float noise from interval arithmetic (630.0000000001 -> 630). */
export function tidy(x: number): number {
  return Math.round(x * 1e6) / 1e6
}
