/**
 * Bounded waiting room with round-robin fairness across keys (apps): one app sending a burst
 * cannot starve another, and within one app jobs keep their order (FIFO).
 */
export class FairQueue<T> {
  private readonly lanes = new Map<string, T[]>();
  /** Keys in service order; the head is served next, then moves to the back. */
  private readonly order: string[] = [];
  private count = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.count;
  }

  /** False when the queue is full (the caller answers "busy"). */
  push(key: string, item: T): boolean {
    if (this.count >= this.capacity) return false;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = [];
      this.lanes.set(key, lane);
      this.order.push(key);
    }
    lane.push(item);
    this.count++;
    return true;
  }

  /** The next item: the oldest of the key whose turn it is. */
  shift(): T | undefined {
    const key = this.order.shift();
    if (key === undefined) return undefined;
    const lane = this.lanes.get(key)!;
    const item = lane.shift();
    this.count--;
    if (lane.length > 0) this.order.push(key);
    else this.lanes.delete(key);
    return item;
  }

  /** Removes one waiting item (an aborted request); false when it is not waiting. */
  remove(key: string, item: T): boolean {
    const lane = this.lanes.get(key);
    const i = lane ? lane.indexOf(item) : -1;
    if (!lane || i < 0) return false;
    lane.splice(i, 1);
    this.count--;
    if (lane.length === 0) {
      this.lanes.delete(key);
      this.order.splice(this.order.indexOf(key), 1);
    }
    return true;
  }

  drain(): T[] {
    const all: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) all.push(item);
    return all;
  }
}
