/** PIPA categories: they decide what a policy may let leave the premises. */
export type Category = 'unique_identifier' | 'sensitive' | 'credit' | 'personal';

export interface Entity {
  type: string;
  /** JavaScript string offsets into the ORIGINAL text; end is exclusive. */
  start: number;
  end: number;
  text: string;
  score: number;
  category: Category;
}

/** Presidio's three outcomes: a valid checksum raises confidence, an invalid one drops the match. */
export type Validation = 'valid' | 'invalid' | 'unknown';

export interface Pattern {
  name: string;
  /** Must carry the `g` flag. Runs over the normalised text. */
  regex: RegExp;
  score: number;
  /**
   * A string every match contains: texts without it skip this pattern ('@' for e-mail). A regex
   * (no `g` flag) when the pattern has several forms: one test of the text for all of them.
   */
  trigger?: string | RegExp;
  /**
   * Words that belong to the identifier when they stand right before the match ("서울" in
   * 서울12가3456). Lets the pattern itself start at a digit, which the regex engine finds fast.
   * Must end with `$`; looked for in the `maxLength` (default 12) characters before the match.
   * With `required`, a match without the prefix is dropped.
   */
  prefix?: { regex: RegExp; required?: boolean; maxLength?: number };
  /**
   * Where a digit-led pattern's matches start, so it is tried there only instead of at every
   * character. It promises: every match holds at least `min` ASCII digits, no two of them more
   * than six characters apart; its first digit has no digit before it and starts a run of digits
   * whose length is one of `firstRun`; it starts at most `lead` characters (letters, a bracket)
   * before that digit. Lookarounds read the whole text as usual. The contract test checks each
   * such pattern finds exactly what a scan of every position finds.
   */
  digitRuns?: { min: number; firstRun: readonly number[]; lead?: number };
}

/** A candidate span in the normalised text, before context and threshold. */
export interface Candidate {
  type: string;
  category: Category;
  start: number;
  end: number;
  score: number;
}

/** Where a scan of digit-led patterns can start a match (see Pattern.digitRuns). */
export interface RunSpec {
  /** The same patterns, sticky: tried at one position at a time. */
  sticky: RegExp;
  /** The same patterns, global: for a text where they could start at most runs anyway. */
  everywhere: RegExp;
  min: number;
  /** Bit n set: a first run of n digits can start a match. */
  lengths: number;
  lead: number;
}

/** The runs of digits of one text, for finding digit-led matches where they can start. */
export interface DigitRunFinder {
  /** `find(from)`: the first match at `from` or later, as `exec` with that `lastIndex` gives. */
  finder(spec: RunSpec): (from: number) => RegExpExecArray | null;
}

export interface ScanInput {
  /** The normalised text (same length semantics as the offsets of candidates). */
  text: string;
  /** Candidates already found by earlier recognisers (for those that read their neighbours). */
  found: readonly Candidate[];
  /**
   * The header line of the block (table or form) a position is in, lower-cased, or '' when the
   * position is on it or far below: a column's label ("성명 / 여권번호" over the rows).
   */
  headerAbove?: (pos: number) => string;
  /** The text's runs of digits, found once for every recogniser that asks (Pattern.digitRuns). */
  digitRuns?: () => DigitRunFinder;
  /**
   * Where a word stands in the text, searched once for every recogniser that asks for it (labels
   * several read from: 번 of 환자번호 and 고객번호, 사번, 학번).
   */
  positionsOf?: (word: string) => readonly number[];
}

interface RecognizerBase {
  type: string;
  category: Category;
  /** Words (Korean and English) near a match that raise its score. Matched case-insensitively. */
  context: readonly string[];
  /** How far (UTF-16 units) before and after a match context words are looked for. */
  contextWindow?: { before: number; after: number };
  /** Score added when a context word is near. */
  contextBoost?: number;
  /** Words that lower the score (by 0.5) when near and no context word is: "바코드 8801234567893". */
  negativeContext?: readonly string[];
}

export interface PatternRecognizer extends RecognizerBase {
  kind: 'pattern';
  patterns: readonly Pattern[];
  /** Receives the matched identifier text (normalised). */
  validate?: (match: string) => Validation;
  /** Score when the validator says 'valid' (defaults to max(pattern score, 0.95)). */
  validScore?: number;
  /** 'drop' (default) discards invalid matches; 'needs-context' keeps them only when context is near. */
  onInvalid?: 'drop' | 'needs-context';
}

/** A recogniser that walks the text itself (names, addresses) instead of running patterns. */
export interface ScanningRecognizer extends RecognizerBase {
  kind: 'scan';
  /** Runs after pattern recognisers so it can use what they found. */
  scan: (input: ScanInput) => Candidate[];
}

export type Recognizer = PatternRecognizer | ScanningRecognizer;

/** A country's (or a domain's) set of recognisers. */
export interface RecognizerPack {
  name: string;
  recognizers: readonly Recognizer[];
}
