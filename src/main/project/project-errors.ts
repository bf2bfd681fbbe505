import { ParallaxError } from '../../shared/errors'
import { SchemaError, type Schema } from '../../shared/validate'

/**
 * Checks data read from a project file; a mismatch becomes an `invalid-project` error that names
 * the field in the researcher's terms ("documents[2].text is missing").
 */
export function parseProjectPart<T>(
  schema: Schema<T>,
  data: unknown,
  fileName: string,
  path = '',
): T {
  try {
    return schema.parse(data, path)
  } catch (err) {
    if (err instanceof SchemaError) throw fieldError(err, data, path, fileName)
    throw err
  }
}

function fieldError(
  err: SchemaError,
  data: unknown,
  base: string,
  fileName: string,
): ParallaxError {
  const field = err.path || 'the project'
  const relative = base && err.path.startsWith(base) ? err.path.slice(base.length) : err.path
  const isMissing = valueAt(data, relative) === undefined
  return new ParallaxError(
    'invalid-project',
    isMissing
      ? `This project file is damaged: the field “${field}” is missing.`
      : `This project file is damaged: the field “${field}” should be ${err.expected}.`,
    fileName,
  )
}

/** Follows a SchemaError path ("documents[2].record.title") into data. */
function valueAt(data: unknown, path: string): unknown {
  const parts = path.match(/[^.[\]]+/g) ?? []
  let at: unknown = data
  for (const part of parts) {
    if (typeof at !== 'object' || at === null) return undefined
    at = Object.hasOwn(at, part) ? (at as Record<string, unknown>)[part] : undefined
  }
  return at
}
