import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/errors.js';
import styles from './components.module.css';

/** An error as a designer can act on it; validation errors list what they name (tokens, components). */
export function ErrorBanner({ error, children }: { error: unknown; children?: ComponentChildren }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof ApiError ? issuesOf(error.details) : [];
  return (
    <div role="alert" class={styles.error}>
      <p>{message}</p>
      {details.length > 0 && (
        <ul>
          {details.slice(0, 8).map((d) => (
            <li key={d}>{d}</li>
          ))}
          {details.length > 8 && <li>… and {details.length - 8} more</li>}
        </ul>
      )}
      {children}
    </div>
  );
}

/** The server's details: zod issues ({ path, message }), token issues ({ message }) or reasons. */
function issuesOf(details: unknown): string[] {
  if (!details || typeof details !== 'object') return [];
  const d = details as { issues?: unknown; reasons?: unknown };
  const list = Array.isArray(d.issues) ? d.issues : Array.isArray(d.reasons) ? d.reasons : [];
  return list.map((item) => {
    if (typeof item === 'string') return item;
    const i = item as { path?: unknown; message?: unknown };
    return typeof i.message === 'string'
      ? typeof i.path === 'string' && !i.message.startsWith(i.path)
        ? `${i.path}: ${i.message}`
        : i.message
      : JSON.stringify(item);
  });
}
