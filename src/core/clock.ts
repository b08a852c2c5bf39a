// One clock for the whole lifecycle. Everything that asks "what time is it" goes through a Clock so that tests
// and the sandbox can move time forward (grace periods, transfer windows, expiry) without waiting.
export interface Clock {
  now(): Promise<Date>;
}

export class SystemClock implements Clock {
  async now(): Promise<Date> { return new Date(); }
}

/** A clock tests drive by hand. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date) { this.current = start.getTime(); }
  async now(): Promise<Date> { return new Date(this.current); }
  advance(ms: number): void { this.current += ms; }
}
