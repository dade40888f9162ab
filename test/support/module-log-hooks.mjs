// Module resolution hooks that write each resolved URL to the file named by JG_MODULE_LOG.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.JG_MODULE_LOG) appendFileSync(process.env.JG_MODULE_LOG, `${result.url}\n`);
  return result;
}
