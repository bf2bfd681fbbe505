import { describe, expect, it } from 'vitest'
import { LAYERS } from '../lib/highlights'
import { serializeViewSettings } from '../compare/view-settings'
import { readViewSettings, withKnownLayers } from './layer-settings'

describe('comparison layers across versions', () => {
  it('a view saved before the annotations layer existed opens with it on', () => {
    const old = { layers: ['figures', 'stance'], widths: [0.5, 0.5] }
    expect(readViewSettings(old, 2).layers).toEqual(['figures', 'stance', 'annotations'])
  })

  it('a view saved knowing the layer keeps it off when the researcher switched it off', () => {
    const saved = readViewSettings({}, 2)
    expect(saved.layers).toEqual([...LAYERS])
    const off = { ...saved, layers: saved.layers.filter((l) => l !== 'annotations') }
    const round = readViewSettings(withKnownLayers(serializeViewSettings(off)), 2)
    expect(round.layers).not.toContain('annotations')
    expect(round.layers).toContain('figures')
  })

  it('a view without a layer list takes every layer', () => {
    expect(readViewSettings({ widths: [1, 1] }, 2).layers).toEqual([...LAYERS])
  })
})
