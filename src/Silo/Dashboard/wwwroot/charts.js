// uPlot charts keyed by name. window.rlvr.charts[name].data is exactly what a chart plots (the browser tests read it);
// a stacked chart plots running sums, bottom series first.
const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
export const color = (i) => palette[i % palette.length];
const registry = (window.rlvr ??= { charts: {} }).charts;

export class Chart {
  // series: [{label, color?, dash?}], one per y array of the data.
  constructor(container, name, { title, xLabel = 'step', yLabel = '', series, stacked = false, scatter = false }) {
    this.name = name;
    this.stacked = stacked;
    this.box = document.createElement('div');
    this.box.className = 'chart';
    this.box.dataset.chart = name;
    container.append(this.box);
    this.options = {
      title,
      width: 400,
      height: 240,
      scales: { x: { time: false } },
      axes: [{ label: xLabel }, { label: yLabel }],
      series: [{ label: xLabel }, ...series.map((s, i) => seriesOptions(s, s.color ?? color(i), stacked && i === 0, scatter))],
    };
    // Stacked: the first series fills down to zero, each band between a series and the one below it.
    if (stacked) this.options.bands = series.slice(1).map((_, i) => ({ series: [i + 2, i + 1], fill: fade(color(i + 1)) }));
    this.plot = null;
    registry[name] = this;
    new ResizeObserver(() => this.plot?.setSize(this.size())).observe(this.box);
  }

  size() {
    return { width: Math.max(300, this.box.clientWidth - 10), height: 240 };
  }

  // data: [xs, ys1, ys2, ...] (unstacked); an empty xs shows a note instead of axes.
  update(data, note = 'no data yet') {
    this.data = this.stacked ? stack(data) : data;
    if (data[0].length === 0) {
      this.plot?.destroy();
      this.plot = null;
      this.box.innerHTML = `<div class="empty">${this.options.title}: ${note}</div>`;
      return;
    }
    if (this.plot) {
      this.plot.setData(this.data);
    } else {
      this.box.innerHTML = '';
      this.plot = new uPlot({ ...this.options, ...this.size() }, this.data, this.box);
    }
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

function stack([xs, ...ys]) {
  const sums = xs.map(() => 0);
  return [xs, ...ys.map((y) => y.map((v, i) => (sums[i] += v ?? 0)))];
}

function fade(hex) {
  return `${hex}55`;
}
