/**
 * A piece of text a client put in a request, as a slot that can be read and replaced (a message's
 * content, a description, an object's key, a long number…; `textSlots` in egress.ts finds them).
 * Working on slots keeps scanning and masking in one place for every request shape.
 */
export interface TextSlot {
  get(): string;
  set(value: string): void;
  /** Applies what `set` left pending (renamed keys, one rebuild per object); called after every set. */
  commit?(): void;
}
