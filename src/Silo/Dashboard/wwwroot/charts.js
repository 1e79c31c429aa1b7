// uPlot charts keyed by name. window.rlvr.charts[name].data is exactly what a chart plots (the browser tests read it):
// smoothed where the chart is smoothable and smoothing is on, and a stacked chart plots running sums, bottom series
// first. Each chart draws its own legend: a value per series, the hovered point's or else the latest one.
const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
export const color = (i) => palette[i % palette.length];
const registry = (window.rlvr ??= { charts: {} }).charts;

// Axis steps a step axis may use: whole numbers only, so that a short campaign is not labelled 1.5.
const wholeSteps = [1, 2, 5].flatMap((m) => [1, 10, 100, 1e3, 1e4, 1e5, 1e6].map((p) => m * p)).sort((a, b) => a - b);

export class Chart {
  // series: [{label, color?, dash?}], one per y array of the data. legend: [{label, color, series: [indices]}] groups
  // series under one entry each (a sweep's arms) instead of an entry per series.
  constructor(container, name, {
    title, xLabel = 'step', yLabel = '', series, stacked = false, scatter = false, wholeX = !scatter, smoothable = false,
    wide = false, legend = null,
  }) {
    this.name = name;
    this.title = title;
    this.stacked = stacked;
    this.smoothable = smoothable;
    this.smoothing = 0;
    this.series = series;
    this.groups = legend;
    this.box = document.createElement('div');
    this.box.className = wide ? 'chart wide' : 'chart';
    this.box.dataset.chart = name;
    this.plotBox = document.createElement('div');
    this.legendBox = document.createElement('div');
    this.legendBox.className = 'legend';
    this.box.append(this.plotBox, this.legendBox);
    container.append(this.box);
    this.options = {
      title,
      legend: { show: false },
      scales: { x: { time: false }, y: { range: yRange } },
      axes: [{ label: xLabel }, { label: yLabel }],
      series: [{ label: xLabel }, ...series.map((s, i) => seriesOptions(s, s.color ?? color(i), stacked && i === 0, scatter))],
      hooks: { setCursor: [(u) => this.showValues(u.cursor.idx)] },
    };
    this.wholeX(wholeX);
    // Stacked: the first series fills down to zero, each band between a series and the one below it.
    if (stacked) this.options.bands = series.slice(1).map((_, i) => ({ series: [i + 2, i + 1], fill: fade(color(i + 1)) }));
    this.plot = null;
    this.raw = [[]];
    registry[name] = this;
    new ResizeObserver(() => this.plot?.setSize(this.size())).observe(this.box);
  }

  size() {
    return { width: Math.max(300, this.box.clientWidth - 10), height: 240 };
  }

  // A new x axis (steps or wall time): the plot is drawn anew with it at the next update.
  setX(label, whole) {
    this.options.axes[0].label = this.options.series[0].label = label;
    this.wholeX(whole);
    this.plot?.destroy();
    this.plot = null;
  }

  wholeX(whole) {
    const axis = this.options.axes[0];
    // The ticks drawn are kept: the tests read them.
    axis.values = (u, splits) => {
      this.xTicks = splits;
      return splits.map((v) => (whole ? String(v) : Number(v.toPrecision(4)).toString()));
    };
    if (whole) axis.incrs = wholeSteps;
    else delete axis.incrs;
  }

  // An exponential moving average of each series: weight 0 plots the values as they are.
  setSmoothing(weight) {
    if (!this.smoothable) return;
    this.smoothing = weight;
    this.update(this.raw, this.note);
  }

