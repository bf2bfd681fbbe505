import { describe, expect, it } from 'vitest'
import type { Annotation } from '../../../src/shared/annotation'
import { ParallaxError } from '../../../src/shared/errors'
import {
  addAnnotation,
  filterAnnotations,
  linkAnnotations,
  removeAnnotations,
  reviewMachineAnnotation,
  updateAnnotation,
} from '../../../src/main/project/annotations'
import {
  codePath,
  createCode,
  deleteCode,
  mergeCodes,
  moveCode,
  renameCode,
} from '../../../src/main/project/codebook'
import { History } from '../../../src/main/project/history'
import type { AnnotationState } from '../../../src/main/project/state'
import { annotationOn, sampleProject } from './fixtures'

const NOW = '2026-11-21T09:00:00.000Z'

async function start(): Promise<{ state: AnnotationState; ids: string[] }> {
  const p = await sampleProject()
  return {
    state: { annotations: p.annotations, codebook: p.codebook },
    ids: p.annotations.map((a) => a.id),
  }
}

function codeOf(state: AnnotationState, id: string): string | undefined {
  return state.annotations.find((a) => a.id === id)?.code
}

describe('codebook actions', () => {
  it('creates, renames and moves codes; refuses duplicates among siblings and cycles', async () => {
    let { state } = await start()
    state = createCode(state, {
      id: 'code-military',
      name: '  Military   deaths ',
      parentId: 'code-casualties',
    }).state
    expect(state.codebook.at(-1)).toMatchObject({
      name: 'Military deaths',
      parentId: 'code-casualties',
    })
    expect(state.codebook.at(-1)!.colour).toMatch(/^#[0-9a-f]{6}$/)
    expect(() =>
      createCode(state, { id: 'x', name: 'military DEATHS', parentId: 'code-casualties' }),
    ).toThrow(ParallaxError)
    expect(() => createCode(state, { id: 'y', name: 'Orphan', parentId: 'nope' })).toThrow(
      /No code/,
    )

    state = renameCode(state, 'code-military', 'Combatant deaths').state
    expect(codePath(state.codebook, 'code-military')).toBe('Casualties › Combatant deaths')

    const moved = moveCode(state, 'code-military', 'code-scare')
    expect(moved.effect.movedCodes).toEqual(['code-military'])
    expect(codePath(moved.state.codebook, 'code-military')).toBe(
      'Framing › Scare quotes › Combatant deaths',
    )
    expect(() => moveCode(moved.state, 'code-framing', 'code-military')).toThrow(/under itself/)
  })

  it('merges a code into another: its annotations are re-coded and its sub-codes move', async () => {
    const { state, ids } = await start()
    const r = mergeCodes(state, 'code-framing', 'code-casualties', NOW)
    expect(r.state.codebook.map((c) => c.id)).toEqual(['code-casualties', 'code-scare'])
    expect(r.state.codebook.find((c) => c.id === 'code-scare')!.parentId).toBe('code-casualties')
    expect(r.effect.recoded).toEqual([])
    expect(r.effect.movedCodes).toEqual(['code-scare'])

    const coded = updateAnnotation(state, ids[2]!, { code: 'code-scare' }, NOW).state
    const merged = mergeCodes(coded, 'code-scare', 'code-casualties', NOW)
    expect(merged.effect.recoded).toEqual([ids[2]])
    expect(codeOf(merged.state, ids[2]!)).toBe('code-casualties')
    expect(merged.effect.description).toMatch(
      /Merged “Scare quotes” into “Casualties”: 1 annotation re-coded/,
    )
    expect(() => mergeCodes(state, 'code-framing', 'code-scare')).toThrow(/own sub-code/)
  })

  it('deletes a code with each policy, saying what happened to the annotations', async () => {
    const { state: s0, ids } = await start()
    const state = updateAnnotation(s0, ids[2]!, { code: 'code-scare' }, NOW).state

    const uncode = deleteCode(state, 'code-framing', 'uncode', NOW)
    expect(uncode.state.codebook.map((c) => c.id)).toEqual(['code-casualties'])
    expect(uncode.effect.uncoded).toEqual([ids[2]])
    expect(uncode.state.annotations).toHaveLength(3)
    expect(codeOf(uncode.state, ids[2]!)).toBeUndefined()
    expect(uncode.effect.description).toMatch(/“Framing” and 1 sub-code: 1 annotation uncoded/)

    const del = deleteCode(state, 'code-casualties', 'delete-annotations', NOW)
    expect(del.effect.deletedAnnotations.sort()).toEqual([ids[0], ids[1]].sort())
    expect(del.state.annotations.map((a) => a.id)).toEqual([ids[2]])

    const up = deleteCode(state, 'code-scare', 'move-to-parent', NOW)
    expect(up.effect.recoded).toEqual([ids[2]])
    expect(codeOf(up.state, ids[2]!)).toBe('code-framing')
    const top = deleteCode(up.state, 'code-framing', 'move-to-parent', NOW)
    expect(top.effect.uncoded).toEqual([ids[2]])
    expect(top.state.codebook.map((c) => c.id)).toEqual(['code-casualties'])
  })

  it('removing an annotation removes links pointing at it', async () => {
    const { state, ids } = await start()
    const r = removeAnnotations(state, [ids[0]!], NOW)
    expect(r.effect.deletedAnnotations).toEqual([ids[0]])
    expect(r.effect.changed).toEqual([ids[1]])
    expect(r.state.annotations.find((a) => a.id === ids[1])!.links).toEqual([])
  })
})

describe('annotation actions', () => {
  it('adds, links, reviews and filters annotations', async () => {
    const p = await sampleProject()
    let state: AnnotationState = { annotations: p.annotations, codebook: p.codebook }
    const docB = p.documents[1]!
    const extra: Annotation = annotationOn(docB, 'Fars news agency', {
      id: 'extra',
      note: 'Fars is IRGC-affiliated',
      author: 'Lena',
    })
    state = addAnnotation(state, extra).state
    expect(() => addAnnotation(state, extra)).toThrow(/exists/)
    expect(() => addAnnotation(state, { ...extra, id: 'bad', code: 'missing-code' })).toThrow(
      /No code/,
    )
    expect(() => addAnnotation(state, { ...extra, id: 'bad2', status: 'maybe' as never })).toThrow(
      /status/,
    )

    state = linkAnnotations(state, 'extra', p.annotations[0]!.id, 'contradicts', NOW).state
    expect(state.annotations.find((a) => a.id === 'extra')!.links).toEqual([
      { to: p.annotations[0]!.id, relation: 'contradicts' },
    ])

    const target = annotationOn(docB, '13 military advisers').target
    const review = {
      id: 'rev-1',
      layer: 'figure' as const,
      machineId: 'fig-3',
      target,
      author: 'Lena',
    }
    state = reviewMachineAnnotation(state, { ...review, decision: 'rejected' }, NOW).state
    expect(() => reviewMachineAnnotation(state, { ...review, decision: 'edited' }, NOW)).toThrow(
      /corrected value/,
    )
    const edited = reviewMachineAnnotation(
      state,
      {
        ...review,
        id: 'rev-2',
        decision: 'edited',
        figure: { value: 13, qualifier: 'exact', measure: 'killed' },
      },
      NOW,
    )
    // One review per machine item: the second review updates the first.
    const reviews = edited.state.annotations.filter((a) => a.kind === 'machine-review')
    expect(reviews).toHaveLength(1)
    expect(reviews[0]).toMatchObject({ id: 'rev-1', status: 'edited', figure: { value: 13 } })
    // Machine ids repeat across documents ("fig-3" in each): another document's item is its own.
    const otherDoc = reviewMachineAnnotation(
      edited.state,
      {
        ...review,
        id: 'rev-other',
        target: { ...target, docId: 'another-document' },
        decision: 'rejected',
      },
      NOW,
    )
    expect(otherDoc.state.annotations.filter((a) => a.kind === 'machine-review')).toHaveLength(2)
    expect(otherDoc.state.annotations.find((a) => a.id === 'rev-1')).toMatchObject({
      status: 'edited',
    })
    state = edited.state

    expect(filterAnnotations(state.annotations, { authors: ['Lena'] }).map((a) => a.id)).toEqual([
      'extra',
      'rev-1',
    ])
    expect(
      filterAnnotations(state.annotations, { text: 'irgc AFFILIATED' }).map((a) => a.id),
    ).toEqual(['extra'])
    expect(filterAnnotations(state.annotations, { text: 'cumulative' })).toHaveLength(1)
    expect(
      filterAnnotations(state.annotations, { kinds: ['machine-review'], statuses: ['edited'] }),
    ).toHaveLength(1)
    expect(
      filterAnnotations(state.annotations, {
        codes: ['code-casualties'],
        docIds: [docB.record.id],
      }),
    ).toHaveLength(1)
    const all = filterAnnotations(state.annotations, {})
    expect(all).toHaveLength(5)
  })
})

describe('History', () => {
  it('undoes and redoes every kind of action back to the exact earlier states', async () => {
    const { state, ids } = await start()
    const history = new History(state)
    const s1 = history.record(createCode(history.current, { id: 'c-new', name: 'New' }))
    const s2 = history.record(mergeCodes(history.current, 'code-scare', 'code-framing', NOW))
    history.record(deleteCode(history.current, 'code-casualties', 'delete-annotations', NOW))
    history.record(updateAnnotation(history.current, ids[2]!, { note: 'changed' }, NOW))
    expect(history.current.annotations.map((a) => a.note)).toEqual(['changed'])
    expect(history.undoLabel).toBe('Changed a stance annotation.')

    expect(history.undo()!.label).toBe('Changed a stance annotation.')
    expect(history.undo()!.label).toMatch(/Deleted “Casualties” and 2 annotations/)
    expect(history.current).toBe(s2)
    expect(history.undo()!.state).toBe(s1)
    expect(history.undo()!.state).toEqual(state)
    expect(history.canUndo).toBe(false)
    expect(history.undo()).toBeNull()

    expect(history.redo()!.state).toBe(s1)
    expect(history.redoLabel).toMatch(/Merged/)
    // A new action after undo clears the redo stack.
    history.record(renameCode(history.current, 'c-new', 'Newer'))
    expect(history.canRedo).toBe(false)
    expect(history.current.codebook.find((c) => c.id === 'c-new')!.name).toBe('Newer')
  })

  it('forgets steps beyond its limit', async () => {
    const { state } = await start()
    const history = new History(state, 3)
    for (let i = 0; i < 5; i++)
      history.record(createCode(history.current, { id: `c${i}`, name: `Code ${i}` }))
    let undone = 0
    while (history.undo()) undone++
    expect(undone).toBe(3)
    expect(history.current.codebook.map((c) => c.id).slice(-2)).toEqual(['c0', 'c1'])
  })
})
