import { describeCorrection, type Annotation } from '../../../shared/annotation'
import type { Project } from '../../../shared/project'
import { codePaths } from '../codebook'

/** The W3C Web Annotation context every exported file declares. */
export const WEB_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'

/**
 * A document's IRI: the RFC 6920 "named information" form of its sha-256 id, so the target names
 * the exact bytes the researcher annotated wherever the file lives.
 */
export function documentIri(docId: string): string {
  if (/^[0-9a-f]{64}$/i.test(docId)) {
    return `ni:///sha-256;${Buffer.from(docId, 'hex').toString('base64url')}`
  }
  return `urn:parallax:document:${encodeURIComponent(docId)}`
}

export function annotationIri(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    ? `urn:uuid:${id.toLowerCase()}`
    : `urn:parallax:annotation:${encodeURIComponent(id)}`
}

const MOTIVATION: Record<Annotation['kind'], string> = {
  code: 'classifying',
  note: 'commenting',
  stance: 'assessing',
  figure: 'describing',
  'machine-review': 'assessing',
}

/**
 * The project's annotations as a W3C Web Annotation collection (JSON-LD): each target carries a
 * TextQuoteSelector and a TextPositionSelector; codes become tagging bodies, notes commenting
 * bodies, links SpecificResource bodies with purpose `linking`.
 */
export function webAnnotationCollection(project: Project): Record<string, unknown> {
  const docs = new Map(project.documents.map((d) => [d.record.id, d.record]))
  const paths = codePaths(project.codebook)
  const items = project.annotations.map((a) => {
    const body: Record<string, unknown>[] = []
    if (a.code) {
      body.push({
        type: 'TextualBody',
        purpose: 'tagging',
        value: paths.get(a.code) ?? a.code,
        format: 'text/plain',
      })
    }
    if (a.note)
      body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note, format: 'text/plain' })
    if (a.stance) {
      body.push({
        type: 'TextualBody',
        purpose: 'assessing',
        value: `${a.stance.value} ${a.stance.toward}`,
        format: 'text/plain',
      })
    }
    if (a.figure) {
      const f = a.figure
      const parts = [`value ${f.value ?? 'vague'}`, `qualifier ${f.qualifier}`]
      if (f.measure) parts.push(`measure ${f.measure}`)
      if (f.subject) parts.push(`subject ${f.subject}`)
      if (f.scope) parts.push(`scope ${f.scope}`)
      if (f.location) parts.push(`location ${f.location}`)
      if (f.source) parts.push(`source ${f.source}`)
      body.push({
        type: 'TextualBody',
        purpose: 'describing',
        value: parts.join('; '),
        format: 'text/plain',
      })
    }
    if (a.machineRef) {
      body.push({
        type: 'TextualBody',
        purpose: 'assessing',
        value: `${a.status} machine ${a.machineRef.layer} ${a.machineRef.id}`,
        format: 'text/plain',
      })
    }
    if (a.correction) {
      // Web Annotation has no "correcting" motivation; `editing` is the purpose for a change.
      body.push({
        type: 'TextualBody',
        purpose: 'editing',
        value: describeCorrection(a.correction),
        format: 'text/plain',
      })
    }
    for (const l of a.links) {
      body.push({ type: 'SpecificResource', purpose: 'linking', source: annotationIri(l.to) })
      body.push({
        type: 'TextualBody',
        purpose: 'classifying',
        value: l.relation,
        format: 'text/plain',
      })
    }
    const title = docs.get(a.target.docId)?.title
    return {
      id: annotationIri(a.id),
      type: 'Annotation',
      motivation: a.links.length > 0 && !a.code && !a.note ? 'linking' : MOTIVATION[a.kind],
      created: a.created,
      modified: a.modified,
      ...(a.author ? { creator: { type: 'Person', name: a.author } } : {}),
      ...(body.length === 1 ? { body: body[0] } : body.length > 1 ? { body } : {}),
      target: {
        source: documentIri(a.target.docId),
        ...(title ? { scope: { type: 'Text', label: title } } : {}),
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: a.target.exact,
            prefix: a.target.prefix,
            suffix: a.target.suffix,
          },
          { type: 'TextPositionSelector', start: a.target.start, end: a.target.end },
        ],
      },
    }
  })
  return {
    '@context': WEB_ANNOTATION_CONTEXT,
    id: annotationIri(project.id),
    type: 'AnnotationCollection',
    label: project.name,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  }
}

/** The collection as the text of a `.jsonld` file. */
export function webAnnotationJson(project: Project): string {
  return `${JSON.stringify(webAnnotationCollection(project), null, 2)}\n`
}