  // data: [xs, ys1, ys2, ...] (unstacked, unsmoothed); an empty xs shows a note instead of axes.
  update(data, note = 'no data yet') {
    this.raw = data;
    this.note = note;
    this.box.hidden = false;
    const [xs, ...ys] = data;
    this.values = [xs, ...(this.smoothable && this.smoothing > 0 ? ys.map((y) => smooth(y, this.smoothing)) : ys)];
    this.data = this.stacked ? stack(this.values) : this.values;
    if (xs.length === 0) {
      this.plot?.destroy();
      this.plot = null;
      this.plotBox.innerHTML = `<div class="empty">${this.title}: ${note}</div>`;
      this.legendBox.replaceChildren();
      return;
    }
    if (this.plot) {
      this.plot.setData(this.data);
    } else {
      this.plotBox.innerHTML = '';
      this.plot = new uPlot({ ...this.options, ...this.size() }, this.data, this.plotBox);
      this.drawLegend();
    }
    this.showValues(this.plot.cursor.idx);
  }

  // Not a panel for this campaign (a strategy without the quantity): no box at all.
  hide() {
    this.box.hidden = true;
  }

  drawLegend() {
    const entries = this.groups ?? this.series.map((s, i) => ({ label: s.label, color: s.color ?? color(i), dash: s.dash, series: [i] }));
    this.legendBox.replaceChildren(...entries.map((entry, e) => {
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.borderTop = `3px ${entry.dash ? 'dashed' : 'solid'} ${entry.color}`;
      const value = document.createElement('span');
      value.className = 'value';
      const item = document.createElement('span');
      item.className = 'entry';
      item.dataset.entry = e;
      item.dataset.label = entry.label;
      item.dataset.color = entry.color;
      if (entry.arm !== undefined) item.dataset.arm = entry.arm;
      item.title = 'click to hide or show';
      item.append(swatch, entry.label, value);
      // Hides or shows the entry's series, as uPlot's own legend does.
      item.addEventListener('click', () => {
        const hidden = item.classList.toggle('off');
        for (const i of entry.series) this.plot?.setSeries(i + 1, { show: !hidden });
      });
      return item;
    }));
  }

  // Each entry's value at the hovered point, or its latest one; a grouped entry (several series) shows none.
  showValues(idx) {
    const entries = this.legendBox.querySelectorAll('.entry');
    entries.forEach((item, e) => {
      const series = this.groups ? this.groups[e].series : [e];
      const value = item.querySelector('.value');
      if (series.length !== 1) return;
      const ys = this.values[series[0] + 1] ?? [];
      const at = idx ?? lastIndex(ys);
      const v = at === null ? null : ys[at];
      value.textContent = v === null || v === undefined ? '' : ` ${format(v)}`;
      value.dataset.value = v ?? '';
      value.dataset.x = at === null ? '' : this.values[0][at];
      item.dataset.hovered = idx !== null && idx !== undefined;
    });
  }
}

function seriesOptions(s, stroke, filled, scatter) {
  const options = { label: s.label, stroke, width: 1.5, spanGaps: true };
  if (s.dash) options.dash = s.dash;
  if (filled) options.fill = fade(stroke);
  // A line's points: uPlot shows them by itself where they are few enough to see.
  if (scatter) Object.assign(options, { paths: () => null, points: { show: true, size: 6, fill: stroke } });
  return options;
}

// A flat series (all zeros, or one constant) gets a range around it rather than uPlot's guess.
function yRange(u, min, max) {
  if (min === null || max === null) return [0, 1];
  if (min === max) return min === 0 ? [0, 1] : [Math.min(0, 2 * min), Math.max(0, 2 * max)];
  return uPlot.rangeNum(min, max, 0.1, true);
}

export function smooth(ys, weight) {
  let last = null;
  return ys.map((v) => {
    if (v === null || v === undefined) return null;
    last = last === null ? v : weight * last + (1 - weight) * v;
    return last;
  });
}

function lastIndex(ys) {
  for (let i = ys.length - 1; i >= 0; i--) if (ys[i] !== null && ys[i] !== undefined) return i;
  return null;
}

function format(v) {
  return Math.abs(v) >= 1000 ? v.toFixed(0) : Number(v.toPrecision(3)).toString();
}

function stack([xs, ...ys]) {
  const sums = xs.map(() => 0);
  return [xs, ...ys.map((y) => y.map((v, i) => (sums[i] += v ?? 0)))];
}

function fade(hex) {
  return `${hex}55`;
}
