import { describe, expect, it } from 'vitest'
import { emitUiEvent, openAnnotation, subscribeUiEvents, type UiEvent } from './ui-events'

describe('the renderer’s event channel', () => {
  it('delivers requests to every subscriber until it unsubscribes', () => {
    const first: UiEvent[] = []
    const second: UiEvent[] = []
    const stopFirst = subscribeUiEvents((e) => first.push(e))
    const stopSecond = subscribeUiEvents((e) => second.push(e))
    openAnnotation('ann-1')
    stopFirst()
    emitUiEvent({ type: 'open-annotation', id: 'ann-2' })
    stopSecond()
    openAnnotation('ann-3')
    expect(first.map((e) => e.id)).toEqual(['ann-1'])
    expect(second.map((e) => e.id)).toEqual(['ann-1', 'ann-2'])
  })

  it('lets a listener unsubscribe while it is being called', () => {
    const seen: string[] = []
    const stop = subscribeUiEvents((e) => {
      seen.push(e.id)
      stop()
    })
    const stay = subscribeUiEvents((e) => seen.push(`stay:${e.id}`))
    openAnnotation('a')
    openAnnotation('b')
    stay()
    expect(seen).toEqual(['a', 'stay:a', 'stay:b'])
  })
})
