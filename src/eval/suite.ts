/** What every evaluation suite becomes: multiple-choice items with one right answer. */
export const FORMATS = ['kmmlu', 'haerae', 'click', 'kobbq', 'kormedmcqa', 'mcq-jsonl'] as const;
export type SuiteFormat = (typeof FORMATS)[number];

export interface EvalItem {
  /** Where the item came from, unique within the suite: `file:line` (ids need not be unique). */
  key: string;
  /** The id the file gives, if any. */
  id?: string;
  /** The prompt the model reads (the suite's template applied). */
  prompt: string;
  /** Labels the model answers with ("A", "B"… or "(A)"…). */
  labels: string[];
  /** The choices' own text, for answer extraction from free text. */
  choices: string[];
  /** Index of the right choice. */
  answer: number;
  category: string;
  /**
   * What log-likelihood scoring compares after the prompt, when not the labels: CLIcK scores each
   * choice's text, as its harness task does.
   */
  continuations?: string[];
  /**
   * KoBBQ: the context (ambiguous or disambiguated), the context type — whether the template's
   * disambiguating context supports the stereotype (variant b or d) or goes against it, as the
   * publisher's evaluation reads it from the second field of the sample id — and which choices are
   * the biased one and "unknown".
   */
  bias?: {
    context: 'ambiguous' | 'disambiguated';
    contextType: 'biased' | 'counter-biased';
    biased: number;
    unknown: number;
  };
}

/**
 * How a suite is asked. `official`: as its publisher evaluates it (KoBBQ: every sample under the
 * three circulant permutations of its choices, so a preference for a position cannot pass for
 * knowledge or bias); `dataset-order`: each item once, choices as the file gives them.
 */
export const PROTOCOLS = ['official', 'dataset-order'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export interface Suite {
  name: string;
  format: SuiteFormat;
  items: EvalItem[];
  /** Solved examples put before each prompt (few-shot), from the suite's dev or fewshot split. */
  shots: number;
  /** Rows found in the files, and items loaded from them (equal: nothing is dropped). */
  found: number;
  files: string[];
}

export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] as const;

/**
 * Solved examples before each question, as each publisher evaluates: KMMLU's paper reports
 * 5-shot results with the first examples of each subject's dev split; KorMedMCQA's harness task
 * takes the first 5 of each exam's fewshot split. The others are zero-shot. Used only when the
 * suite's folder holds that split (else the run is zero-shot, and says so).
 */
export const PUBLISHED_SHOTS: Record<SuiteFormat, number> = {
  kmmlu: 5,
  kormedmcqa: 5,
  haerae: 0,
  click: 0,
  kobbq: 0,
  'mcq-jsonl': 0,
};

/** "question\nA. …\nB. …\n정답：" — KMMLU's template (full-width colon), used by the exam formats. */
export function lettered(question: string, choices: readonly string[], answerCue = '정답：'): string {
  return `${question.trim()}\n${choices.map((c, i) => `${LETTERS[i]}. ${c}`).join('\n')}\n${answerCue}`;
}
