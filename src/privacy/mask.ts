import { type DetectorOptions, detect } from './engine.js';
import type { Entity } from './types.js';
import { PseudonymVault, type VaultOptions } from './vault.js';

export interface MaskOptions extends VaultOptions {
  /** Reuse a vault across the messages of one request so a value keeps one stand-in. */
  vault?: PseudonymVault;
  /** Entities already detected (skips detection). */
  entities?: readonly Entity[];
  detector?: DetectorOptions | { detect(text: string): Entity[] };
  /** Text no stand-in may already occur in (default: `text`); a request passes all of its texts. */
  avoid?: string;
}

export interface MaskResult {
  text: string;
  entities: Entity[];
  vault: PseudonymVault;
}

/** Replaces every detected entity with its stand-in. Entities must be disjoint (detect() ensures it). */
export function mask(text: string, options: MaskOptions = {}): MaskResult {
  const vault = options.vault ?? new PseudonymVault(options);
  const d = options.detector;
  const entities = [...(options.entities ?? (d && 'detect' in d ? d.detect(text) : detect(text, d)))].sort(
    (a, b) => a.start - b.start,
  );
  const parts: string[] = [];
  let last = 0;
  for (const e of entities) {
    if (e.start < last) continue;
    parts.push(
      text.slice(last, e.start),
      vault.pseudonym(e.type, text.slice(e.start, e.end), options.avoid ?? text),
    );
    last = e.end;
  }
  parts.push(text.slice(last));
  return { text: parts.join(''), entities, vault };
}

/** Puts the original values back wherever a stand-in of `vault` occurs. */
export function restore(text: string, vault: PseudonymVault): string {
  const m = vault.matcher();
  if (!m) return text;
  const out: string[] = [];
  let pos = 0;
  for (let hit = m.next(text, 0); hit; hit = m.next(text, pos)) {
    out.push(text.slice(pos, hit.index), hit.value ?? hit.match);
    pos = hit.index + hit.match.length;
  }
  out.push(text.slice(pos));
  return out.join('');
}
