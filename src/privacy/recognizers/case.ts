/**
 * A row of a recogniser's case table: `spans` are the substrings of `text` that must be reported
 * with the recogniser's type (each whole, nothing more); an empty list means none may be.
 */
export interface RecognizerCase {
  name: string;
  text: string;
  spans: readonly string[];
}
