// A campaign's page: held-out accuracy, training statistics, the curriculum (probabilities, UCB, |advantage|, DOTS
// predicted against observed difficulty, hardest prompts), replay and filtering, phase times and checkpoints; live
// from the event stream, with pause, resume and stop.
import { api, post, streamEvents } from './api.js';
import { Chart, color } from './charts.js';
import { duration, el, num, pct, showError, statusBadge, table } from './format.js';

const phases = ['selection', 'rollout', 'verification', 'update', 'bookkeeping', 'evaluation'];

export async function showCampaign(view, id, signal) {
  const page = new CampaignPage(view, id);
  await page.load();
  if (!['Completed', 'Failed', 'Stopped'].includes(page.info.status) || page.metrics.length < page.info.step) {
    streamEvents(id, page.lastStep(), (event) => page.receive(event), signal);
  }
}

class CampaignPage {
  constructor(view, id) {
    this.id = id;
    this.path = `campaigns/${encodeURIComponent(id)}`;
    this.summary = el('div', { class: 'summary' });
    const section = (title, ...content) => [el('h2', {}, title), ...content];
    const grid = () => el('div', { class: 'grid' });
    const [evaluation, training, curriculum, dots, costs] = [grid(), grid(), grid(), grid(), grid()];
    this.hardest = el('div');
    this.checkpoints = el('div');
    this.scalars = el('div');
    this.dotsNote = el('p', { class: 'note', dataset: { field: 'correlation' } });
    view.replaceChildren(el('h1', {}, id), this.summary,
      ...section('Held-out accuracy', evaluation), ...section('Training', training),
      ...section('Curriculum', curriculum), ...section('Difficulty (DOTS)', this.dotsNote, dots),
      ...section('Hardest prompts', this.hardest), ...section('Replay, filtering and step time', costs),
      ...section('Latest step', this.scalars), ...section('Checkpoints', this.checkpoints));
    this.containers = { evaluation, training, curriculum, dots, costs };
    this.charts = null;
    this.rendering = null;
    this.refreshing = null;
  }

  async load() {
    const path = this.path;
    [this.info, this.metrics, this.checkpointList] =
      await Promise.all([api(path), api(`${path}/metrics`), api(`${path}/checkpoints`)]);
    await this.loadCurriculum();
    this.render();
  }

  // The live curriculum and replay buffer exist once the campaign is created; a restoring one answers 503 for a moment.
  async loadCurriculum() {
    if (this.info.status === 'Creating') return;
    try {
      [this.curriculum, this.replay] = await Promise.all([api(`${this.path}/curriculum?top=10000`), api(`${this.path}/replay`)]);
    } catch {
      // Kept from the last answer; the next step asks again.
    }
  }

  lastStep() {
    return this.metrics.length ? this.metrics[this.metrics.length - 1].step : 0;
  }

  receive(event) {
    if (event.type === 'step' && event.data.step > this.lastStep()) {
      this.metrics.push(event.data);
      this.info.step = event.data.step;
      this.info.latest = event.data;
    } else if (event.type === 'evaluation' && !this.info.evaluations.some((e) => e.step === event.data.step)) {
      this.info.evaluations.push(event.data);
    } else if (event.type === 'status') {
      this.info.status = event.data.status;
      this.info.error = event.data.error;
    }
    if (event.type === 'step') this.refreshSoon();
    // Steps may arrive faster than frames: one render per frame.
    this.rendering ??= requestAnimationFrame(() => {
      this.rendering = null;
      this.render();
    });
  }

  // The curriculum (every prompt) and the checkpoints at most every 3 s, however fast the steps come.
  refreshSoon() {
    this.refreshing ??= setTimeout(async () => {
      try {
        [this.checkpointList] = await Promise.all([api(`${this.path}/checkpoints`), this.loadCurriculum()]);
        this.render();
      } finally {
        this.refreshing = null;
      }
    }, 3000);
  }

  distributions() {
    const names = new Set();
    for (const m of this.metrics) for (const d of m.curriculum) names.add(d.name);
    for (const e of this.info.evaluations) for (const name of Object.keys(e.greedy)) names.add(name);
    return [...names].sort();
  }

