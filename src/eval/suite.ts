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
  /** KoBBQ: context type and which choice is the biased one. */
  bias?: {
    context: 'ambiguous' | 'disambiguated';
    direction: 'biased' | 'counter-biased';
    biased: number;
    unknown: number;
  };
}

export interface Suite {
  name: string;
  format: SuiteFormat;
  items: EvalItem[];
  /** Rows found in the files, and items loaded from them (equal: nothing is dropped). */
  found: number;
  files: string[];
}

export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] as const;

/** "question\nA. …\nB. …\n정답：" — KMMLU's template (full-width colon), used by the exam formats. */
export function lettered(question: string, choices: readonly string[], answerCue = '정답：'): string {
  return `${question.trim()}\n${choices.map((c, i) => `${LETTERS[i]}. ${c}`).join('\n')}\n${answerCue}`;
}
