import { useMemo, useState } from 'preact/hooks';
import '../diff/syntax.css';
import { highlightLines, languageOf } from '../diff/highlight.js';
import styles from './code-view.module.css';

/** A version's full code, file by file, highlighted (highlight.js escapes the text it is given). */
export function CodeView({ title, files }: { title: string; files: Array<{ path: string; content: string }> }) {
  const sorted = useMemo(() => [...files].sort((a, b) => (a.path < b.path ? -1 : 1)), [files]);
  const [current, setCurrent] = useState(sorted[0]?.path ?? '');
  const file = sorted.find((f) => f.path === current) ?? sorted[0];
  const lines = useMemo(() => (file ? highlightLines(file.content.split('\n'), languageOf(file.path)) : []), [file]);
  return (
    <section class={styles.code} aria-label={title}>
      <h3>{title}</h3>
      <div role="tablist" aria-label="Files" class={styles.files}>
        {sorted.map((f) => (
          <button
            key={f.path}
            role="tab"
            type="button"
            aria-selected={f.path === file?.path}
            onClick={() => setCurrent(f.path)}
          >
            {f.path}
          </button>
        ))}
      </div>
      {file && (
        <pre class={styles.pre} tabIndex={0} aria-label={file.path}>
          {lines.map((html, i) => (
            <div key={i} class={styles.line}>
              <span class={styles.no} aria-hidden="true">
                {i + 1}
              </span>
              <code dangerouslySetInnerHTML={{ __html: html || ' ' }} />
            </div>
          ))}
        </pre>
      )}
    </section>
  );
}
