import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveDataDir } from '../../../src/main/data-dir'

describe('resolveDataDir', () => {
  it('takes --data-dir first, then PARALLAX_DATA_DIR, then the per-user folder', () => {
    expect(resolveDataDir(['--data-dir', 'lib'], { PARALLAX_DATA_DIR: '/env' })).toBe(
      resolve('lib'),
    )
    expect(resolveDataDir(['--data-dir=/a/b'], {})).toBe('/a/b')
    expect(resolveDataDir([], { PARALLAX_DATA_DIR: '/env' })).toBe('/env')
    if (process.platform === 'linux') {
      expect(resolveDataDir([], { XDG_CONFIG_HOME: '/home/x/.config' })).toBe(
        join('/home/x/.config', 'Parallax'),
      )
    }
  })
})
