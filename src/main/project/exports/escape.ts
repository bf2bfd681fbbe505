const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)
}

/**
 * Escapes text for XML 1.0: the five entities, and characters XML 1.0 forbids (most C0 controls,
 * lone surrogates) removed, since no escape can carry them.
 */
export function escapeXml(text: string): string {
  return (
    text
      // XML 1.0 cannot carry these control characters at all, escaped or not.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/[&<>"']/g, (c) => (c === "'" ? '&apos;' : HTML_ESCAPES[c]!))
  )
}

/**
 * Escapes text for Markdown so quotes from documents cannot start headings, lists, links, tables
 * or raw HTML in the report.
 */
export function escapeMarkdown(text: string): string {
  const inline = text.replace(/\s*\r?\n\s*/g, ' ').replace(/[\\`*_{}[\]()!|<>~]/g, (c) => `\\${c}`)
  // Block syntax only matters at the start: "# ", "- ", "+ ", "1. ".
  return inline.replace(/^(\s*)([#+-]|\d+(?=[.)]))/, (_m, space: string, mark: string) =>
    /\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
  )
}
