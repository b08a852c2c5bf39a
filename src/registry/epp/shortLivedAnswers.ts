// Answers a registry gave about a name (its premium price, its trademark claim), kept as briefly as availability
// answers are (availabilityCache.ts): a LOOKUP followed by a registration asks once, not twice. `undefined` is a
// real answer ("standard", "no claim") and is kept too; get() returns undefined only when nothing is known.
const MAX_ENTRIES = 10_000;

export class ShortLivedAnswers<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();
  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {}

  get(name: string): { value: T } | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    if (e.until <= this.now()) { this.entries.delete(name); return undefined; }
    return { value: e.value };
  }

  set(name: string, value: T): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.delete(name);
    this.entries.set(name, { value, until: this.now() + this.ttlMs });
  }
}
