// Time comes from here, never from Date.now() in domain code, so tests and the console can move it.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. The console and the tests drive it. */
export class VirtualClock implements Clock {
  private current: number;
  constructor(start: Date) {
    this.current = start.getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date): void {
    if (to.getTime() < this.current) throw new Error('VirtualClock cannot go backwards');
    this.current = to.getTime();
  }
  advance(ms: number): void {
    this.set(new Date(this.current + ms));
  }
}
