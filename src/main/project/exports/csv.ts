/** A cell value: text, a number, or empty. */
export type CsvValue = string | number | boolean | null | undefined

/**
 * One RFC 4180 field. Text starting with = + - @ (or a tab / carriage return) is prefixed with an
 * apostrophe so a spreadsheet shows it instead of running it as a formula (OWASP's "CSV
 * injection" advice); numbers are written as numbers and never guarded.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * A whole CSV file: CRLF line ends (RFC 4180) and a UTF-8 byte-order mark by default, without
 * which Excel reads UTF-8 as the local code page and mangles every quote mark and accent.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  options: { bom?: boolean } = {},
): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','))
  return `${options.bom === false ? '' : '\ufeff'}${lines.join('\r\n')}\r\n`
}
