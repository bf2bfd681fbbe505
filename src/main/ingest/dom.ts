import { parseHTML } from 'linkedom'

/**
 * The slice of the DOM the readers use. linkedom ships no usable DOM typings under the node tsconfig
 * (no DOM lib), so the readers program against this structural view of it.
 */
export interface DomNode {
  nodeType: number
  nodeName: string
  textContent: string | null
  childNodes: ArrayLike<DomNode>
  parentNode: DomNode | null
}

export interface DomElement extends DomNode {
  tagName: string
  getAttribute(name: string): string | null
  removeAttribute(name: string): void
  hasAttribute(name: string): boolean
  attributes: ArrayLike<{ name: string; value: string }>
  querySelectorAll(selector: string): ArrayLike<DomElement>
  querySelector(selector: string): DomElement | null
  remove(): void
}

export interface DomDocument {
  documentElement: DomElement | null
  body: DomElement | null
  title: string
  querySelectorAll(selector: string): ArrayLike<DomElement>
  querySelector(selector: string): DomElement | null
}

/** Parses HTML with linkedom, which builds a tree and never runs scripts or loads resources. */
export function parseDocument(html: string): DomDocument {
  // linkedom's typings name the DOM lib's Window, which the node tsconfig lacks; its document is
  // what DomDocument describes.
  const { document } = parseHTML(html) as unknown as { document: DomDocument }
  return document
}

export const ELEMENT_NODE = 1
export const TEXT_NODE = 3

/** Elements whose content is code, styling or embedded objects: never text for a reader. */
/** Elements whose content is code, styling or embedded objects: never text for a reader. */
const EXECUTABLE = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'FRAME',
  'FRAMESET',
  'OBJECT',
  'EMBED',
  'APPLET',
  'SVG',
  'MATH',
  'CANVAS',
  'LINK',
  'BASE',
])

function cleanAttributes(el: DomElement): void {
  const attrs = el.attributes
  for (let i = attrs.length - 1; i >= 0; i--) {
    const attr = attrs[i]
    if (!attr) continue
    const name = attr.name.toLowerCase()
    if (
      name.startsWith('on') ||
      ((name === 'href' || name === 'src' || name === 'action' || name === 'formaction') &&
        /^\s*(javascript|vbscript|data):/i.test(attr.value))
    ) {
      el.removeAttribute(attr.name)
    }
  }
}

/** Every element under `root` (root included), in document order, by one walk of the tree. */
export function allElements(root: DomNode): DomElement[] {
  const out: DomElement[] = []
  const walk = (node: DomNode): void => {
    if (node.nodeType !== ELEMENT_NODE) return
    out.push(node as DomElement)
    const kids = node.childNodes
    for (let i = 0; i < kids.length; i++) walk(kids[i]!)
  }
  walk(root)
  return out
}

/**
 * Takes out everything that could execute or is not text: script-like elements, event-handler
 * attributes, javascript: URLs; and, when `isHidden` says so, elements a reader never sees. The
 * text is all Parallax keeps, but a tree without them cannot leak code into it. One walk of the
 * tree: linkedom's selector engine is the slow part of a page otherwise.
 */
export function sanitize(doc: DomDocument, isHidden?: (el: DomElement) => boolean): void {
  const root = doc.documentElement
  if (!root) return
  const walk = (el: DomElement): void => {
    const kids = Array.from(el.childNodes)
    for (const k of kids) {
      if (k.nodeType !== ELEMENT_NODE) continue
      const child = k as DomElement
      if (EXECUTABLE.has(child.nodeName.toUpperCase()) || isHidden?.(child)) {
        child.remove()
        continue
      }
      cleanAttributes(child)
      walk(child)
    }
  }
  cleanAttributes(root)
  walk(root)
}

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'HTML',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
])

/** A paragraph found in a subtree, with the element that opened it (for role decisions). */
export interface TextBlock {
  text: string
  /** The nearest block element around the text. */
  element: DomElement | null
}

/**
 * Turns a subtree into paragraphs the way a browser lays it out: block elements break paragraphs,
 * `<br>` breaks lines, runs of whitespace collapse (except in `<pre>`). `skip` prunes subtrees.
 */
export function blocksOf(root: DomNode, skip?: (el: DomElement) => boolean): TextBlock[] {
  const out: TextBlock[] = []
  let buf = ''
  let owner: DomElement | null = null
  const flush = (): void => {
    const t = buf.replace(/[ \t\u00a0]*\n[ \t\u00a0]*/g, '\n').trim()
    if (t.length > 0) out.push({ text: t, element: owner })
    buf = ''
  }
  const walk = (node: DomNode, inPre: boolean, block: DomElement | null): void => {
    if (node.nodeType === TEXT_NODE) {
      const t = node.textContent ?? ''
      if (buf.length === 0) owner = block
      buf += inPre ? t : t.replace(/[\s]+/g, ' ')
      return
    }
    if (node.nodeType !== ELEMENT_NODE) return
    const el = node as DomElement
    if (skip?.(el)) return
    const tag = el.nodeName.toUpperCase()
    if (tag === 'BR') {
      buf += '\n'
      return
    }
    const isBlock = BLOCK_TAGS.has(tag)
    if (isBlock) flush()
    const pre = inPre || tag === 'PRE'
    const children = node.childNodes
    for (let i = 0; i < children.length; i++) walk(children[i]!, pre, isBlock ? el : block)
    if (isBlock) flush()
    else if (tag === 'TD' || tag === 'TH') buf += ' '
  }
  walk(root, false, root.nodeType === ELEMENT_NODE ? (root as DomElement) : null)
  flush()
  return out
}

/** An element's class and id, lower-cased: what site templates name their widgets by. */
export function classAndId(el: DomElement): string {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase()
}
