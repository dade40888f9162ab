import { useCallback, useState } from 'react';
import { PRESET_NAMES, ROLES as SERVER_ROLES } from '../../src/core/names.js';
import { describeError } from './api.js';

/** An error message that screen readers announce (every screen shows its failures this way). */
export function ErrorNote({ message }: { message: string }) {
  return message ? (
    <p role="alert" className="error">
      {message}
    </p>
  ) : null;
}

/** The outcome of an action that worked, announced politely by screen readers. */
export function Notice({ message }: { message: string }) {
  return message ? (
    <p className="notice" role="status">
      {message}
    </p>
  ) : null;
}

/** The header of a table's column of buttons: named for screen readers, blank on screen. */
export function ActionsHeader({ w }: { w: { actions: string } }) {
  return (
    <th>
      <span className="sr-only">{w.actions}</span>
    </th>
  );
}

/** Choices of a closed list (roles, policy presets), with an optional "none" first. */
export function Choice({
  value,
  options,
  onChange,
  none,
  label,
}: {
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  none?: string;
  label?: string;
}) {
  return (
    <select
      value={value}
      onChange={(e) => onChange(e.target.value)}
      {...(label ? { 'aria-label': label } : {})}
    >
      {none !== undefined && <option value="">{none}</option>}
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

// The server's own lists (one source); members first, as the least privilege is the usual choice.
export const ROLES = [...SERVER_ROLES].reverse();
export const PRESETS = PRESET_NAMES;

/**
 * The error of a screen's last action: `attempt` runs an action, clears the error when it works
 * and shows its message when it fails.
 */
export function useAttempt(): [string, (action: () => Promise<unknown>) => Promise<void>] {
  const [error, setError] = useState('');
  const attempt = useCallback(async (action: () => Promise<unknown>) => {
    try {
      await action();
      setError('');
    } catch (err) {
      setError(describeError(err));
    }
  }, []);
  return [error, attempt];
}
