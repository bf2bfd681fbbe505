import { Readability } from '@mozilla/readability'
import type { Segment, SegmentRole } from '../../shared/document'
import {
  blocksOf,
  classAndId,
  parseDocument,
  sanitize,
  type DomDocument,
  type DomElement,
  type DomNode,
  type TextBlock,
} from './dom'
import {
  BYLINE_PREFIXES,
  CREDIT_PREFIXES,
  DATELINE_PREFIXES,
  describeCue,
  HTML_NON_BODY,
  looksLikeCaptionLine,
  looksLikeDateline,
  matchFurniture,
} from './furniture'
import { readHtmlMetadata, type HtmlMetadata } from './html-metadata'
import { layoutBlocks, type Block } from './layout'

/** The result of reading one HTML page. */
export interface HtmlReading {
  text: string
  segments: Segment[]
  metadata: HtmlMetadata
  warnings: string[]
}

/** Below this many characters Readability's pick is treated as a miss and fallbacks are tried. */
const MIN_BODY_CHARS = 250

function normaliseForCompare(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase()
}

/** Which non-body role an element's tag and class/id names give it, if any. */
function nonBodyRole(el: DomElement): SegmentRole | null {
  const tag = el.nodeName.toUpperCase()
  if (tag === 'FIGCAPTION') return 'caption'
  const names = classAndId(el)
  if (names.trim().length === 0) return tag === 'ASIDE' ? 'widget' : null
  if (HTML_NON_BODY.comments.test(names)) return 'comments'
  if (HTML_NON_BODY.boilerplate.test(names)) return 'boilerplate'
  if (HTML_NON_BODY.caption.test(names)) return 'caption'
  if (HTML_NON_BODY.widget.test(names) || tag === 'ASIDE') return 'widget'
  return null
}

const ROLE_REASON: Record<string, string> = {
  caption: 'figure caption',
  comments: 'comment section',
  boilerplate: 'cookie/consent banner or site chrome',
  widget: 'related/recommended/share widget',
}

/**
 * Non-article material of the page (comments, related lists, captions, cookie banners) as blocks.
 * Containers are taken outermost-first; a "container" holding most of the page is a wrapper, not
 * a widget, and is looked into instead.
 */
function collectNonBody(doc: DomDocument, pageChars: number): Block[] {
  const out: Block[] = []
  const root = doc.body ?? doc.documentElement
  if (!root) return out
  const visit = (node: DomNode): void => {
    // linkedom builds childNodes afresh on each access: read it once per node.
    const kids = node.childNodes
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i]!
      if (child.nodeType !== 1) continue
      const el = child as DomElement
      const tag = el.nodeName.toUpperCase()
      if (
        tag === 'NAV' ||
        tag === 'HEADER' ||
        tag === 'FOOTER' ||
        tag === 'FORM' ||
        tag === 'SELECT' ||
        tag === 'BUTTON'
      ) {
        // Site chrome is not kept except for consent banners, which a researcher may want to see.
        if (nonBodyRole(el) === 'boilerplate') pushBlocks(el, 'boilerplate')
        continue
      }
      const role = nonBodyRole(el)
      if (role) {
        const len = (el.textContent ?? '').length
        if (len < pageChars * 0.4 || role === 'caption') {
          pushBlocks(el, role)
          continue
        }
      }
      visit(el)
    }
  }
  const pushBlocks = (el: DomElement, role: SegmentRole): void => {
    for (const b of blocksOf(el)) {
      if (b.text.length > 0) out.push({ role, text: b.text, reason: ROLE_REASON[role] ?? role })
    }
  }
  visit(root)
  return out
}

/** The body element Readability picks, as a detached subtree (its serializer hands it back as is). */
function readabilityBody(doc: DomDocument): {
  content: DomNode | null
  title: string | null
  byline: string | null
} {
  // linkedom documents satisfy what Readability reads; the typings want the DOM lib's Document.
  const reader = new Readability<DomNode>(doc as never, {
    serializer: (n) => n as never,
    keepClasses: true,
    charThreshold: 500,
  })
  const parsed = reader.parse()
  return {
    content: parsed?.content ?? null,
    title: parsed?.title ?? null,
    byline: parsed?.byline ?? null,
  }
}

