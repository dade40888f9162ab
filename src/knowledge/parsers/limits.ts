/** Limits that keep a hostile or broken file from exhausting the machine. */
export const LIMITS = {
  /** Largest input file. */
  fileBytes: 200 * 1024 * 1024,
  /** Most bytes a zip-based document (HWPX, DOCX) may expand to, in all (text XML: 64 MB is a very long book). */
  unzippedBytes: 64 * 1024 * 1024,
  /** Most entries in such a zip. */
  zipEntries: 10_000,
} as const;

/**
 * Appends lists to `to` item by item. `to.push(...list)` passes each item as an argument and
 * throws past ~120,000 of them: a note control with that many sub-lists, or a table of that many
 * rows inside a layout table, is a legal document.
 */
export function append<T>(to: T[], ...lists: readonly (readonly T[])[]): void {
  for (const list of lists) for (const item of list) to.push(item);
}
