import { allElements, type DomDocument, type DomElement } from './dom'

/** What a page says about itself, from meta tags, JSON-LD and `<time>`. */
export interface HtmlMetadata {
  title: string | null
  outlet: string | null
  author: string | null
  published: string | null
  /** The article text some sites put in JSON-LD: a fallback when the page body is unreadable. */
  jsonLdBody: string | null
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** JSON-LD objects, with `@graph` and arrays flattened. Parsed as data; nothing is executed. */
function jsonLdObjects(scripts: readonly DomElement[]): Array<{ [key: string]: Json }> {
  const out: Array<{ [key: string]: Json }> = []
  const visit = (v: Json | undefined, depth: number): void => {
    if (depth > 4) return
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1)
    else if (isObject(v)) {
      out.push(v)
      visit(v['@graph'], depth + 1)
    }
  }
  for (const s of scripts) {
    try {
      visit(JSON.parse(s.textContent ?? '') as Json, 0)
    } catch {
      // Broken JSON-LD is common and harmless: the other sources still count.
    }
  }
  return out
}

const ARTICLE_TYPES = /(Article|BlogPosting|Report|NewsArticle|Posting|WebPage|Story)$/

function typeOf(o: { [key: string]: Json }): string {
  const t = o['@type']
  return Array.isArray(t) ? t.join(' ') : typeof t === 'string' ? t : ''
}

function names(v: Json | undefined): string[] {
  if (typeof v === 'string') return [v]
  if (Array.isArray(v)) return v.flatMap((x) => names(x))
  if (isObject(v) && typeof v['name'] === 'string') return [v['name']]
  return []
}

function clean(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > 0 ? t : null
}

/**
 * A date as ISO 8601: an ISO date(-time) is kept as written (its offset is the outlet's); anything
 * else the platform can parse becomes YYYY-MM-DD.
 */
export function isoDate(s: string | null | undefined): string | null {
  const t = clean(s)
  if (!t) return null
  const iso =
    /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/.exec(t)
  if (iso) return iso[0].replace(' ', 'T')
  const ms = Date.parse(t)
  if (Number.isNaN(ms)) return null
  const d = new Date(ms)
  if (d.getUTCFullYear() < 1900 || d.getUTCFullYear() > 2200) return null
  return d.toISOString().slice(0, 10)
}

/** Reads title, outlet, author, date from the page's head (call before the page is modified). */
/** The elements metadata is read from, gathered in one walk of the tree. */
interface MetadataSources {
  metas: DomElement[]
  titleEl: DomElement | null
  h1s: DomElement[]
  ldScripts: DomElement[]
  authorEl: DomElement | null
  timeEl: DomElement | null
  itemDate: DomElement | null
}

function gatherSources(doc: DomDocument): MetadataSources {
  const src: MetadataSources = {
    metas: [],
    titleEl: null,
    h1s: [],
    ldScripts: [],
    authorEl: null,
    timeEl: null,
    itemDate: null,
  }
  if (!doc.documentElement) return src
  for (const el of allElements(doc.documentElement)) {
    const tag = el.nodeName.toUpperCase()
    if (tag === 'META') src.metas.push(el)
    else if (tag === 'TITLE') src.titleEl ??= el
    else if (tag === 'H1') src.h1s.push(el)
    else if (
      tag === 'SCRIPT' &&
      (el.getAttribute('type') ?? '').toLowerCase().trim() === 'application/ld+json'
    )
      src.ldScripts.push(el)
    else if (tag === 'TIME' && !src.timeEl && el.hasAttribute('datetime')) src.timeEl = el
    const itemprop = el.getAttribute('itemprop')
    if (!src.itemDate && itemprop === 'datePublished') src.itemDate = el
    if (
      !src.authorEl &&
      (itemprop === 'author' || /\bauthor\b/i.test(el.getAttribute('rel') ?? ''))
    ) {
      src.authorEl = el.querySelector('[itemprop="name"]') ?? el
    }
  }
  return src
}

