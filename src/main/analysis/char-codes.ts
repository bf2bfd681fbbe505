/**
 * Character tests on UTF-16 code units, for scans that read `charCodeAt` instead of cutting a
 * one-character string for a regex. Each names the regex class it stands for, so a hand scan
 * and the regex it replaced agree.
 */

/** Whether `c` is in a regex's `\s`: JavaScript's white space and line terminators (what `trim` removes). */
export function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13)
  if (c < 0xa0) return false
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}
