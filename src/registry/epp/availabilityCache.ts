// domain:check answers, kept briefly: a LOOKUP storm (name suggestions check dozens of names) should not become a
// check storm at the registry, and a name rarely changes hands within seconds. regd forgets a name at once when it
// creates, deletes or transfers it itself, so its own actions are never hidden by the cache.
const MAX_ENTRIES = 10_000;

export class AvailabilityCache {
  private readonly entries = new Map<string, { taken: boolean; until: number }>();

  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {}

  get(name: string): boolean | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    if (e.until <= this.now()) {
      this.entries.delete(name);
      return undefined;
    }
    return e.taken;
  }

  set(name: string, taken: boolean): void {
    if (this.ttlMs <= 0) return;
    // Insertion order is age order: drop the oldest when full.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.delete(name);
    this.entries.set(name, { taken, until: this.now() + this.ttlMs });
  }

  forget(name: string): void {
    this.entries.delete(name);
  }
}
