import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { JugwonError } from './errors.js';

const category = z.enum(['unique_identifier', 'sensitive', 'credit', 'personal']);

const privacySchema = z
  .object({
    threshold: z.number().min(0).max(1).default(0.5),
    mode: z.enum(['tag', 'surrogate']).default('tag'),
    allow: z.array(z.string()).default([]),
    deny: z
      .array(
        z
          .object({
            type: z.string().regex(/^[A-Z][A-Z0-9_]+$/),
            category: category.optional(),
            values: z.array(z.string()).min(1),
          })
          .strict(),
      )
      .default([]),
    recognizers: z
      .array(
        z
          .object({
            type: z.string(),
            category: category.optional(),
            patterns: z
              .array(
                z
                  .object({
                    regex: z.string(),
                    score: z.number().min(0).max(1).optional(),
                    flags: z.string().optional(),
                  })
                  .strict(),
              )
              .min(1),
            context: z.array(z.string()).optional(),
            validator: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** The configuration file. Sections of later capabilities are added here as they arrive. */
const configSchema = z
  .object({
    privacy: privacySchema.default({}),
  })
  .passthrough();

export type PrivacyConfig = z.infer<typeof privacySchema>;
export type ResolvedConfig = Readonly<z.infer<typeof configSchema>>;

export function resolveConfig(raw: unknown, file = '(inline)'): ResolvedConfig {
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new JugwonError('JG_CONFIG_INVALID', {
      file,
      path: issue?.path.join('.') ?? '',
      problem: issue?.message ?? 'invalid',
    });
  }
  return Object.freeze(parsed.data);
}

export function loadConfig(file: string | undefined): ResolvedConfig {
  if (file === undefined) return resolveConfig({});
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new JugwonError('JG_CONFIG_NOT_FOUND', { file });
    throw e;
  }
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (e) {
    const problem =
      e instanceof YAMLParseError ? (e.message.split('\n')[0] ?? 'invalid YAML') : 'invalid YAML';
    throw new JugwonError('JG_CONFIG_INVALID', { file, path: '', problem });
  }
  return resolveConfig(raw, file);
}