  render() {
    this.renderSummary();
    const names = this.distributions();
    this.charts ??= this.createCharts(names);
    const steps = this.metrics.map((m) => m.step);
    const perStep = (f) => this.metrics.map(f);
    const byDistribution = (f) => names.map((name) => perStep((m) => f(m.curriculum.find((d) => d.name === name))));
    const evaluations = this.info.evaluations;
    const c = this.charts;

    c.accuracy.update([evaluations.map((e) => e.step),
      ...names.flatMap((name) => [evaluations.map((e) => e.greedy[name] ?? null),
        evaluations.map((e) => e.sampled[name] ?? null)])]);
    c.reward.update([steps, perStep((m) => m.metrics.reward), ...names.map((name) => perStep((m) => m.passRates[name] ?? null))]);
    for (const [chart, key] of [['kl', 'kl'], ['entropy', 'entropy'], ['gradNorm', 'grad_norm'], ['clip', 'clip_fraction']]) {
      c[chart].update([steps, perStep((m) => m.metrics[key] ?? null)]);
    }
    const untracked = 'not tracked by this strategy';
    const probability = byDistribution((d) => d?.probability ?? null);
    c.probability.update(probability.flat().some((v) => v !== null) ? [steps, ...probability] : [[]], untracked);
    const ucb = byDistribution((d) => d?.ucbScore ?? null);
    c.ucb.update(ucb.flat().some((v) => v !== null) ? [steps, ...ucb] : [[]], untracked);
    const advantage = byDistribution((d) => d?.windowMeanAbsAdvantage ?? null);
    c.advantage.update(advantage.flat().some((v) => v !== null) ? [steps, ...advantage] : [[]], untracked);
    this.renderDifficulty(names);
    const correlated = this.metrics.filter((m) => (m.metrics.prediction_correlation ?? null) !== null);
    c.correlation.update(correlated.length ? [correlated.map((m) => m.step), correlated.map((m) => m.metrics.prediction_correlation)]
      : [[]], 'no reference rollouts (DOTS only)');
    c.replay.update(this.metrics.some((m) => (m.metrics.replay_stored ?? null) !== null)
      ? [steps, perStep((m) => m.metrics.replay_stored), perStep((m) => m.metrics.replay_mean_age)] : [[]], 'the campaign does not replay');
    c.groups.update([steps, perStep((m) => m.metrics.groups_generated), perStep((m) => m.metrics.groups_rejected),
      perStep((m) => m.metrics.groups_replayed), perStep((m) => m.metrics.reference_groups)]);
    c.phases.update([steps, ...phases.map((p) => perStep((m) => m.phasesMs[p])), perStep((m) => m.phasesMs.wall)]);
    this.renderTables();
  }

  createCharts(names) {
    const { evaluation, training, curriculum, dots, costs } = this.containers;
    const perDistribution = names.map((name) => ({ label: name }));
    const line = (container, name, title, yLabel, series) => new Chart(container, name, { title, yLabel, series });
    return {
      accuracy: new Chart(evaluation, 'accuracy', {
        title: 'Held-out accuracy (solid: greedy, dashed: sampled)', yLabel: 'accuracy',
        series: names.flatMap((name, i) => [{ label: `${name} greedy`, color: color(i) },
          { label: `${name} sampled`, color: color(i), dash: [6, 4] }]),
      }),
      reward: line(training, 'reward', 'Reward and pass rate', 'mean reward',
        [{ label: 'reward', color: '#0f172a' }, ...names.map((name, i) => ({ label: `pass ${name}`, color: color(i) }))]),
      kl: line(training, 'kl', 'KL to the reference', 'KL', [{ label: 'kl' }]),
      entropy: line(training, 'entropy', 'Entropy', 'nats', [{ label: 'entropy' }]),
      gradNorm: line(training, 'gradNorm', 'Gradient norm', 'norm', [{ label: 'grad norm' }]),
      clip: line(training, 'clip', 'Clip fraction', 'fraction', [{ label: 'clip fraction' }]),
      probability: new Chart(curriculum, 'probability',
        { title: 'Sampling probability (stacked)', yLabel: 'probability', series: perDistribution, stacked: true }),
      ucb: line(curriculum, 'ucb', 'UCB score (DUMP)', 'score', perDistribution),
      advantage: line(curriculum, 'advantage', 'Window mean |advantage|', '|A|', perDistribution),
      dots: new Chart(dots, 'dots', {
        title: 'Predicted against observed difficulty', xLabel: 'predicted', yLabel: 'observed', series: perDistribution,
        scatter: true,
      }),
      correlation: line(dots, 'correlation', 'Prediction correlation per step', 'Pearson r', [{ label: 'r' }]),
      replay: line(costs, 'replay', 'Replay buffer', 'groups / versions',
        [{ label: 'stored groups' }, { label: 'mean age of replayed' }]),
      groups: line(costs, 'groups', 'Groups per step', 'groups',
        [{ label: 'generated' }, { label: 'rejected by filter' }, { label: 'replayed' }, { label: 'reference' }]),
      phases: line(costs, 'phases', 'Step phases', 'ms',
        [...phases.map((p) => ({ label: p })), { label: 'wall', color: '#0f172a', dash: [4, 3] }]),
    };
  }

