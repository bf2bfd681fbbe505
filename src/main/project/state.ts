import type { Annotation, Code } from '../../shared/annotation'
import type { ActionOutcome } from '../../shared/api'
import { ParallaxError } from '../../shared/errors'

/**
 * The part of a project that annotation and codebook actions change. Actions are pure: they
 * return a new state (unchanged items shared with the old one) and never mutate, which is what
 * lets `History` keep snapshots cheaply.
 */
export interface AnnotationState {
  annotations: readonly Annotation[]
  codebook: readonly Code[]
}

/**
 * What an action did, in words and ids, so the UI can say it and offer undo. The same shape
 * crosses the API as ActionOutcome.
 */
export type ActionEffect = ActionOutcome

export interface ActionResult {
  state: AnnotationState
  effect: ActionEffect
}

/** An effect with every list empty, to fill in. */
export function effect(description: string, parts: Partial<ActionEffect> = {}): ActionEffect {
  return {
    description,
    added: [],
    changed: [],
    recoded: [],
    uncoded: [],
    deletedAnnotations: [],
    createdCodes: [],
    removedCodes: [],
    movedCodes: [],
    ...parts,
  }
}

export function invalid(message: string): never {
  throw new ParallaxError('invalid-argument', message)
}

export function nowIso(): string {
  return new Date().toISOString()
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
