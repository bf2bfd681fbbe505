/**
 * JSON for files that come from elsewhere (a colleague's project, a download). Keys that could
 * reach an object's prototype when the data is later spread or merged are dropped while parsing,
 * as Tropy's reader does.
 */

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const RISKY = /__proto__|constructor|prototype|\\u/

/** Parses JSON, dropping every `__proto__`, `constructor` and `prototype` key at any depth. */
export function parseJsonSafely(text: string): unknown {
  // The reviver doubles the parse time, so it only runs when one of the keys could be present.
  // Escaped keys ("\u005f_proto__") decode to the same names, hence the test for `\u` too.
  if (!RISKY.test(text)) return JSON.parse(text)
  // A reviver returning undefined deletes the key; JSON.parse made `__proto__` an own data
  // property, so deleting it never touches Object.prototype.
  return JSON.parse(text, (key, value: unknown) => (FORBIDDEN_KEYS.has(key) ? undefined : value))
}

/** Whether a key is one the safe reader drops. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key)
}
