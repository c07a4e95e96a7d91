import { useEffect, useRef } from 'preact/hooks';
import { parsePreviewMessage, type PreviewLayout, type PreviewReady, type PreviewShow } from './protocol.js';

/**
 * One preview page in a sandboxed iframe (scripts only, opaque origin). Inside Figma its HTML
 * goes in as srcdoc; in /app, whose policy a srcdoc frame would inherit, it goes to the server's
 * preview shell by message. Messages count only when they come from this frame's own window.
 */
export function PreviewFrame({
  html,
  versionId,
  shell,
  show,
  title,
  width,
  height,
  style,
  invisible,
  onReady,
  onLayout,
}: {
  html: string;
  versionId: string;
  /** the URL of the server's preview shell (/app), or null to use srcdoc (the plugin) */
  shell: string | null;
  /** what to show; null shows every variant in every mode */
  show: Omit<PreviewShow, 'type'> | null;
  title: string;
  width: number;
  height: number;
  style?: Record<string, string | number>;
  /**
   * laid out, in the viewport, but not seen (measuring): Chromium stops rendering (and so
   * requestAnimationFrame, which the page measures in) of a cross-origin frame that is
   * display:none, visibility:hidden or out of the viewport, so such a frame never answers
   */
  invisible?: boolean;
  onReady?: (ready: PreviewReady, frame: Window) => void;
  onLayout?: (layout: PreviewLayout) => void;
}) {
  const ref = useRef<HTMLIFrameElement>(null);
  const ready = useRef(false);
  const callbacks = useRef({ onReady, onLayout, show });
  callbacks.current = { onReady, onLayout, show };

  const post = (message: unknown) => ref.current?.contentWindow?.postMessage(message, '*');

  useEffect(() => {
    ready.current = false;
    const listen = (event: MessageEvent) => {
      const frame = ref.current?.contentWindow;
      if (!frame || event.source !== frame) return;
      const data = event.data as { type?: unknown } | null;
      if (shell && data?.type === 'design-sync/shell') {
        post({ type: 'design-sync/html', html });
        return;
      }
      const message = parsePreviewMessage(event.data, versionId);
      if (message?.type === 'design-sync/ready') {
        ready.current = true;
        const { show: wanted } = callbacks.current;
        if (wanted) post({ type: 'design-sync/show', ...wanted } satisfies PreviewShow);
        callbacks.current.onReady?.(message, frame);
      } else if (message?.type === 'design-sync/layout') callbacks.current.onLayout?.(message);
    };
    window.addEventListener('message', listen);
    return () => window.removeEventListener('message', listen);
  }, [html, versionId, shell]);

  // A new variant or mode: the page swaps what it shows (and measures again) without reloading.
  useEffect(() => {
    if (ready.current && show) post({ type: 'design-sync/show', ...show } satisfies PreviewShow);
  }, [show?.variant, show?.mode]);

  return (
    <iframe
      ref={ref}
      key={`${versionId}:${shell ?? 'srcdoc'}`}
      title={title}
      sandbox="allow-scripts"
      referrerpolicy="no-referrer"
      {...(shell ? { src: shell } : { srcdoc: html })}
      width={width}
      height={height}
      aria-hidden={invisible ? 'true' : undefined}
      tabIndex={invisible ? -1 : undefined}
      style={{
        border: 0,
        display: 'block',
        background: 'transparent',
        ...(invisible ? { position: 'fixed', left: 0, top: 0, opacity: 0, pointerEvents: 'none' } : {}),
        ...style,
      }}
    />
  );
}
