/**
 * Body texts kept in memory for search snippets, least recently used first out. Bounded by
 * characters, not entries, because one imported book weighs as much as a thousand news items.
 */
export class BodyCache {
  private readonly bodies = new Map<string, string>()
  private chars = 0

  constructor(private readonly budgetChars: number) {}

  get(id: string): string | undefined {
    const body = this.bodies.get(id)
    if (body !== undefined) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.bodies.delete(id)
      this.bodies.set(id, body)
    }
    return body
  }

  set(id: string, body: string): void {
    this.delete(id)
    if (body.length > this.budgetChars) return
    this.bodies.set(id, body)
    this.chars += body.length
    for (const [oldId, old] of this.bodies) {
      if (this.chars <= this.budgetChars) break
      this.bodies.delete(oldId)
      this.chars -= old.length
    }
  }

  delete(id: string): void {
    const old = this.bodies.get(id)
    if (old === undefined) return
    this.bodies.delete(id)
    this.chars -= old.length
  }
}