export function readHtmlMetadata(doc: DomDocument): HtmlMetadata {
  const sources = gatherSources(doc)
  const meta = new Map<string, string>()
  for (const m of sources.metas) {
    const key = (
      m.getAttribute('property') ??
      m.getAttribute('name') ??
      m.getAttribute('itemprop') ??
      ''
    )
      .toLowerCase()
      .trim()
    const content = clean(m.getAttribute('content'))
    if (key && content && !meta.has(key)) meta.set(key, content)
  }
  const ld = jsonLdObjects(sources.ldScripts)
  const article =
    ld.find((o) => /Article|BlogPosting|Report|Posting/.test(typeOf(o))) ??
    ld.find((o) => ARTICLE_TYPES.test(typeOf(o)))
  const str = (v: Json | undefined): string | null => (typeof v === 'string' ? clean(v) : null)
  const firstOf = (...keys: string[]): string | null => {
    for (const k of keys) {
      const v = meta.get(k)
      if (v) return v
    }
    return null
  }

  const docTitle = clean(sources.titleEl?.textContent)
  const h1s = sources.h1s
  const h1 = h1s.length === 1 ? clean(h1s[0]!.textContent) : null
  let outlet =
    firstOf('og:site_name', 'application-name', 'al:ios:app_name', 'twitter:site') ??
    (article ? (names(article['publisher'])[0] ?? null) : null) ??
    clean(
      ld
        .map((o) =>
          /Organization|NewsMediaOrganization/.test(typeOf(o)) ? names(o)[0] : undefined,
        )
        .find((x) => x),
    )
  if (outlet?.startsWith('@')) outlet = outlet.slice(1)

  let title =
    firstOf('og:title', 'twitter:title', 'headline', 'dc.title') ??
    (article ? str(article['headline']) : null) ??
    h1 ??
    docTitle
  if (title && outlet) {
    // "Headline | Outlet" and "Headline - Outlet" are how <title> and og:title often read.
    const suffix = new RegExp(
      `\\s*[|\\-–—:·]\\s*${outlet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`,
      'i',
    )
    title = title.replace(suffix, '') || title
  }
  if (!outlet && docTitle) {
    const m = /\s[|–—]\s([^|–—]{2,40})$/.exec(docTitle)
    if (m) outlet = clean(m[1])
  }

  const metaAuthor = firstOf(
    'author',
    'article:author',
    'dc.creator',
    'byl',
    'parsely-author',
    'sailthru.author',
  )
  const authorFromMeta =
    metaAuthor && !/^https?:/.test(metaAuthor) ? metaAuthor.replace(/^by\s+/i, '') : null
  const ldAuthors = article
    ? names(article['author'])
        .map((n) => n.trim())
        .filter((n) => n && !/^https?:/.test(n))
    : []
  const relAuthor = clean(sources.authorEl?.textContent)
  const author =
    authorFromMeta ??
    (ldAuthors.length > 0 ? [...new Set(ldAuthors)].join(', ') : null) ??
    (relAuthor && relAuthor.length < 80 ? relAuthor : null)

  const timeEl = sources.timeEl
  const itemDate = sources.itemDate
  const published = isoDate(
    firstOf(
      'article:published_time',
      'og:published_time',
      'datepublished',
      'pubdate',
      'publishdate',
      'publish-date',
      'date',
      'dc.date',
      'dc.date.issued',
      'dcterms.created',
      'sailthru.date',
      'parsely-pub-date',
    ) ??
      (article ? str(article['datePublished']) : null) ??
      itemDate?.getAttribute('content') ??
      itemDate?.getAttribute('datetime') ??
      timeEl?.getAttribute('datetime') ??
      null,
  )
  return {
    title: clean(title),
    outlet: clean(outlet),
    author: clean(author),
    published,
    jsonLdBody: article ? str(article['articleBody']) : null,
  }
}
