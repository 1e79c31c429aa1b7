// The campaigns list: status, strategy, created, silo (where it runs), step, latest reward, best held-out accuracy and
// time running, refreshed every 2 s; sorted by any column (click its header, again to reverse) and filtered by text.
// Ticking campaigns and Compare overlays their curves (compare.js).
import { api } from './api.js';
import { duration, el, iso, num, pct, statusBadge } from './format.js';

const best = (c, key) => (c.evaluations.length ? Math.max(...c.evaluations.map((e) => e[key])) : null);

// Each column: its header, the cell's field, the value it sorts by, and the cell.
const columns = [
  { title: 'Campaign', field: 'id', key: (c) => c.id, cell: (c) => el('a', { href: `#/campaigns/${encodeURIComponent(c.id)}` }, c.id) },
  { title: 'Status', field: 'status', key: (c) => c.status, cell: (c) => statusBadge(c.status) },
  { title: 'Strategy', field: 'strategy', key: (c) => c.strategy ?? '', cell: (c) => c.strategy ?? '–' },
  { title: 'Created', field: 'created', key: (c) => c.createdUtc ?? '', cell: (c) => iso(c.createdUtc) },
  { title: 'Silo', field: 'silo', key: (c) => c.silo, cell: (c) => c.silo },
  { title: 'Step', field: 'step', key: (c) => c.step, cell: (c) => `${c.step} / ${c.steps}` },
  { title: 'Reward', field: 'reward', key: (c) => c.latest?.metrics.reward ?? -Infinity, cell: (c) => num(c.latest?.metrics.reward) },
  { title: 'Best held-out (sampled)', field: 'best-sampled', key: (c) => best(c, 'sampledMean') ?? -Infinity, cell: (c) => pct(best(c, 'sampledMean')) },
  { title: 'Best held-out (greedy)', field: 'best-greedy', key: (c) => best(c, 'greedyMean') ?? -Infinity, cell: (c) => pct(best(c, 'greedyMean')) },
  { title: 'Time running', field: 'elapsed', key: (c) => c.latest?.elapsedMs ?? 0, cell: (c) => duration(c.latest?.elapsedMs) },
];

export async function showCampaigns(view, signal) {
  const state = { sort: 'id', descending: false, filter: '', picked: new Set() };
  const holder = el('div');
  const compare = el('button', {
    type: 'button', id: 'compare', disabled: '',
    onclick: () => { location.hash = `#/compare/${[...state.picked].map(encodeURIComponent).join(',')}`; },
  }, 'Compare');
  const filter = el('input', {
    id: 'filter', type: 'search', placeholder: 'filter: id, status, strategy, silo',
    oninput: () => { state.filter = filter.value.trim().toLowerCase(); render(); },
  });
  view.replaceChildren(el('h1', {}, 'Campaigns'), el('div', { class: 'controls' }, filter, compare), holder);
  let campaigns = [];
  const render = () => {
    compare.disabled = state.picked.size < 2;
    holder.replaceChildren(campaigns.length === 0
      ? el('p', { class: 'note' }, 'No campaigns yet: rlvr campaign create <config.yaml>, or POST /api/v1/campaigns.')
      : listTable(campaigns, state, render));
  };
  while (!signal.aborted) {
    campaigns = await api('campaigns');
    render();
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function listTable(campaigns, state, render) {
  const column = columns.find((c) => c.field === state.sort);
  const matches = (c) => !state.filter
    || [c.id, c.status, c.strategy ?? '', c.silo].some((text) => text.toLowerCase().includes(state.filter));
  const rows = campaigns.filter(matches).sort((a, b) => {
    const [x, y] = [column.key(a), column.key(b)];
    const order = typeof x === 'string' ? x.localeCompare(y) : x - y;
    return state.descending ? -order : order;
  });
  const header = (c) => el('th', {
    dataset: { sort: c.field, ...(c.field === state.sort ? { direction: state.descending ? 'descending' : 'ascending' } : {}) },
    class: 'sortable',
    onclick: () => {
      state.descending = c.field === state.sort ? !state.descending : false;
      state.sort = c.field;
      render();
    },
  }, c.title + (c.field === state.sort ? (state.descending ? ' ▾' : ' ▴') : ''));
  return el('table', { id: 'campaigns' },
    el('thead', {}, el('tr', {}, el('th', {}, ''), columns.map(header))),
    el('tbody', {}, rows.map((c) => el('tr', { dataset: { campaign: c.id } },
      el('td', {}, el('input', {
        type: 'checkbox', dataset: { pick: c.id }, 'aria-label': `compare ${c.id}`, ...(state.picked.has(c.id) ? { checked: '' } : {}),
        onchange: (e) => {
          if (e.target.checked) state.picked.add(c.id);
          else state.picked.delete(c.id);
          render();
        },
      })),
      columns.map((col) => el('td', { dataset: { field: col.field } }, col.cell(c)))))));
}
