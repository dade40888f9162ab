/**
 * An object used as a map from names callers choose (collections, file names): without a
 * prototype, so "constructor" or "toString" finds its own entry or nothing — with one, a
 * collection named "constructor" read Object's constructor as its settings (no owner: shared).
 */
export function dict<T>(from: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, from);
}
