// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { selectionRange } from './selection-offsets'

describe('selectionRange', () => {
  it('maps a selection across plain and highlighted runs back to document offsets', () => {
    const text = 'Title\n\nAt least 40 members were killed, the agency said.'
    document.body.innerHTML = `<div id="root"><h1><span data-start="0">Title</span></h1><p><span data-start="7">At least </span><mark data-start="16">40 members</mark><span data-start="26"> were killed, the agency said.</span></p></div>`
    const root = document.getElementById('root')!
    const first = root.querySelector('[data-start="7"]')!.firstChild!
    const last = root.querySelector('[data-start="26"]')!.firstChild!
    const range = document.createRange()
    range.setStart(first, 3) // "least"
    range.setEnd(last, 12) // " were killed"
    const selection = window.getSelection()!
    selection.removeAllRanges()
    selection.addRange(range)
    const found = selectionRange(root, selection)
    expect(found).toMatchObject({ start: 10, end: 38 })
    expect(text.slice(found!.start, found!.end)).toBe('least 40 members were killed')
  })

  it('ignores an empty selection and one outside the reader', () => {
    document.body.innerHTML = `<div id="root"><p><span data-start="0">Text</span></p></div><p id="out">Else</p>`
    const root = document.getElementById('root')!
    const selection = window.getSelection()!
    selection.removeAllRanges()
    expect(selectionRange(root, selection)).toBeNull()
    const range = document.createRange()
    range.selectNodeContents(document.getElementById('out')!)
    selection.addRange(range)
    expect(selectionRange(root, selection)).toBeNull()
  })
})
