import { createHash } from 'node:crypto'
import type { Code } from '../../../shared/annotation'
import type { Project } from '../../../shared/project'
import { escapeXml } from './escape'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The GUID a code is exported with: its id when that already is one, otherwise a name-based
 * (version 5 style) GUID from the project and code ids, so re-exports keep the same GUIDs and
 * other QDA tools can match codes across exports.
 */
export function codeGuid(projectId: string, codeId: string): string {
  if (UUID.test(codeId)) return codeId.toLowerCase()
  const b = createHash('sha1').update(`parallax:${projectId}:${codeId}`).digest().subarray(0, 16)
  b[6] = (b[6]! & 0x0f) | 0x50
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/**
 * The codebook as a REFI-QDA Codebook Exchange file (`.qdc`, namespace urn:QDA-XML:codebook:1.0),
 * which ATLAS.ti, MAXQDA, NVivo and QDA Miner import. Sub-codes nest inside their parent.
 */
export function refiQdaCodebook(project: Project, origin = 'Parallax'): string {
  const children = new Map<string | null, Code[]>()
  for (const c of project.codebook) {
    const list = children.get(c.parentId) ?? []
    list.push(c)
    children.set(c.parentId, list)
  }
  const lines: string[] = []
  const emit = (code: Code, depth: number, seen: Set<string>) => {
    if (seen.has(code.id)) return
    seen.add(code.id)
    const pad = '  '.repeat(depth)
    const attrs = `guid="${codeGuid(project.id, code.id)}" name="${escapeXml(code.name)}" isCodable="true" color="${escapeXml(code.colour.toUpperCase())}"`
    const kids = children.get(code.id) ?? []
    if (kids.length === 0 && code.description === '') {
      lines.push(`${pad}<Code ${attrs}/>`)
      return
    }
    lines.push(`${pad}<Code ${attrs}>`)
    if (code.description !== '') {
      lines.push(`${pad}  <Description>${escapeXml(code.description)}</Description>`)
    }
    for (const k of kids) emit(k, depth + 1, seen)
    lines.push(`${pad}</Code>`)
  }
  const seen = new Set<string>()
  for (const top of children.get(null) ?? []) emit(top, 2, seen)
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="${escapeXml(origin)}">`,
    '  <Codes>',
    ...lines,
    '  </Codes>',
    '</CodeBook>',
    '',
  ].join('\n')
}
