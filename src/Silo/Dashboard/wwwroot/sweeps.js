// Sweeps: the list, and a sweep's page: its comparison table (one row per arm: final held-out accuracy with its spread
// over seeds, rollouts to reach the reference arm's final accuracy, accuracy at equal rollouts, wall time), held-out
// accuracy against rollouts for every campaign, and the campaigns' progress. Refreshed every 2 s while it runs.
import { api, post } from './api.js';
import { Chart, color } from './charts.js';
import { el, num, pct, showError, statusBadge, table } from './format.js';

const refresh = 2000;

export async function showSweeps(view, signal) {
  const holder = el('div');
  view.replaceChildren(el('h1', {}, 'Sweeps'), holder);
  while (!signal.aborted) {
    const sweeps = await api('sweeps');
    holder.replaceChildren(sweeps.length === 0
      ? el('p', { class: 'note' }, 'No sweeps yet: rlvr sweep create <sweep.yaml>.')
      : table(['Sweep', 'Status', 'Campaigns', 'Done'], sweeps.map((s) => el('tr', { dataset: { sweep: s.id } },
        el('td', {}, el('a', { href: `#/sweeps/${encodeURIComponent(s.id)}` }, s.id)),
        el('td', {}, statusBadge(s.status)),
        el('td', {}, s.campaigns.length),
        el('td', {}, s.campaigns.filter((c) => c.status === 'Completed').length))), { id: 'sweeps' }));
    await new Promise((resolve) => setTimeout(resolve, refresh));
  }
}

export async function showSweep(view, id, signal) {
  const summary = el('div', { class: 'summary' });
  const comparison = el('div');
  const charts = el('div', { class: 'grid' });
  const campaigns = el('div');
  view.replaceChildren(el('h1', {}, `Sweep ${id}`), summary, el('h2', {}, 'Comparison'), comparison,
    el('h2', {}, 'Held-out accuracy against rollouts'), charts, el('h2', {}, 'Campaigns'), campaigns);
  let chart = null;
  while (!signal.aborted) {
    const sweep = await api(`sweeps/${encodeURIComponent(id)}`);
    summary.replaceChildren(statusBadge(sweep.status),
      el('span', {}, `${sweep.campaigns.filter((c) => c.status === 'Completed').length} of ${sweep.campaigns.length} campaigns done`),
      el('span', {}, `at most ${sweep.concurrency} at once`),
      el('span', {}, `reference: ${sweep.reference}`),
      el('button', {
        type: 'button', dataset: { action: 'stop' }, ...(sweep.status === 'Running' ? {} : { disabled: '' }),
        onclick: () => confirm(`Stop sweep ${id} and its campaigns?`)
          && post(`sweeps/${encodeURIComponent(id)}/stop`).catch(showError),
      }, 'Stop'));
    comparison.replaceChildren(comparisonTable(sweep));
    campaigns.replaceChildren(campaignTable(sweep));
    // One colour per arm, and one legend entry per arm for its campaigns' curves (one per seed).
    chart ??= new Chart(charts, 'sweep-accuracy', {
      title: 'Held-out accuracy (sampled) against rollouts', xLabel: 'rollouts', yLabel: 'accuracy', wholeX: false,
      series: sweep.campaigns.map((c) => ({ label: c.campaignId, color: color(armIndex(sweep, c.arm)) })),
      legend: sweep.comparison.arms.map((a, i) => ({
        label: `${a.arm} (${a.seeds} seed${a.seeds === 1 ? '' : 's'})`, arm: a.arm, color: color(i),
        series: sweep.campaigns.flatMap((c, j) => (c.arm === a.arm ? [j] : [])),
      })),
    });
    chart.update(accuracyAgainstRollouts(sweep));
    if (sweep.status !== 'Running') return;
    await new Promise((resolve) => setTimeout(resolve, refresh));
  }
}

function comparisonTable(sweep) {
  const c = sweep.comparison;
  const spread = (mean, std) => `${pct(mean)} ± ${pct(std)}`;
  return table(['Arm', 'Seeds done', 'Final held-out (sampled)', 'Final held-out (greedy)',
    `Rollouts to reach ${sweep.reference}`, `Accuracy at ${c.rolloutBudget ?? '–'} rollouts`, 'Wall time (s)'],
  c.arms.map((a) => el('tr', { dataset: { arm: a.arm } },
    el('td', {}, a.arm),
    el('td', { dataset: { field: 'finished' } }, `${a.finished} / ${a.seeds}`),
    el('td', { dataset: { field: 'final-sampled' } }, spread(a.finalSampledMean, a.finalSampledStd)),
    el('td', { dataset: { field: 'final-greedy' } }, spread(a.finalGreedyMean, a.finalGreedyStd)),
    el('td', { dataset: { field: 'to-reference' } },
      a.rolloutsToReference === null ? `not reached (0 / ${a.finished})`
        : `${Math.round(a.rolloutsToReference)} (${a.reachedSeeds} / ${a.finished})`),
    el('td', { dataset: { field: 'at-budget' } }, spread(a.accuracyAtBudgetMean, a.accuracyAtBudgetStd)),
    el('td', { dataset: { field: 'wall' } }, num(a.wallSecondsMean, 1)))), { id: 'comparison' });
}

function campaignTable(sweep) {
  return table(['Campaign', 'Arm', 'Seed', 'Status', 'Silo', 'Step'], sweep.campaigns.map((c) => el('tr', { dataset: { campaign: c.campaignId } },
    el('td', {}, el('a', { href: `#/campaigns/${encodeURIComponent(c.campaignId)}` }, c.campaignId)),
    el('td', {}, c.arm), el('td', {}, c.seed), el('td', {}, statusBadge(c.status)),
    el('td', { dataset: { field: 'silo' } }, c.silo),
    el('td', {}, `${c.step} / ${c.steps}`))), { id: 'sweep-campaigns' });
}

const armIndex = (sweep, arm) => sweep.comparison.arms.findIndex((a) => a.arm === arm);

// One series per campaign (none until it completes), on the union of their evaluations' rollouts (null where a
// campaign has none): the trailing sampled pass@1 the comparison uses.
function accuracyAgainstRollouts(sweep) {
  const curves = sweep.campaigns.map((c) => sweep.comparison.curves[c.campaignId] ?? []);
  const xs = [...new Set(curves.flatMap((curve) => curve.map((p) => p.rollouts)))].sort((a, b) => a - b);
  return [xs, ...curves.map((curve) => {
    const at = new Map(curve.map((p) => [p.rollouts, p.sampled]));
    return xs.map((x) => at.get(x) ?? null);
  })];
}
