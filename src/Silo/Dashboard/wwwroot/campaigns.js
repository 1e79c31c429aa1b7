// The campaigns list: status, silo (where it runs), step, latest reward, best held-out accuracy and time running,
// refreshed every 2 s.
import { api } from './api.js';
import { duration, el, pct, num, statusBadge, table } from './format.js';

export async function showCampaigns(view, signal) {
  const heading = el('h1', {}, 'Campaigns');
  const holder = el('div');
  view.replaceChildren(heading, holder);
  while (!signal.aborted) {
    const campaigns = await api('campaigns');
    holder.replaceChildren(campaigns.length === 0
      ? el('p', { class: 'note' }, 'No campaigns yet: rlvr campaign create <config.yaml>, or POST /api/v1/campaigns.')
      : table(['Campaign', 'Status', 'Silo', 'Step', 'Reward', 'Best held-out (sampled)', 'Best held-out (greedy)', 'Time running'],
        campaigns.map(row), { id: 'campaigns' }));
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function row(c) {
  const best = (key) => (c.evaluations.length ? Math.max(...c.evaluations.map((e) => e[key])) : null);
  return el('tr', { dataset: { campaign: c.id } },
    el('td', {}, el('a', { href: `#/campaigns/${encodeURIComponent(c.id)}` }, c.id)),
    el('td', {}, statusBadge(c.status)),
    el('td', { dataset: { field: 'silo' } }, c.silo),
    el('td', { dataset: { field: 'step' } }, `${c.step} / ${c.steps}`),
    el('td', { dataset: { field: 'reward' } }, num(c.latest?.metrics.reward)),
    el('td', { dataset: { field: 'best-sampled' } }, pct(best('sampledMean'))),
    el('td', { dataset: { field: 'best-greedy' } }, pct(best('greedyMean'))),
    el('td', { dataset: { field: 'elapsed' } }, duration(c.latest?.elapsedMs)));
}
