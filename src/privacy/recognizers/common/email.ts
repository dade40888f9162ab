import type { PatternRecognizer } from '../../types.js';

export const email: PatternRecognizer = {
  kind: 'pattern',
  type: 'EMAIL',
  category: 'personal',
  patterns: [
    {
      name: 'email',
      // The match starts at the rare '@'; the local part is taken from the text just before it.
      // Starting at the local part would make the regex try every Latin letter and digit.
      regex: /@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
      trigger: '@',
      prefix: { regex: /[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}$/, required: true, maxLength: 64 },
      score: 0.9,
    },
  ],
  context: ['이메일', '메일', '전자우편', 'email', 'e-mail', 'mail'],
  contextBoost: 0.05,
};
