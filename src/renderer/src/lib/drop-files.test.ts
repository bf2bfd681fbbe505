import { describe, expect, it } from 'vitest'
import { readDropped, walkDrop, type DropEntry } from './drop-files'

function fileEntry(name: string, content: string): DropEntry {
  const file = new File([content], name)
  return { isFile: true, isDirectory: false, name, file: (ok) => ok(file) }
}

/** A folder whose reader hands out entries in batches, as Chromium does (100 at a time). */
function folderEntry(name: string, children: DropEntry[], batch = 2): DropEntry {
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader: () => {
      let pos = 0
      return {
        readEntries: (ok) => {
          const slice = children.slice(pos, pos + batch)
          pos += batch
          queueMicrotask(() => ok(slice))
        },
      }
    },
  }
}

describe('dropped folders', () => {
  it('walks folders recursively, through every batch, naming files by relative path', async () => {
    const drop = {
      entries: [
        folderEntry('event', [
          fileEntry('a.txt', 'A'),
          fileEntry('b.html', '<p>B</p>'),
          folderEntry('pdfs', [fileEntry('c.pdf', '%PDF'), fileEntry('d.pdf', '%PDF-1.7')]),
          fileEntry('e.md', '# E'),
        ]),
        fileEntry('loose.docx', 'PK'),
      ],
      looseFiles: [new File(['x'], 'synthetic.txt')],
    }
    const found = await walkDrop(drop)
    expect(found.map((f) => f.name).sort()).toEqual([
      'event/a.txt',
      'event/b.html',
      'event/e.md',
      'event/pdfs/c.pdf',
      'event/pdfs/d.pdf',
      'loose.docx',
      'synthetic.txt',
    ])
    const files = await readDropped(found)
    const d = files.find((f) => f.name === 'event/pdfs/d.pdf')
    expect(d?.bytes).toBeInstanceOf(Uint8Array)
    expect(new TextDecoder().decode(d?.bytes)).toBe('%PDF-1.7')
  })

  it('reports an unreadable entry instead of hanging', async () => {
    const broken: DropEntry = {
      isFile: true,
      isDirectory: false,
      name: 'gone.pdf',
      file: (_ok, fail) => fail(new Error('NotFoundError')),
    }
    await expect(walkDrop({ entries: [broken], looseFiles: [] })).rejects.toThrow('NotFoundError')
  })
})
