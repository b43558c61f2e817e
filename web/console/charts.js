// Charts for the partner console: chart.js (window.Chart, served locally at /lib/chart.umd.min.js) draws the picture, and every
// chart carries its accessible name and the same numbers as a data table, so a screen reader or a keyboard user gets all of it.
import { el } from '/shared/dom.js';

/** Colours that stay apart for common colour-vision deficiencies (Okabe-Ito), in dataset order. */
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];

const NUMBER = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

/**
 * Draws one chart into `host` (an element with an id; replaced on every call): a figure with a caption, a canvas whose
 * role and label make it one image with a summary, and a collapsible data table of the same series.
 * `series` is [{ label, values, axis? ('y' or 'y2'), stepped? }], one value per entry of `labels`; `emptyText` is shown
 * instead of a chart when there are no labels.
 */
export function drawChart(host, { title, emptyText, type = 'line', labels, series, xTitle, yTitle, y2Title }) {
  const existing = host.querySelector('canvas');
  if (existing) window.Chart.getChart(existing)?.destroy();
  host.replaceChildren();

  const captionId = `${host.id}-caption`;
  const figure = el('figure', { className: 'chart' }, el('figcaption', { text: title, attrs: { id: captionId } }));
  host.append(figure);
  if (labels.length === 0) {
    figure.append(el('p', { className: 'empty', text: emptyText }));
    return null;
  }

  const summary = summarize(labels, series);
  const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': `${title}. ${summary}`, id: `${host.id}-canvas` } });
  // Fallback content, for a browser that draws no canvas: the same summary.
  canvas.textContent = summary;
  figure.append(el('div', { className: 'chart-box' }, canvas), dataTable(title, labels, series, xTitle));

  const usesSecondAxis = series.some(s => s.axis === 'y2');
  return new window.Chart(canvas, {
    type,
    data: {
      labels,
      datasets: series.map((s, i) => ({
        label: s.label,
        data: s.values,
        yAxisID: s.axis ?? 'y',
        borderColor: PALETTE[i % PALETTE.length],
        backgroundColor: PALETTE[i % PALETTE.length],
        pointRadius: labels.length > 60 ? 0 : 2,
        stepped: s.stepped ?? false,
        tension: 0,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // Drawn at once: no motion for people who asked for less, and a finished picture for screenshots.
      animation: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom' } },
      scales: {
        x: { title: { display: Boolean(xTitle), text: xTitle ?? '' }, ticks: { autoSkip: true, maxRotation: 0 } },
        y: { beginAtZero: true, title: { display: Boolean(yTitle), text: yTitle ?? '' } },
        ...(usesSecondAxis
          ? { y2: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, title: { display: Boolean(y2Title), text: y2Title ?? '' } } }
          : {}),
      },
    },
  });
}

/** "12 points from 20:01:05 to 20:14:40; Likes from 0 to 35, …" — what a sighted reader takes from the picture at a glance. */
function summarize(labels, series) {
  const span = labels.length === 1 ? `1 point at ${labels[0]}` : `${labels.length} points from ${labels[0]} to ${labels[labels.length - 1]}`;
  const ranges = series.map(s => {
    const values = s.values.filter(v => v !== null && v !== undefined);
    if (values.length === 0) return `${s.label}: no values`;
    return `${s.label} from ${NUMBER.format(Math.min(...values))} to ${NUMBER.format(Math.max(...values))}, last ${NUMBER.format(values[values.length - 1])}`;
  });
  return `${span}; ${ranges.join('; ')}.`;
}

function dataTable(title, labels, series, xTitle) {
  const head = el('tr', {}, el('th', { text: xTitle ?? '', attrs: { scope: 'col' } }), ...series.map(s => el('th', { text: s.label, attrs: { scope: 'col' } })));
  const rows = labels.map((label, i) =>
    el('tr', {}, el('th', { text: label, attrs: { scope: 'row' } }), ...series.map(s => el('td', { text: formatValue(s.values[i]) }))));
  return el('details', { className: 'chart-data' },
    el('summary', { text: `Data table: ${title}` }),
    el('div', { className: 'table-scroll' },
      el('table', {}, el('caption', { text: title }), el('thead', {}, head), el('tbody', {}, ...rows))));
}

function formatValue(value) {
  return value === null || value === undefined ? '–' : NUMBER.format(value);
}
