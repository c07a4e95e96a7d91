import './theme.css';
import { render } from 'preact';
import { App } from './app.js';
import { detectHost } from './host/index.js';

const host = detectHost();

/** Figma marks <html> with its theme; a browser follows the system's colour scheme. */
function followSystemTheme(): void {
  const html = document.documentElement;
  if (html.classList.contains('figma-light') || html.classList.contains('figma-dark')) return;
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    document.body.classList.toggle('figma-dark', dark.matches);
    document.body.classList.toggle('figma-light', !dark.matches);
  };
  apply();
  dark.addEventListener('change', apply);
}

followSystemTheme();
render(<App host={host} />, document.getElementById('root')!);
