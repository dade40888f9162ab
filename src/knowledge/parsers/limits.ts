/** Limits that keep a hostile or broken file from exhausting the machine. */
export const LIMITS = {
  /** Largest input file. */
  fileBytes: 200 * 1024 * 1024,
  /** Most bytes a zip-based document (HWPX, DOCX) may expand to, in all (text XML: 64 MB is a very long book). */
  unzippedBytes: 64 * 1024 * 1024,
  /** Most entries in such a zip. */
  zipEntries: 10_000,
} as const;
