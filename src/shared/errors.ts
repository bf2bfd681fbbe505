/**
 * Errors cross every boundary (IPC, CLI, test transport) as plain values: a code, a sentence a
 * researcher understands, and the file it concerns. Never a stack trace.
 */

export const ERROR_CODES = [
  'empty-file',
  'unsupported-type',
  'corrupt-file',
  'no-text-layer',
  'encrypted',
  'too-large',
  'zip-bomb',
  'no-text',
  'not-found',
  'unreadable',
  'invalid-argument',
  'invalid-project',
  'newer-version',
  /** The library folder is held by another running Parallax process. */
  'in-use',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiErrorValue {
  code: ErrorCode
  message: string
  file?: string
}

/** An error with a code and a human message. Thrown inside main; crosses as an ApiErrorValue. */
export class ParallaxError extends Error {
  readonly code: ErrorCode
  readonly file: string | undefined

  constructor(code: ErrorCode, message: string, file?: string) {
    super(message)
    this.name = 'ParallaxError'
    this.code = code
    this.file = file
  }

  toValue(): ApiErrorValue {
    return this.file === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, file: this.file }
  }
}

/** Turns anything thrown into an ApiErrorValue; unexpected errors keep only their message. */
export function toErrorValue(err: unknown, file?: string): ApiErrorValue {
  if (err instanceof ParallaxError) {
    const v = err.toValue()
    return v.file === undefined && file !== undefined ? { ...v, file } : v
  }
  const message = err instanceof Error ? err.message : String(err)
  const value: ApiErrorValue = { code: 'internal', message: `Unexpected error: ${message}` }
  return file === undefined ? value : { ...value, file }
}

/** Formats an error for a list or a terminal: "report.pdf: no text layer — run OCR first". */
export function describeError(e: ApiErrorValue): string {
  return e.file ? `${e.file}: ${e.message}` : e.message
}