/** Body paragraphs from `<p>`-like elements outside page chrome: the fallback when Readability misses. */
function paragraphFallback(doc: DomDocument): TextBlock[] {
  const root = doc.body ?? doc.documentElement
  if (!root) return []
  return blocksOf(root, (el) => {
    const tag = el.nodeName.toUpperCase()
    return (
      tag === 'NAV' ||
      tag === 'HEADER' ||
      tag === 'FOOTER' ||
      tag === 'FORM' ||
      tag === 'ASIDE' ||
      nonBodyRole(el) !== null
    )
  }).filter((b) => b.text.length >= 80 || /[.!?]["”’]?$/.test(b.text))
}

/** Words in a block, for "enough article before this" decisions. */
function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
}

/**
 * Gives each paragraph Readability kept its role: captions and credits, bylines and datelines,
 * leftover share/related/ad lines (with the link list under a widget heading), and a comment
 * thread that starts inside the article container.
 */
function classifyBody(
  found: readonly TextBlock[],
  title: string | null,
  byline: string | null,
): Block[] {
  const out: Block[] = []
  const titleKey = title ? normaliseForCompare(title) : null
  const bylineKey = byline ? normaliseForCompare(byline) : null
  let bodyWords = 0
  let inWidgetList = false
  let inComments: string | null = null
  for (const b of found) {
    const key = normaliseForCompare(b.text)
    const short = b.text.length <= 300 && !b.text.includes('\n')
    if (inComments) {
      out.push({ role: 'comments', text: b.text, reason: `comment section from '${inComments}'` })
      continue
    }
    if (titleKey && key === titleKey && bodyWords === 0) continue
    if (bylineKey && key === bylineKey) {
      out.push({ role: 'byline', text: b.text, reason: 'byline in the article' })
      continue
    }
    const enclosing = enclosingRole(b.element)
    if (enclosing === 'caption') {
      out.push({ role: 'caption', text: b.text, reason: 'figure caption inside the article' })
      continue
    }
    if (enclosing === 'comments') {
      out.push({
        role: enclosing,
        text: b.text,
        reason: `${ROLE_REASON[enclosing] ?? enclosing} inside the article container`,
      })
      continue
    }
    const firstLine = b.text.split('\n', 1)[0]!
    const isOneLine = firstLine.length === b.text.length
    const firstCue = firstLine.length <= 400 ? matchFurniture(firstLine) : null
    // A heading line ("Tags", "Comments") may carry its list in the same paragraph after a <br>.
    const cue =
      isOneLine || firstCue === 'widgetList' || firstCue === 'commentStart' ? firstCue : null
    if (cue === 'commentStart' && bodyWords >= 100) {
      inComments = describeCue(b.text)
      out.push({ role: 'comments', text: b.text, reason: `comment section from '${inComments}'` })
      continue
    }
    if (cue === 'widgetList') {
      inWidgetList = true
      out.push({ role: 'widget', text: b.text, reason: `widget heading '${describeCue(b.text)}'` })
      continue
    }
    if (inWidgetList && short && words(b.text) <= 18 && !/[.!]["”’]?$/.test(b.text)) {
      out.push({ role: 'widget', text: b.text, reason: 'link under a widget heading' })
      continue
    }
    inWidgetList = false
    if (cue === 'widgetLine' || cue === 'commentStart') {
      out.push({
        role: 'widget',
        text: b.text,
        reason: `leftover widget line '${describeCue(b.text)}'`,
      })
      continue
    }
    if (cue === 'boilerplate') {
      out.push({
        role: 'boilerplate',
        text: b.text,
        reason: `leftover page line '${describeCue(b.text)}'`,
      })
      continue
    }
    if (short && looksLikeCaptionLine(b.text)) {
      out.push({ role: 'caption', text: b.text, reason: 'picture credit or gallery counter' })
      continue
    }
    if (short && /^https?:\/\/\S+$/.test(b.text.trim())) {
      out.push({ role: 'boilerplate', text: b.text, reason: 'bare web address' })
      continue
    }
    if (short && /^\[\w+[^\]]*\].*\[\/\w+\]$/.test(b.text.trim())) {
      out.push({ role: 'boilerplate', text: b.text, reason: 'unrendered CMS shortcode' })
      continue
    }
    const lower = key
    if (short && words(b.text) <= 12 && CREDIT_PREFIXES.some((p) => lower.startsWith(p))) {
      out.push({ role: 'caption', text: b.text, reason: 'photo credit' })
      continue
    }
    // Deeper in, a bare time is a live-blog heading ("4:14 p.m."), which belongs to the article.
    if (
      short &&
      looksLikeDateline(b.text) &&
      (bodyWords < 60 || DATELINE_PREFIXES.some((p) => key.startsWith(p)))
    ) {
      out.push({ role: 'byline', text: b.text, reason: 'dateline' })
      continue
    }
    if (
      short &&
      bodyWords < 60 &&
      words(b.text) <= 15 &&
      BYLINE_PREFIXES.some((p) => lower.startsWith(p)) &&
      /\p{Lu}/u.test(b.text)
    ) {
      out.push({ role: 'byline', text: b.text, reason: 'line starts like a byline' })
      continue
    }
    bodyWords += words(b.text)
    out.push({ role: 'body', text: b.text, reason: 'readability body' })
  }
  return out
}

/** The non-body role of the nearest marked container around a block, inside Readability's pick. */
function enclosingRole(node: DomNode | null): SegmentRole | null {
  let el = node
  for (let depth = 0; el && el.parentNode && depth < 4; depth++, el = el.parentNode) {
    if (el.nodeType !== 1) break
    const role = nonBodyRole(el as DomElement)
    if (role) return role
  }
  return null
}

/** Elements a reader never sees (hover cards, screen-reader text, hidden blocks) are not text. */
function isInvisible(el: DomElement): boolean {
  const tag = el.nodeName.toUpperCase()
  if (tag === 'HTML' || tag === 'BODY' || tag === 'MAIN' || tag === 'ARTICLE') return false
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true
  const style = el.getAttribute('style')
  if (style && /display\s*:\s*none/i.test(style)) return true
  const cls = el.getAttribute('class')
  return (
    cls !== null &&
    cls.length > 0 &&
    cls
      .toLowerCase()
      .split(/\s+/)
      .some((c) => HTML_NON_BODY.invisible.test(c))
  )
}

/**
 * HTML page -> article text with title, byline and body first, then the page's other material
 * (captions, widgets, comments, banners) as separate segments.
 */
export function readHtml(html: string): HtmlReading {
  const warnings: string[] = []
  const page = parseDocument(html)
  const metadata = readHtmlMetadata(page)
  sanitize(page, isInvisible)
  const pageChars = (page.body?.textContent ?? '').length
  // Readability rearranges the tree it reads, so the page's other material is collected first.
  const collected = collectNonBody(page, pageChars)
  const found = readabilityBody(page)
  const title = metadata.title ?? (found.title?.trim() || null)
  const byline = found.byline ? found.byline.replace(/\s+/g, ' ').trim() : null
  let bodyBlocks: Block[] = []
  if (found.content) {
    bodyBlocks = classifyBody(blocksOf(found.content), title, byline)
  }
  const bodyChars = (): number =>
    bodyBlocks.filter((b) => b.role === 'body').reduce((n, b) => n + b.text.length, 0)
  if (
    bodyChars() < MIN_BODY_CHARS &&
    metadata.jsonLdBody &&
    metadata.jsonLdBody.length > bodyChars()
  ) {
    bodyBlocks = metadata.jsonLdBody
      .split(/\n\s*\n|\n/)
      .map((t) => ({ role: 'body', text: t, reason: 'article text from JSON-LD' }))
    warnings.push(
      'the page layout was not recognised; the article text comes from its structured data',
    )
  }
  if (bodyChars() < MIN_BODY_CHARS) {
    // The tree was rearranged by Readability; the fallback reads a fresh one (rare, so parsing twice is fine).
    const fresh = parseDocument(html)
    sanitize(fresh, isInvisible)
    const fallback = classifyBody(paragraphFallback(fresh), title, byline).map((b) =>
      b.role === 'body' ? { ...b, reason: 'paragraphs outside page chrome' } : b,
    )
    const fallbackChars = fallback
      .filter((b) => b.role === 'body')
      .reduce((n, b) => n + b.text.length, 0)
    if (fallbackChars > bodyChars()) {
      bodyBlocks = fallback
      warnings.push('the article body could not be told apart with confidence; check the text')
    }
  }

  const bodyKeys = new Set(bodyBlocks.map((b) => normaliseForCompare(b.text)))
  const bodyJoined = normaliseForCompare(bodyBlocks.map((b) => b.text).join(' '))
  const nonBody = collected.filter((b) => {
    const key = normaliseForCompare(b.text)
    return !bodyKeys.has(key) && !(key.length > 30 && bodyJoined.includes(key))
  })

  const blocks: Block[] = []
  if (title)
    blocks.push({
      role: 'title',
      text: title,
      reason: metadata.title ? 'page metadata' : 'readability title',
    })
  if (byline && !bodyBlocks.some((b) => b.role === 'byline'))
    blocks.push({ role: 'byline', text: byline, reason: 'byline found by readability' })
  blocks.push(...bodyBlocks, ...nonBody)
  const { text, segments } = layoutBlocks(blocks, true)
  return {
    text,
    segments,
    metadata: {
      ...metadata,
      title,
      author: metadata.author ?? (byline ? byline.replace(/^by\s+/i, '') : null),
    },
    warnings,
  }
}
