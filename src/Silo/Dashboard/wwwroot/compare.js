// Campaigns side by side, outside any sweep: each campaign's held-out accuracy (sampled and greedy means) and reward
// against steps, overlaid, one colour per campaign. Reached from the list (#/compare/<id>,<id>,...).
import { api } from './api.js';
import { Chart, color } from './charts.js';
import { el, pct, table } from './format.js';

export async function showCompare(view, ids, signal) {
  const campaigns = await Promise.all(ids.map(async (id) => {
    const path = `campaigns/${encodeURIComponent(id)}`;
    const [info, metrics] = await Promise.all([api(path), api(`${path}/metrics`)]);
    return { id, info, metrics };
  }));
  if (signal.aborted) return;
  const grid = el('div', { class: 'grid' });
  view.replaceChildren(el('h1', {}, `Comparing ${ids.length} campaigns`),
    table(['Campaign', 'Strategy', 'Step', 'Final held-out (sampled)', 'Final held-out (greedy)'],
      campaigns.map(({ id, info }, i) => el('tr', { dataset: { campaign: id } },
        el('td', {}, el('span', { class: 'swatch', style: `border-top: 3px solid ${color(i)}` }),
          el('a', { href: `#/campaigns/${encodeURIComponent(id)}` }, id)),
        el('td', {}, info.strategy ?? '–'), el('td', {}, `${info.step} / ${info.steps}`),
        el('td', {}, pct(info.evaluations.at(-1)?.sampledMean)), el('td', {}, pct(info.evaluations.at(-1)?.greedyMean)))),
      { id: 'compared' }),
    el('h2', {}, 'Curves'), grid);
  const series = campaigns.map(({ id }, i) => ({ label: id, color: color(i) }));
  const overlay = (name, title, yLabel, points, more = {}) =>
    new Chart(grid, name, { title, yLabel, series, ...more }).update(union(campaigns.map(points)));
  overlay('compare-accuracy', 'Held-out accuracy, sampled', 'accuracy',
    ({ info }) => info.evaluations.map((e) => [e.step, e.sampledMean]), { wide: true });
  overlay('compare-greedy', 'Held-out accuracy, greedy', 'accuracy',
    ({ info }) => info.evaluations.map((e) => [e.step, e.greedyMean]));
  overlay('compare-reward', 'Reward', 'mean reward',
    ({ metrics }) => metrics.map((m) => [m.step, m.metrics.reward ?? null]), { smoothable: true });
}

// Curves of [x, y] points on the union of their xs, null where a curve has no point.
function union(curves) {
  const xs = [...new Set(curves.flatMap((curve) => curve.map(([x]) => x)))].sort((a, b) => a - b);
  return [xs, ...curves.map((curve) => {
    const at = new Map(curve);
    return xs.map((x) => at.get(x) ?? null);
  })];
}
