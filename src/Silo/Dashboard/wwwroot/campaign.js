// A campaign's page: its strategy, warnings, configuration and prompt sources, held-out accuracy, training statistics,
// the curriculum (probabilities, UCB, |advantage|, DOTS predicted against observed difficulty, hardest prompts), replay
// and filtering, phase times and checkpoints; live from the event stream, with pause, resume and stop. The x axis is
// steps or wall time, and the training charts can be smoothed; panels that do not apply to the campaign are hidden.
import { api, post, streamEvents } from './api.js';
import { Chart, color } from './charts.js';
import { duration, el, iso, num, pct, showError, statusBadge, table } from './format.js';

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
    this.warnings = el('div', { id: 'warnings' });
    this.config = el('div');
    this.hardest = el('div');
    this.checkpoints = el('div');
    this.scalars = el('div');
    this.dotsNote = el('p', { class: 'note', dataset: { field: 'correlation' } });
    this.xAxis = 'step';
    this.smoothing = 0;
    const controls = el('div', { class: 'controls' },
      el('label', {}, 'x axis ', el('select', { id: 'x-axis', onchange: (e) => this.setXAxis(e.target.value) },
        el('option', { value: 'step' }, 'steps'), el('option', { value: 'time' }, 'wall time (s)'))),
      el('label', {}, 'smoothing ', el('input', {
        id: 'smoothing', type: 'range', min: '0', max: '0.99', step: '0.01', value: '0',
        oninput: (e) => this.setSmoothing(Number(e.target.value)),
      }), this.smoothingValue = el('span', { dataset: { field: 'smoothing' } }, '0')));
    this.sections = {};
    const titled = (key, title, ...content) => {
      this.sections[key] = el('section', { dataset: { section: key } }, el('h2', {}, title), ...content);
      return this.sections[key];
    };
    view.replaceChildren(el('h1', {}, id), this.summary, this.warnings, this.config, controls,
      ...section('Held-out accuracy', evaluation), ...section('Training', training),
      titled('curriculum', 'Curriculum', curriculum), titled('dots', 'Difficulty (DOTS)', this.dotsNote, dots),
      ...section('Hardest prompts', this.hardest), ...section('Replay, filtering and step time', costs),
      ...section('Latest step', this.scalars), ...section('Checkpoints', this.checkpoints));
    this.containers = { evaluation, training, curriculum, dots, costs };
    this.charts = null;
    this.rendering = null;
    this.refreshing = null;
  }

  async load() {
    const path = this.path;
    [this.info, this.metrics, this.checkpointList, this.configInfo] =
      await Promise.all([api(path), api(`${path}/metrics`), api(`${path}/checkpoints`), api(`${path}/config`)]);
    await this.loadCurriculum();
    this.renderConfig();
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
        const [checkpoints, info] = await Promise.all([api(`${this.path}/checkpoints`), api(this.path), this.loadCurriculum()]);
        this.checkpointList = checkpoints;
        this.info.warnings = info.warnings;
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
    const steps = this.metrics.map((m) => this.x(m));
    const perStep = (f) => this.metrics.map(f);
    const byDistribution = (f) => names.map((name) => perStep((m) => f(m.curriculum.find((d) => d.name === name))));
    const evaluations = this.info.evaluations;
    const c = this.charts;

    // On a wall-time axis, an evaluation sits at its step's time (the one after the warm start at 0).
    const evaluated = evaluations.filter((e) => this.evaluationX(e) !== null);
    c.accuracy.update([evaluated.map((e) => this.evaluationX(e)),
      ...names.flatMap((name) => [evaluated.map((e) => e.greedy[name] ?? null),
        evaluated.map((e) => e.sampled[name] ?? null)])]);
    c.reward.update([steps, perStep((m) => m.metrics.reward), ...names.map((name) => perStep((m) => m.passRates[name] ?? null))]);
    for (const [chart, key] of [['kl', 'kl'], ['entropy', 'entropy'], ['gradNorm', 'grad_norm'], ['clip', 'clip_fraction']]) {
      c[chart].update([steps, perStep((m) => m.metrics[key] ?? null)]);
    }
    // A quantity the campaign's strategy does not track (DOTS has no sampling probabilities, DUMP no predictions) has
    // no panel; so has one before the first step, when nothing says yet which apply.
    const shown = (chart, data) => (data.slice(1).flat().some((v) => v !== null && v !== undefined) ? chart.update(data) : chart.hide());
    shown(c.probability, [steps, ...byDistribution((d) => d?.probability ?? null)]);
    shown(c.ucb, [steps, ...byDistribution((d) => d?.ucbScore ?? null)]);
    shown(c.advantage, [steps, ...byDistribution((d) => d?.windowMeanAbsAdvantage ?? null)]);
    this.renderDifficulty(names, shown);
    const correlated = this.metrics.filter((m) => (m.metrics.prediction_correlation ?? null) !== null);
    shown(c.correlation, [correlated.map((m) => this.x(m)), correlated.map((m) => m.metrics.prediction_correlation)]);
    shown(c.replay, [steps, perStep((m) => m.metrics.replay_stored ?? null), perStep((m) => m.metrics.replay_mean_age ?? null)]);
    for (const [key, section] of Object.entries(this.sections)) {
      section.hidden = [...section.querySelectorAll('.chart')].every((box) => box.hidden);
      section.dataset.hidden = section.hidden;
      if (key === 'dots') this.dotsNote.hidden = section.hidden;
    }
    c.groups.update([steps, perStep((m) => m.metrics.groups_generated), perStep((m) => m.metrics.groups_rejected),
      perStep((m) => m.metrics.groups_replayed), perStep((m) => m.metrics.reference_groups)]);
    c.phases.update([steps, ...phases.map((p) => perStep((m) => m.phasesMs[p])), perStep((m) => m.phasesMs.wall)]);
    this.renderTables();
  }

  // Where a step sits on the x axis: its number, or the campaign's wall time through it in seconds.
  x(m) {
    return this.xAxis === 'time' ? m.elapsedMs / 1000 : m.step;
  }

  evaluationX(e) {
    if (this.xAxis !== 'time') return e.step;
    if (e.step === 0) return 0;
    const m = this.metrics.find((s) => s.step === e.step);
    return m ? m.elapsedMs / 1000 : null;
  }

  setXAxis(axis) {
    this.xAxis = axis;
    for (const chart of Object.values(this.charts ?? {})) {
      if (chart.name !== 'dots') chart.setX(axis === 'time' ? 'wall time (s)' : 'step', axis !== 'time');
    }
    this.render();
  }

  setSmoothing(weight) {
    this.smoothing = weight;
    this.smoothingValue.textContent = String(weight);
    for (const chart of Object.values(this.charts ?? {})) chart.setSmoothing(weight);
  }

  createCharts(names) {
    const { evaluation, training, curriculum, dots, costs } = this.containers;
    const perDistribution = names.map((name) => ({ label: name }));
    const line = (container, name, title, yLabel, series, more = {}) => new Chart(container, name, { title, yLabel, series, ...more });
    // The training statistics are noisy step to step: the smoothing control applies to them.
    const noisy = { smoothable: true };
    const charts = {
      accuracy: new Chart(evaluation, 'accuracy', {
        title: 'Held-out accuracy (solid: greedy, dashed: sampled)', yLabel: 'accuracy', wide: true,
        series: names.flatMap((name, i) => [{ label: `${name} greedy`, color: color(i) },
          { label: `${name} sampled`, color: color(i), dash: [6, 4] }]),
      }),
      reward: line(training, 'reward', 'Reward and pass rate', 'mean reward',
        [{ label: 'reward', color: '#0f172a' }, ...names.map((name, i) => ({ label: `pass ${name}`, color: color(i) }))], noisy),
      kl: line(training, 'kl', 'KL to the reference', 'KL', [{ label: 'kl' }], noisy),
      entropy: line(training, 'entropy', 'Entropy', 'nats', [{ label: 'entropy' }], noisy),
      gradNorm: line(training, 'gradNorm', 'Gradient norm', 'norm', [{ label: 'grad norm' }], noisy),
      clip: line(training, 'clip', 'Clip fraction', 'fraction', [{ label: 'clip fraction' }], noisy),
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
    for (const chart of Object.values(charts)) chart.setSmoothing(this.smoothing);
    return charts;
  }

  renderDifficulty(names, shown) {
    const prompts = (this.curriculum?.prompts ?? [])
      .filter((p) => p.predictedDifficulty !== null && p.observedDifficulty !== null)
      .sort((a, b) => a.predictedDifficulty - b.predictedDifficulty);
    shown(this.charts.dots, [prompts.map((p) => p.predictedDifficulty),
      ...names.map((name) => prompts.map((p) => (p.distribution === name ? p.observedDifficulty : null)))]);
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
      el('span', { dataset: { field: 'strategy' } }, `strategy ${info.strategy ?? '–'}`),
      el('span', { dataset: { field: 'created' } }, `created ${iso(info.createdUtc)}`),
      el('span', { dataset: { field: 'step' } }, `step ${info.step} / ${info.steps}`),
      el('span', {}, `policy v${info.policyVersion}`),
      el('span', { dataset: { field: 'latest-accuracy' } },
        latest ? `held-out ${pct(latest.greedyMean)} greedy, ${pct(latest.sampledMean)} sampled (step ${latest.step})` : ''),
      el('span', {}, `running ${duration(info.latest?.elapsedMs)}`),
      button('Pause', 'pause', info.status === 'Running'),
      button('Resume', 'resume', ['Paused', 'Failed'].includes(info.status)),
      button('Stop', 'stop', !['Stopped', 'Completed', 'Creating'].includes(info.status)),
      info.error ? el('span', { class: 'note' }, info.error) : '');
    // The memorisation warning: the training pass rate far above the held-out accuracy (docs/api.md#warnings).
    this.warnings.replaceChildren(...(info.warnings ?? []).map((w) => el('p', {
      class: 'warning', role: 'alert',
      dataset: { kind: w.kind, distribution: w.distribution, training: w.trainingPassRate, heldOut: w.heldOutAccuracy },
    }, `Warning (${w.kind}): training pass rate ${pct(w.trainingPassRate)} on ${w.distribution} against `,
    `${pct(w.heldOutAccuracy)} held out: the policy may be memorising a small training pool.`)));
  }

  // The effective configuration (every default written out), collapsed, and where the prompts come from.
  renderConfig() {
    const config = this.configInfo;
    this.config.replaceChildren(
      el('details', { id: 'config' },
        el('summary', {}, 'Configuration ', el('code', { dataset: { field: 'config-hash' } }, config.configHash)),
        el('pre', { dataset: { field: 'yaml' } }, config.yaml)),
      table(['Source', 'Kind', 'Distribution', 'Training prompts', 'Held-out prompts'],
        config.sources.flatMap((s) => s.distributions.map((d) => el('tr', { dataset: { source: s.name, distribution: d.name } },
          el('td', {}, s.name), el('td', {}, s.kind), el('td', {}, d.name),
          el('td', { dataset: { field: 'training' } }, d.trainingPrompts),
          el('td', { dataset: { field: 'held-out' } }, d.heldOutPrompts)))),
        { id: 'sources' }));
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
      : table(['Prompt', 'Text', 'Answer', 'Distribution', 'Predicted difficulty', 'Observed difficulty', 'Attempts'],
        prompts.map((p) => el('tr', { dataset: { prompt: p.promptId } }, el('td', {}, p.promptId),
          el('td', { class: 'text', dataset: { field: 'text' } }, p.text), el('td', { class: 'text', dataset: { field: 'answer' } }, p.answer),
          el('td', {}, p.distribution),
          el('td', {}, num(p.predictedDifficulty)), el('td', {}, num(p.observedDifficulty)), el('td', {}, p.attempts))),
        { id: 'hardest' }));
    this.checkpoints.replaceChildren(this.checkpointList.length === 0 ? el('p', { class: 'note' }, 'none yet')
      : table(['Step', 'Committed', 'Weights SHA-256', 'Blobs', 'Bytes'],
        [...this.checkpointList].reverse().map((c) => el('tr', { dataset: { step: c.step } },
          el('td', {}, c.step), el('td', { dataset: { field: 'committed' } }, iso(c.createdUtc)),
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
