import { codeSchema, type Annotation, type Code } from '../../shared/annotation'
import { SchemaError } from '../../shared/validate'
import { effect, invalid, nowIso, plural, type ActionResult, type AnnotationState } from './state'

/** What happens to the annotations of a deleted code. */
export type DeletePolicy = 'uncode' | 'delete-annotations' | 'move-to-parent'

/** Colours handed to new codes in turn (Tableau 10: distinct and readable on white). */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
]

export interface NewCode {
  id: string
  name: string
  parentId?: string | null
  colour?: string
  description?: string
}

/** Adds a code; names are unique among siblings, as in every QDA tool. */
export function createCode(state: AnnotationState, input: NewCode): ActionResult {
  const parentId = input.parentId ?? null
  if (state.codebook.some((c) => c.id === input.id)) invalid(`A code with id ${input.id} exists.`)
  if (parentId !== null) requireCode(state, parentId)
  const name = cleanName(input.name)
  requireUniqueName(state, name, parentId, null)
  const code = checked({
    id: input.id,
    name,
    parentId,
    colour: input.colour ?? PALETTE[state.codebook.length % PALETTE.length]!,
    description: input.description ?? '',
  })
  return {
    state: { ...state, codebook: [...state.codebook, code] },
    effect: effect(`Created code “${name}”.`, { createdCodes: [code.id] }),
  }
}

/** Renames a code; its annotations keep it (they refer to the id). */
export function renameCode(state: AnnotationState, id: string, name: string): ActionResult {
  const code = requireCode(state, id)
  const clean = cleanName(name)
  requireUniqueName(state, clean, code.parentId, id)
  return {
    state: replaceCode(state, { ...code, name: clean }),
    effect: effect(`Renamed “${code.name}” to “${clean}”.`),
  }
}

/** Changes a code's colour or description. */
export function updateCode(
  state: AnnotationState,
  id: string,
  patch: { colour?: string; description?: string },
): ActionResult {
  const code = requireCode(state, id)
  const next = checked({ ...code, ...patch })
  return { state: replaceCode(state, next), effect: effect(`Updated code “${code.name}”.`) }
}

/** Moves a code (with its sub-codes) under another parent, or to the top with null. */
export function moveCode(
  state: AnnotationState,
  id: string,
  parentId: string | null,
): ActionResult {
  const code = requireCode(state, id)
  if (parentId !== null) {
    requireCode(state, parentId)
    if (parentId === id || descendantsOf(state.codebook, id).has(parentId)) {
      invalid(`“${code.name}” cannot move under itself or one of its sub-codes.`)
    }
  }
  requireUniqueName(state, code.name, parentId, id)
  const where = parentId === null ? 'the top level' : `“${requireCode(state, parentId).name}”`
  return {
    state: replaceCode(state, { ...code, parentId }),
    effect: effect(`Moved “${code.name}” to ${where}.`, { movedCodes: [id] }),
  }
}

/**
 * Merges `sourceId` into `targetId`: the source's annotations are re-coded to the target, its
 * sub-codes move under the target, and the source code is removed.
 */
export function mergeCodes(
  state: AnnotationState,
  sourceId: string,
  targetId: string,
  now = nowIso(),
): ActionResult {
  const source = requireCode(state, sourceId)
  const target = requireCode(state, targetId)
  if (sourceId === targetId) invalid('A code cannot be merged into itself.')
  if (descendantsOf(state.codebook, sourceId).has(targetId)) {
    invalid(`“${source.name}” cannot be merged into its own sub-code “${target.name}”.`)
  }
  const recoded: string[] = []
  const annotations = state.annotations.map((a) => {
    if (a.code !== sourceId) return a
    recoded.push(a.id)
    return { ...a, code: targetId, modified: now }
  })
  const movedCodes: string[] = []
  const codebook = state.codebook
    .filter((c) => c.id !== sourceId)
    .map((c) => {
      if (c.parentId !== sourceId) return c
      movedCodes.push(c.id)
      return { ...c, parentId: targetId }
    })
  return {
    state: { annotations, codebook },
    effect: effect(
      `Merged “${source.name}” into “${target.name}”: ${plural(recoded.length, 'annotation')} re-coded.`,
      { recoded, changed: [...recoded], removedCodes: [sourceId], movedCodes },
    ),
  }
}

/**
 * Deletes a code. `uncode` and `delete-annotations` delete its sub-codes too and either take the
 * codes off their annotations or delete those annotations (and links to them);
 * `move-to-parent` deletes only this code, hands its sub-codes and annotations to its parent
 * (a top-level code's annotations are uncoded: there is no parent to take them).
 */
