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
  // The two characters before `pending`, already let go: whether a tag written without brackets
  // starts a word, or a surrogate number a longer one, depends on them, as in restore().
  let before = '';

  function drain(final: boolean): string {
    const m = vault.matcher();
    if (!m) {
      const out = pending;
      pending = '';
      return out;
    }
    const text = before + pending;
    const out: string[] = [];
    let pos = before.length;
    while (true) {
      const hit = m.next(text, pos);
      const held = final ? -1 : m.heldFrom(text, pos);
      // A complete stand-in that starts before any growing one is safe: leftmost wins in restore() too.
      if (hit && (held < 0 || hit.index < held)) {
        out.push(text.slice(pos, hit.index), hit.value ?? hit.match);
        pos = hit.index + hit.match.length;
        continue;
      }
      const cut = held < 0 ? text.length : held;
      out.push(text.slice(pos, cut));
      before = text.slice(Math.max(0, cut - 2), cut);
      pending = text.slice(cut);
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
