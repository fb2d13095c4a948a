// A promise mutex shared by the backends: each keeps one writer connection and runs its
// transactions one after another through it. Holds no connection itself.

export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const prev = this.tail;
    let release!: () => void;
    this.tail = new Promise((r) => (release = r));
    await prev;
    try { return await fn(); } finally { release(); }
  }
}
