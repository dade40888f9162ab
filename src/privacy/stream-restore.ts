import type { PseudonymVault } from './vault.js';

export interface StreamRestorer {
  /** Feeds a text delta; returns the restored text that is safe to emit now (may be ''). */
  push(delta: string): string;
  /** Ends the stream; returns everything still held back. */
  flush(): string;
}

/**
 * Restores stand-ins in a token stream without buffering the answer. It holds back only the
 * shortest tail that could still grow into a stand-in: once the tail cannot, it goes out. The
 * output equals restore() on the whole text for any split of the input (a property test checks).
 */
export function createStreamRestorer(vault: PseudonymVault): StreamRestorer {
  let pending = '';

  function drain(final: boolean): string {
    const m = vault.matcher();
    if (!m) {
      const out = pending;
      pending = '';
      return out;
    }
    const out: string[] = [];
    let pos = 0;
    while (true) {
      m.regex.lastIndex = pos;
      const hit = m.regex.exec(pending);
      const held = final ? -1 : m.heldFrom(pending, pos);
      // A complete stand-in that starts before any growing one is safe: leftmost wins in restore() too.
      if (hit && (held < 0 || hit.index < held)) {
        out.push(pending.slice(pos, hit.index), m.original(hit[0]) ?? hit[0]);
        pos = hit.index + hit[0].length;
        continue;
      }
      const cut = held < 0 ? pending.length : held;
      out.push(pending.slice(pos, cut));
      pending = pending.slice(cut);
      return out.join('');
    }
  }

  return {
    push(delta) {
      pending += delta;
      return drain(false);
    },
    flush() {
      return drain(true);
    },
  };
}