  renderDifficulty(names) {
    const prompts = (this.curriculum?.prompts ?? [])
      .filter((p) => p.predictedDifficulty !== null && p.observedDifficulty !== null)
      .sort((a, b) => a.predictedDifficulty - b.predictedDifficulty);
    this.charts.dots.update(prompts.length ? [prompts.map((p) => p.predictedDifficulty),
      ...names.map((name) => prompts.map((p) => (p.distribution === name ? p.observedDifficulty : null)))] : [[]],
    'no predictions (DOTS only)');
    const r = pearson(prompts.map((p) => p.predictedDifficulty), prompts.map((p) => p.observedDifficulty));
    this.dotsNote.textContent = prompts.length
      ? `${prompts.length} prompts with a prediction and an observation; Pearson r = ${num(r)}` : '';
  }

  renderSummary() {
    const info = this.info;
    const button = (label, action, enabled) => el('button', {
      type: 'button', dataset: { action }, ...(enabled ? {} : { disabled: '' }),
      onclick: async (e) => {
        if (action === 'stop' && !confirm(`Stop campaign ${this.id} for good?`)) return;
        e.target.disabled = true;
        try {
          Object.assign(this.info, await post(`${this.path}/${action}`));
        } catch (error) {
          showError(error);
        }
        this.renderSummary();
      },
    }, label);
    const evaluations = info.evaluations;
    const latest = evaluations[evaluations.length - 1];
    this.summary.replaceChildren(
      statusBadge(info.status),
      el('span', { dataset: { field: 'step' } }, `step ${info.step} / ${info.steps}`),
      el('span', {}, `policy v${info.policyVersion}`),
      el('span', { dataset: { field: 'latest-accuracy' } },
        latest ? `held-out ${pct(latest.greedyMean)} greedy, ${pct(latest.sampledMean)} sampled (step ${latest.step})` : ''),
      el('span', {}, `running ${duration(info.latest?.elapsedMs)}`),
      button('Pause', 'pause', info.status === 'Running'),
      button('Resume', 'resume', ['Paused', 'Failed'].includes(info.status)),
      button('Stop', 'stop', !['Stopped', 'Completed', 'Creating'].includes(info.status)),
      info.error ? el('span', { class: 'note' }, info.error) : '');
  }

  renderTables() {
    // Every named scalar of the latest step, as the API names them: a metric added to the catalog shows here unasked.
    const latest = this.metrics.at(-1);
    this.scalars.replaceChildren(!latest ? el('p', { class: 'note' }, 'none yet')
      : table(['Metric', `Step ${latest.step}`],
        Object.entries(latest.metrics).map(([name, value]) => el('tr', { dataset: { metric: name } },
          el('td', {}, name), el('td', {}, value === null ? 'n/a' : num(value)))),
        { id: 'scalars' }));
    const prompts = (this.curriculum?.prompts ?? []).slice(0, 20);
    this.hardest.replaceChildren(prompts.length === 0 ? el('p', { class: 'note' }, 'none yet')
      : table(['Prompt', 'Distribution', 'Predicted difficulty', 'Observed difficulty', 'Attempts'],
        prompts.map((p) => el('tr', {}, el('td', {}, p.promptId), el('td', {}, p.distribution),
          el('td', {}, num(p.predictedDifficulty)), el('td', {}, num(p.observedDifficulty)), el('td', {}, p.attempts))),
        { id: 'hardest' }));
    this.checkpoints.replaceChildren(this.checkpointList.length === 0 ? el('p', { class: 'note' }, 'none yet')
      : table(['Step', 'Committed', 'Weights SHA-256', 'Blobs', 'Bytes'],
        [...this.checkpointList].reverse().map((c) => el('tr', { dataset: { step: c.step } },
          el('td', {}, c.step), el('td', {}, new Date(c.createdUtc).toLocaleString()),
          el('td', {}, (c.weightsHash ?? '').slice(0, 12)), el('td', {}, c.blobs.length),
          el('td', {}, c.blobs.reduce((sum, b) => sum + b.length, 0).toLocaleString()))),
        { id: 'checkpoints' }));
  }
}

function pearson(xs, ys) {
  const n = xs.length;
  if (n < 2) return null;
  const mean = (v) => v.reduce((a, b) => a + b, 0) / n;
  const [mx, my] = [mean(xs), mean(ys)];
  let [sxy, sxx, syy] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}
