// Per-request stage timing, rendered as a Server-Timing header so slow stages are visible.

export class Timing {
  private readonly marks: Array<[string, number]> = [];
  private last = performance.now();
  /** Records the time since the previous mark under `stage`. */
  mark(stage: string): void {
    const now = performance.now();
    this.marks.push([stage, now - this.last]);
    this.last = now;
  }
  header(): string {
    return this.marks.map(([n, d]) => `${n};dur=${d.toFixed(1)}`).join(', ');
  }
}
