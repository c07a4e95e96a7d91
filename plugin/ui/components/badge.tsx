import type { ComponentChildren } from 'preact';
import styles from './components.module.css';

export type Tone = 'danger' | 'warning' | 'success' | 'neutral' | 'brand';

export function Badge({
  tone = 'neutral',
  children,
  title,
}: {
  tone?: Tone;
  children: ComponentChildren;
  title?: string;
}) {
  return (
    <span class={`${styles.badge} ${styles[tone]}`} title={title}>
      {children}
    </span>
  );
}