export function deleteCode(
  state: AnnotationState,
  id: string,
  policy: DeletePolicy,
  now = nowIso(),
): ActionResult {
  const code = requireCode(state, id)
  if (policy === 'move-to-parent') {
    const parentId = code.parentId
    const recoded: string[] = []
    const uncoded: string[] = []
    const annotations = state.annotations.map((a) => {
      if (a.code !== id) return a
      if (parentId === null) {
        uncoded.push(a.id)
        return withoutCode(a, now)
      }
      recoded.push(a.id)
      return { ...a, code: parentId, modified: now }
    })
    const movedCodes: string[] = []
    const codebook = state.codebook
      .filter((c) => c.id !== id)
      .map((c) => {
        if (c.parentId !== id) return c
        movedCodes.push(c.id)
        return { ...c, parentId }
      })
    const parentName = parentId === null ? null : requireCode(state, parentId).name
    const description =
      parentName === null
        ? `Deleted “${code.name}”: ${plural(uncoded.length, 'annotation')} uncoded, ${plural(movedCodes.length, 'sub-code')} moved to the top level.`
        : `Deleted “${code.name}”: ${plural(recoded.length, 'annotation')} and ${plural(movedCodes.length, 'sub-code')} moved to “${parentName}”.`
    return {
      state: { annotations, codebook },
      effect: effect(description, {
        recoded,
        uncoded,
        changed: [...recoded, ...uncoded],
        removedCodes: [id],
        movedCodes,
      }),
    }
  }

  const removed = descendantsOf(state.codebook, id)
  removed.add(id)
  const codebook = state.codebook.filter((c) => !removed.has(c.id))
  const subCodes = removed.size - 1
  const what =
    subCodes > 0 ? `“${code.name}” and ${plural(subCodes, 'sub-code')}` : `“${code.name}”`
  if (policy === 'uncode') {
    const uncoded: string[] = []
    const annotations = state.annotations.map((a) => {
      if (a.code === undefined || !removed.has(a.code)) return a
      uncoded.push(a.id)
      return withoutCode(a, now)
    })
    return {
      state: { annotations, codebook },
      effect: effect(`Deleted ${what}: ${plural(uncoded.length, 'annotation')} uncoded (kept).`, {
        uncoded,
        changed: [...uncoded],
        removedCodes: [...removed],
      }),
    }
  }
  const deleted = new Set(
    state.annotations.filter((a) => a.code !== undefined && removed.has(a.code)).map((a) => a.id),
  )
  const { annotations, unlinked } = dropAnnotations(state.annotations, deleted, now)
  return {
    state: { annotations, codebook },
    effect: effect(`Deleted ${what} and ${plural(deleted.size, 'annotation')}.`, {
      deletedAnnotations: [...deleted],
      changed: unlinked,
      removedCodes: [...removed],
    }),
  }
}

/** Removes annotations and every link that points at them. */
export function dropAnnotations(
  annotations: readonly Annotation[],
  ids: ReadonlySet<string>,
  now: string,
): { annotations: Annotation[]; unlinked: string[] } {
  const unlinked: string[] = []
  const out: Annotation[] = []
  for (const a of annotations) {
    if (ids.has(a.id)) continue
    if (a.links.some((l) => ids.has(l.to))) {
      unlinked.push(a.id)
      out.push({ ...a, links: a.links.filter((l) => !ids.has(l.to)), modified: now })
    } else out.push(a)
  }
  return { annotations: out, unlinked }
}

/** The code's ancestors' names and its own, "Casualties › Military". */
export function codePath(codebook: readonly Code[], id: string, separator = ' › '): string {
  const byId = new Map(codebook.map((c) => [c.id, c]))
  const names: string[] = []
  const seen = new Set<string>()
  for (
    let c = byId.get(id);
    c && !seen.has(c.id);
    c = c.parentId ? byId.get(c.parentId) : undefined
  ) {
    seen.add(c.id)
    names.unshift(c.name)
  }
  return names.join(separator)
}

/** Every code's path (see `codePath`), computed once for exports that need thousands of them. */
export function codePaths(codebook: readonly Code[], separator = ' › '): Map<string, string> {
  return new Map(codebook.map((c) => [c.id, codePath(codebook, c.id, separator)]))
}

/** Ids of every code below `id` (not including it). */
export function descendantsOf(codebook: readonly Code[], id: string): Set<string> {
  const children = new Map<string, string[]>()
  for (const c of codebook) {
    if (c.parentId === null) continue
    const list = children.get(c.parentId) ?? []
    list.push(c.id)
    children.set(c.parentId, list)
  }
  const out = new Set<string>()
  const stack = [...(children.get(id) ?? [])]
  while (stack.length > 0) {
    const next = stack.pop()!
    if (out.has(next)) continue
    out.add(next)
    stack.push(...(children.get(next) ?? []))
  }
  return out
}

function withoutCode(a: Annotation, now: string): Annotation {
  const { code: _code, ...rest } = a
  return { ...rest, modified: now }
}

function requireCode(state: AnnotationState, id: string): Code {
  return state.codebook.find((c) => c.id === id) ?? invalid(`No code with id ${id}.`)
}

function cleanName(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ')
  if (clean.length === 0) invalid('A code needs a name.')
  if (clean.length > 500) invalid('A code name has at most 500 characters.')
  return clean
}

function requireUniqueName(
  state: AnnotationState,
  name: string,
  parentId: string | null,
  exceptId: string | null,
): void {
  const key = name.toLocaleLowerCase()
  const clash = state.codebook.find(
    (c) => c.parentId === parentId && c.id !== exceptId && c.name.toLocaleLowerCase() === key,
  )
  if (clash) invalid(`There is already a code “${clash.name}” at that level.`)
}

function replaceCode(state: AnnotationState, code: Code): AnnotationState {
  return { ...state, codebook: state.codebook.map((c) => (c.id === code.id ? code : c)) }
}

function checked(code: Code): Code {
  try {
    return codeSchema.parse(code)
  } catch (err) {
    if (err instanceof SchemaError) invalid(`The code's ${err.path} should be ${err.expected}.`)
    throw err
  }
}
