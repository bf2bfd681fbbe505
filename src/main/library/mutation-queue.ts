/**
 * Runs tasks one after another. Every change to the library goes through one queue, so two
 * imports started at once cannot both read the list, add a record each, and write back only one.
 */
export class MutationQueue {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task)
    // A failed task must not block the ones after it; the caller sees the failure via `result`.
    this.tail = result.catch(() => undefined)
    return result
  }

  /** Resolves when everything queued so far has finished. */
  async idle(): Promise<void> {
    await this.tail
  }
}
