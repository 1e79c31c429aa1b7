// How numbers read on the page; the tests parse them back, so they say exactly what they round.
export const pct = (v) => (v === null || v === undefined ? '–' : `${(100 * v).toFixed(1)}%`);
export const num = (v, digits = 3) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));

// Times as ISO 8601 in UTC, to the second: the same on every reader's screen.
export const iso = (t) => (t ? new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z') : '–');

export function duration(ms) {
  if (!ms) return '–';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  node.append(...children.flat().map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
  return node;
}

export const statusBadge = (status) => el('span', { class: `status ${status}`, dataset: { status } }, status);

export function table(headers, rows, attributes = {}) {
  return el('table', attributes,
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows));
}

export function showError(error) {
  const box = document.getElementById('error');
  box.textContent = error ? error.message : '';
  box.hidden = !error;
}
