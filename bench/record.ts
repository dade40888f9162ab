import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * Adds a result row to its own table in docs/benchmarks.md: right after the last row of the table
 * whose header line starts with `header`, so each benchmark's history stays in one table.
 */
export function recordRow(file: URL | string, header: string, row: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith(header));
  if (at < 0) throw new Error(`no table starting with "${header}" in ${String(file)}`);
  let end = at + 1;
  while (end < lines.length && lines[end]?.startsWith('|')) end++;
  lines.splice(end, 0, row);
  writeFileSync(file, lines.join('\n'));
}

/** The machine a result was measured on, as every benchmark table names it. */
export function machineLabel(): string {
  return `${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), Node ${process.version}`;
}
