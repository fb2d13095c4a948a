// Keeps a store's in-memory copy in step across the processes sharing one database: after a local
// change it tells the others (Backend.notify); told of one, a process reloads (Backend.listen).
import type { Backend, ChangeChannel } from './backend.ts';
import { Mutex } from './mutex.ts';

export interface SharedCopy {
  /** Tells the other processes what changed (e.g. an id); never fails the change that was made. */
  changed(what?: string): Promise<void>;
}

/** `reload` hears what another process changed, or null for "anything": calls run one at a time. */
export async function shareChanges(backend: Backend, channel: ChangeChannel, reload: (what: string | null) => Promise<void>): Promise<SharedCopy> {
  const one = new Mutex();
  await backend.listen(channel, (what) => {
    void one.run(() => reload(what)).catch((e: unknown) => console.error(`[agora] reloading after a change on another node failed (${channel}): ${(e as Error).message}`));
  });
  return {
    changed: (what = '') => backend.notify(channel, what).catch((e: unknown) => {
      console.error(`[agora] could not tell the other nodes of a change (${channel}): ${(e as Error).message}`);
    }),
  };
}
