import { Component, type ComponentChildren } from 'preact';
import styles from './components.module.css';

/** A screen that throws shows what happened and a way back, never a blank panel. */
export class ErrorBoundary extends Component<
  { children: ComponentChildren; onReset?: () => void },
  { error: Error | null }
> {
  override state = { error: null as Error | null };

  override componentDidCatch(error: Error): void {
    this.setState({ error });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" class={styles.error}>
        <p>Something went wrong on this screen: {this.state.error.message}</p>
        <button
          type="button"
          class={styles.retry}
          onClick={() => {
            this.setState({ error: null });
            this.props.onReset?.();
          }}
        >
          Try again
        </button>
      </div>
    );
  }
}
