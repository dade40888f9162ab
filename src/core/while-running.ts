/**
 * `run` for a key, shared by every caller that asks while a run for that key is under way: a
 * burst of callers costs one run, and a caller after it has ended gets a fresh one (nothing is
 * cached). For work that reads everything (every model node, the whole audit trail).
 */
export function sharedWhileRunning<K extends object, T>(run: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const running = new WeakMap<K, Promise<T>>();
  return (key) => {
    let r = running.get(key);
    if (!r) {
      r = run(key).finally(() => running.delete(key));
      running.set(key, r);
    }
    return r;
  };
}
