/**
 * The script of a preview page (plain JavaScript, bundled into the page as module `ds:runtime`):
 * renders every variant of every side in every mode, marks the element of each layer with
 * `data-figma-id`, and talks to the parent window (DESIGN.md "Previews and fidelity"):
 * - posts `design-sync/ready` on load: `{ versionId, variants: [{ id, label }], modes: [names] }`;
 * - posts `design-sync/layout` when fonts are ready: `{ versionId, variants: [{ id, mode, layers }] }`,
 *   each layer box relative to its variant's root element, in CSS px, and \`size\`: the width and
 *   height the page needs to show what it shows (a parent sizes its frame by it);
 * - on `design-sync/show` `{ variant?, mode? }` from the parent, shows only the matching variants
 *   and posts the layout of those shown.
 * A page with several sides (compare: Before, After) posts one ready and one layout per side.
 */
export const PAGE_RUNTIME = String.raw`
const round = (n) => Math.round(n * 100) / 100;

function boundary(React) {
  // A component that throws renders a note instead of taking the whole page down.
  return class PreviewBoundary extends React.Component {
    constructor(props) {
      super(props);
      this.state = { error: null };
    }
    static getDerivedStateFromError(error) {
      return { error };
    }
    componentDidCatch(error) {
      console.warn('design-sync preview: a variant failed to render:', error && error.message);
    }
    render() {
      if (this.state.error) return React.createElement('span', { 'data-preview-error': String(this.state.error.message || this.state.error) });
      return this.props.children;
    }
  };
}

function markLayers(cell) {
  const used = new Map();
  for (const layer of cell.variant.layers) {
    const hashed = cell.side.styles[layer.className];
    if (typeof hashed !== 'string' || hashed === '') continue;
    const first = hashed.split(/\s+/)[0];
    // Layers sharing a class take its elements in document order.
    const n = used.get(first) || 0;
    used.set(first, n + 1);
    const el = cell.wrapper.querySelectorAll('.' + CSS.escape(first))[n];
    if (el) el.setAttribute('data-figma-id', layer.layerId);
  }
}

function layoutOf(cell) {
  const root = cell.wrapper.firstElementChild || cell.wrapper;
  const origin = root.getBoundingClientRect();
  const layers = [];
  for (const el of cell.wrapper.querySelectorAll('[data-figma-id]')) {
    const r = el.getBoundingClientRect();
    layers.push({
      id: el.getAttribute('data-figma-id'),
      x: round(r.left - origin.left),
      y: round(r.top - origin.top),
      width: round(r.width),
      height: round(r.height),
    });
  }
  return { id: cell.variant.id, mode: cell.mode.name, layers };
}

// What a frame must hold to show the shown cells whole: captions (their text, not their block,
// which is as wide as the frame), variants and anything that overflows them (an absolute child),
// plus the body's padding on the far sides.
function sizeOf(shownCells) {
  let right = 0;
  let bottom = 0;
  const add = (r) => {
    if (r.width === 0 && r.height === 0) return;
    right = Math.max(right, r.right + window.scrollX);
    bottom = Math.max(bottom, r.bottom + window.scrollY);
  };
  for (const cell of shownCells) {
    for (const child of cell.el.children) {
      if (child.classList.contains('ds-variant')) {
        add(child.getBoundingClientRect());
        for (const el of child.querySelectorAll('*')) add(el.getBoundingClientRect());
      } else {
        const text = document.createRange();
        text.selectNodeContents(child);
        add(text.getBoundingClientRect());
      }
    }
  }
  const style = getComputedStyle(document.body);
  return {
    width: Math.ceil(right + (parseFloat(style.paddingRight) || 0)),
    height: Math.ceil(bottom + (parseFloat(style.paddingBottom) || 0)),
  };
}

function post(message) {
  if (window.parent && window.parent !== window) window.parent.postMessage(message, '*');
}

export function start(config) {
  const { React, createRoot, flushSync, sides } = config;
  const Boundary = boundary(React);
  const page = document.getElementById('preview');
  const cells = [];
  // Rows are (mode, variant) pairs in first-seen order; a column per side.
  const rows = new Map();
  for (const side of sides) {
    for (const mode of side.modes) {
      for (const variant of side.variants) {
        const key = JSON.stringify([mode.name, variant.id]);
        if (!rows.has(key)) rows.set(key, { mode, variant, cells: [] });
      }
    }
  }
  for (const row of rows.values()) {
    const rowEl = document.createElement('div');
    rowEl.className = 'ds-row';
    rowEl.style.gridTemplateColumns = 'repeat(' + sides.length + ', minmax(0, 1fr))';
    for (const side of sides) {
      const variant = side.variants.find((v) => v.id === row.variant.id);
      const mode = side.modes.find((m) => m.name === row.mode.name);
      const cellEl = document.createElement('section');
      cellEl.className = 'ds-cell';
      cellEl.setAttribute('data-ds-side', String(side.index));
      const title = side.label ? side.label : row.variant.label;
      cellEl.setAttribute('aria-label', title);
      const caption = document.createElement('div');
      caption.className = 'ds-caption';
      // A component without variant properties has one variant, named by nothing.
      caption.textContent = (side.label ? side.label + ' · ' : '') + (row.variant.label || 'Default') + ' · ' + row.mode.name;
      cellEl.appendChild(caption);
      rowEl.appendChild(cellEl);
      if (!variant || !mode) {
        const none = document.createElement('div');
        none.className = 'ds-absent';
        none.textContent = side.label ? 'Not in this version' : '';
        cellEl.appendChild(none);
        row.cells.push({ el: cellEl, rowEl });
        continue;
      }
      const wrapper = document.createElement('div');
      wrapper.className = 'ds-variant';
      wrapper.setAttribute('data-variant', variant.id);
      wrapper.setAttribute('data-mode', mode.name);
      if (mode.theme !== null) wrapper.setAttribute('data-theme', mode.theme);
      cellEl.appendChild(wrapper);
      const cell = { side, variant, mode, wrapper, el: cellEl, rowEl };
      row.cells.push(cell);
      cells.push(cell);
    }
    page.appendChild(rowEl);
  }
  for (const cell of cells) {
    const Component = cell.side.component;
    const element =
      typeof Component === 'function' || (Component && typeof Component === 'object')
        ? React.createElement(Component, cell.variant.props)
        : React.createElement('span', { 'data-preview-error': 'component ' + cell.side.exportName + ' not found' });
    const root = createRoot(cell.wrapper);
    flushSync(() => root.render(React.createElement(Boundary, null, element)));
    markLayers(cell);
  }

  const shown = (cell) => !cell.el.hidden;
  const postLayout = () => {
    const size = sizeOf(cells.filter(shown));
    for (const side of sides) {
      post({
        type: 'design-sync/layout',
        versionId: side.versionId,
        variants: cells.filter((c) => c.side === side && shown(c)).map(layoutOf),
        size,
      });
    }
  };
  const whenLaidOut = (then) => {
    const fonts = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
    fonts.then(() => requestAnimationFrame(() => then()));
  };

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    const data = event.data;
    if (!data || data.type !== 'design-sync/show') return;
    for (const row of rows.values()) {
      const match =
        (data.variant == null || row.variant.id === data.variant) && (data.mode == null || row.mode.name === data.mode);
      for (const c of row.cells) c.el.hidden = !match;
      row.cells[0] && (row.cells[0].rowEl.hidden = !match);
    }
    whenLaidOut(postLayout);
  });

  for (const side of sides) {
    post({
      type: 'design-sync/ready',
      versionId: side.versionId,
      variants: side.variants.map((v) => ({ id: v.id, label: v.label })),
      modes: side.modes.map((m) => m.name),
    });
  }
  whenLaidOut(postLayout);
}
`;

/** The page around the scripts: layout of the rows, nothing of the components' own look. */
export const PAGE_CSS = `
body { margin: 0; padding: 16px; font-family: system-ui, sans-serif; background: #fff; }
.ds-row { display: grid; gap: 16px; margin: 0 0 16px; align-items: start; }
.ds-row[hidden], .ds-cell[hidden] { display: none; }
/* One line: a frame sized to the page (design-sync/layout's size) never wraps it narrower. */
.ds-caption { font: 12px/16px system-ui, sans-serif; color: #555; margin: 0 0 4px; white-space: nowrap; }
.ds-variant { display: inline-block; vertical-align: top; }
.ds-absent { font: 12px/16px system-ui, sans-serif; color: #999; }
`;
