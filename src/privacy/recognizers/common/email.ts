import type { PatternRecognizer } from '../../types.js';

export const email: PatternRecognizer = {
  kind: 'pattern',
  type: 'EMAIL',
  category: 'personal',
  patterns: [
    {
      name: 'email',
      // Starts at '@' would be cheaper, but irregexp already skips fast to the first candidate char.
      regex:
        /(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
      score: 0.9,
    },
  ],
  context: ['이메일', '메일', '전자우편', 'email', 'e-mail', 'mail'],
  contextBoost: 0.05,
};
