/**
 * A small schema kit for checking arguments at the process boundary. Every call in the API
 * contract has a schema; main rejects what does not match before any service sees it.
 * Parsing returns a fresh value built from the schema, so unknown keys (and `__proto__`) never
 * reach the services.
 */

export interface Schema<T> {
  /** Returns the checked value or throws a SchemaError naming the path that failed. */
  parse(value: unknown, path?: string): T
  readonly description: string
}

export class SchemaError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path || 'value'} should be ${expected}`)
    this.name = 'SchemaError'
  }
}

function schema<T>(description: string, parse: (value: unknown, path: string) => T): Schema<T> {
  return { description, parse: (value, path = '') => parse(value, path) }
}

const fail = (path: string, expected: string): never => {
  throw new SchemaError(path, expected)
}

export const v = {
  string(opts: { min?: number; max?: number } = {}): Schema<string> {
    const { min = 0, max = 1_000_000 } = opts
    return schema(`a string of ${min}..${max} characters`, (x, p) =>
      typeof x === 'string' && x.length >= min && x.length <= max
        ? x
        : fail(p, `a string of ${min}..${max} characters`),
    )
  },
  number(opts: { min?: number; max?: number; integer?: boolean } = {}): Schema<number> {
    const { min = -Infinity, max = Infinity, integer = false } = opts
    const d = `${integer ? 'an integer' : 'a number'} in ${min}..${max}`
    return schema(d, (x, p) =>
      typeof x === 'number' &&
      Number.isFinite(x) &&
      x >= min &&
      x <= max &&
      (!integer || Number.isInteger(x))
        ? x
        : fail(p, d),
    )
  },
  boolean(): Schema<boolean> {
    return schema('a boolean', (x, p) => (typeof x === 'boolean' ? x : fail(p, 'a boolean')))
  },
  literal<const L extends string>(...values: L[]): Schema<L> {
    const d = `one of ${values.join(', ')}`
    return schema(d, (x, p) => (values.includes(x as L) ? (x as L) : fail(p, d)))
  },
  bytes(opts: { max?: number } = {}): Schema<Uint8Array> {
    const { max = 512 * 1024 * 1024 } = opts
    return schema('bytes', (x, p) =>
      x instanceof Uint8Array && x.byteLength <= max ? x : fail(p, `bytes (at most ${max})`),
    )
  },
  nullable<T>(inner: Schema<T>): Schema<T | null> {
    return schema(`${inner.description} or null`, (x, p) => (x === null ? null : inner.parse(x, p)))
  },
  optional<T>(inner: Schema<T>): Schema<T | undefined> {
    return schema(`${inner.description} (optional)`, (x, p) =>
      x === undefined ? undefined : inner.parse(x, p),
    )
  },
  array<T>(item: Schema<T>, opts: { max?: number } = {}): Schema<T[]> {
    const { max = 100_000 } = opts
    return schema(`a list of ${item.description}`, (x, p) => {
      if (!Array.isArray(x) || x.length > max) return fail(p, `a list of at most ${max} items`)
      return x.map((el, i) => item.parse(el, `${p}[${i}]`))
    })
  },
  object<S extends Record<string, Schema<unknown>>>(
    shape: S,
  ): Schema<{ [K in keyof S]: S[K] extends Schema<infer T> ? T : never }> {
    return schema('an object', (x, p) => {
      if (typeof x !== 'object' || x === null || Array.isArray(x)) return fail(p, 'an object')
      const out: Record<string, unknown> = {}
      for (const key of Object.keys(shape)) {
        const parsed = shape[key]!.parse(
          (x as Record<string, unknown>)[key],
          p ? `${p}.${key}` : key,
        )
        if (parsed !== undefined) out[key] = parsed
      }
      return out as { [K in keyof S]: S[K] extends Schema<infer T> ? T : never }
    })
  },
  /** Any JSON-like value (for free-form settings). Still rejects functions and prototype keys. */
  json(): Schema<unknown> {
    return schema('plain data', (x, p) => cloneJson(x, p))
  },
  /** A plain-data object (free-form settings), deep-copied without prototype keys. */
  plainObject(): Schema<Record<string, unknown>> {
    return schema('an object of plain data', (x, p) =>
      typeof x === 'object' && x !== null && !Array.isArray(x)
        ? (cloneJson(x, p) as Record<string, unknown>)
        : fail(p, 'an object of plain data'),
    )
  },
  tuple<S extends readonly Schema<unknown>[]>(
    ...items: S
  ): Schema<{ -readonly [K in keyof S]: S[K] extends Schema<infer T> ? T : never }> {
    return schema(`${items.length} arguments`, (x, p) => {
      if (!Array.isArray(x) || x.length > items.length) {
        return fail(p, `at most ${items.length} arguments`)
      }
      return items.map((s, i) => s.parse(x[i], `${p}argument ${i + 1}`)) as {
        -readonly [K in keyof S]: S[K] extends Schema<infer T> ? T : never
      }
    })
  },
}

function cloneJson(x: unknown, path: string, depth = 0): unknown {
  if (depth > 64) return fail(path, 'nested at most 64 levels')
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return x
  if (typeof x === 'number') return Number.isFinite(x) ? x : fail(path, 'a finite number')
  if (Array.isArray(x)) return x.map((el, i) => cloneJson(el, `${path}[${i}]`, depth + 1))
  if (typeof x === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, val] of Object.entries(x)) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue
      if (val !== undefined) out[k] = cloneJson(val, `${path}.${k}`, depth + 1)
    }
    return out
  }
  return fail(path, 'plain data')
}
