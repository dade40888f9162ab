/**
 * Waits for the event loop's next turn, so requests that arrived meanwhile are served: long work
 * on the event loop (reading a whole audit trail, indexing a document) calls it between pieces.
 * Awaiting a settled promise would not do: it continues before any I/O is handled.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A pause to call inside a long loop: it lets the event loop take a turn once `everyMs` of work
 * has passed since the last one, and costs nothing otherwise.
 */
export function takingTurns(everyMs = 10): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < everyMs) return;
    await nextTurn();
    since = performance.now();
  };
}
