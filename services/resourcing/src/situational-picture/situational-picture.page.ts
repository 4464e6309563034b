import type { Lang } from '@tym/platform';
import * as echarts from 'echarts';
import type { Indicator, ShownValue, SituationalPicture } from './situational-picture.service.js';
import { indicatorLabel, PAGE_TEXTS as T } from './situational-picture.texts.js';

/**
 * The situational picture as one server-rendered HTML page (issue 13): no script, charts drawn
 * on the server as SVG by Apache ECharts' SSR renderer (`init(null, null, { renderer: 'svg',
 * ssr: true })` + `renderToSVGString()`), each chart beside a table of the same data, in
 * Finnish, Swedish or English. For WCAG 2.1 AA (act 306/2019): the page declares its language,
 * headings are in order, each chart is an image with a text alternative and its data is in a
 * table with a caption and header cells, colours meet 4.5:1 against white, and nothing needs
 * a pointer.
 */

const COLORS = ['#1f4e9c', '#b3261e', '#2e6b30', '#6b3fa0'];

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function formatNumber(v: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : `${lang}-FI`, { maximumFractionDigits: 1 }).format(
    v,
  );
}

function formatEuros(cents: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : `${lang}-FI`, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
}

/** A small count reads "< 5", a count hidden to protect another "×", a hidden rate "not shown". */
function shown(v: ShownValue, lang: Lang): string {
  if (v.suppressed)
    return v.reason === 'small_cell' ? '< 5' : v.reason === 'secondary' ? '×' : T.notShown[lang];
  return v.value === null ? '–' : formatNumber(v.value, lang);
}

/** One chart as an SVG string; suppressed values are gaps (their table cell says "< 5"). */
function renderChart(option: echarts.EChartsCoreOption, label: string, width = 720, height = 320): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, color: COLORS, textStyle: { color: '#1a1a1a' }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(label)}" focusable="false" `);
}

function table(caption: string, head: string[], rows: string[][]): string {
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head
    .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
    .join('')}</tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r[0] ?? '')}</th>${r
          .slice(1)
          .map((c) => `<td>${escapeHtml(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

function figure(id: string, title: string, svg: string, tableHtml: string): string {
  return `<section class="chart" aria-labelledby="${id}-h"><h2 id="${id}-h">${escapeHtml(title)}</h2>
<div class="pair"><figure data-chart="${id}">${svg}</figure><div class="data" data-table="${id}">${tableHtml}</div></div></section>`;
}

const series = (i: Indicator | undefined) => (i ? i.values.map((v) => v.value) : []);

export function renderPicturePage(
  p: SituationalPicture,
  lang: Lang,
  linkFor: (lang: Lang) => string,
): string {
  const get = (code: string) => p.indicators.find((i) => i.code === code);
  const name = lang === 'sv' ? p.cooperationAreaName.sv : p.cooperationAreaName.fi;
  const periodHead = [T.indicator[lang], ...p.periods, T.total[lang]];
  const rowOf = (i: Indicator | undefined) =>
    i ? [indicatorLabel(i.code, lang), ...i.values.map((v) => shown(v, lang)), shown(i.total, lang)] : [];

  // 1. Trends by period.
  const trendCodes = ['referrals_received', 'relationships_started', 'relationships_ended'];
  const trends = renderChart(
    {
      legend: { top: 0 },
      grid: { top: 40, left: 50, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: p.periods },
      yAxis: { type: 'value', minInterval: 1 },
      series: trendCodes.map((c) => ({ type: 'bar', name: indicatorLabel(c, lang), data: series(get(c)) })),
    },
    T.chartTrends[lang],
  );
  // 2. Statutory clocks, per cent.
  const clockCodes = ['plans_within_3_months_percent', 'reviews_on_time_percent'];
  const clocks = renderChart(
    {
      legend: { top: 0 },
      grid: { top: 40, left: 50, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: p.periods },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: clockCodes.map((c) => ({
        type: 'line',
        name: indicatorLabel(c, lang),
        data: series(get(c)),
        connectNulls: false,
      })),
    },
    T.chartClocks[lang],
  );
  // 3. Targets vs actuals.
  const targetLabels = p.targets.map((t) => `${t.label} ${t.year}`);
  const targets = renderChart(
    {
      legend: { top: 0 },
      grid: { top: 40, left: 50, right: 20, bottom: 60 },
      xAxis: {
        type: 'category',
        data: targetLabels,
        axisLabel: { interval: 0, width: 120, overflow: 'break' },
      },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: T.target[lang], data: p.targets.map((t) => t.targetValue) },
        { type: 'bar', name: T.actual[lang], data: p.targets.map((t) => t.actual.value) },
      ],
    },
    T.chartTargets[lang],
  );
  // 4. FTE committed vs allocated.
  const staffing = renderChart(
    {
      legend: { top: 0 },
      grid: { top: 40, left: 50, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: p.staffing.parties.map((x) => x.organisationCode) },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: T.committedFte[lang], data: p.staffing.parties.map((x) => x.committedFte) },
        { type: 'bar', name: T.allocatedFte[lang], data: p.staffing.parties.map((x) => x.allocatedFte) },
      ],
    },
    T.chartStaffing[lang],
  );

  const targetTable = p.targets.length
    ? table(
        T.chartTargets[lang],
        [T.indicator[lang], T.year[lang], T.target[lang], T.actual[lang], ...p.periods],
        p.targets.map((t) => [
          t.label,
          String(t.year),
          `${formatNumber(t.targetValue, lang)} ${t.unit}`,
          shown(t.actual, lang),
          ...(
            t.trend ?? p.periods.map((): ShownValue => ({ value: null, suppressed: false, reason: null }))
          ).map((v) => shown(v, lang)),
        ]),
      )
    : `<p>${escapeHtml(T.noTargets[lang])}</p>`;
  const staffingTable = table(
    `${T.chartStaffing[lang]} — ${T.staffingOn[lang]} ${p.staffing.on}`,
    [T.party[lang], T.committedFte[lang], T.allocatedFte[lang], T.activeClients[lang], T.perFte[lang]],
    p.staffing.parties.map((x) => [
      x.organisationCode,
      formatNumber(x.committedFte, lang),
      formatNumber(x.allocatedFte, lang),
      shown(x.activeClients, lang),
      x.activeClientsPerAllocatedFte === null ? '–' : formatNumber(x.activeClientsPerAllocatedFte, lang),
    ]),
  );

  const costRows = p.costShares.flatMap((c) =>
    c.basis === null
      ? [[String(c.year), T.costsNotRecorded[lang], '–', '–']]
      : c.parties.map((x) => [
          `${c.year} ${x.organisationCode}`,
          c.basis === 'actual' ? T.costBasisActual[lang] : T.costBasisBudget[lang],
          formatEuros(x.cents, lang),
          formatNumber(x.percent, lang),
        ]),
  );
  const costTable = table(
    T.costShares[lang],
    [`${T.year[lang]} / ${T.party[lang]}`, T.costBasis[lang], T.shareEur[lang], T.sharePercent[lang]],
    costRows,
  );

  const groups = (['referrals', 'relationships', 'clocks', 'joint_work'] as const)
    .map((g) => table(T.groups[g][lang], periodHead, p.indicators.filter((i) => i.group === g).map(rowOf)))
    .join('\n');

  const langNav = (['fi', 'sv', 'en'] as const)
    .map((l) =>
      l === lang
        ? `<li><a href="${escapeHtml(linkFor(l))}" lang="${l}" aria-current="page">${l.toUpperCase()}</a></li>`
        : `<li><a href="${escapeHtml(linkFor(l))}" lang="${l}" hreflang="${l}">${l.toUpperCase()}</a></li>`,
    )
    .join('');

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(`${T.title[lang]} — ${name}`)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:1500px;padding:1rem 1.5rem;line-height:1.45}
header{display:flex;justify-content:space-between;align-items:baseline;flex-wrap:wrap;gap:1rem}
nav ul{list-style:none;display:flex;gap:.75rem;padding:0;margin:0}
a{color:#1f4e9c}a:focus{outline:3px solid #1a1a1a;outline-offset:2px}
a[aria-current]{font-weight:700;color:#1a1a1a}
.pair{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
figure{margin:0}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
caption{text-align:left;font-weight:600;padding-bottom:.25rem}
th,td{border:1px solid #767676;padding:.2rem .45rem;text-align:right}
th[scope=row]{text-align:left;font-weight:400}
thead th{background:#eef2f8}
.overflow{overflow-x:auto}
</style>
</head>
<body>
<header>
<h1>${escapeHtml(T.title[lang])}: ${escapeHtml(name)}</h1>
<nav aria-label="${escapeHtml(T.language[lang])}"><ul>${langNav}</ul></nav>
</header>
<main>
<p>${escapeHtml(T.lead[lang])}</p>
<p><strong>${escapeHtml(T.period[lang])}:</strong> ${p.from} – ${p.to}.
<strong>${escapeHtml(T.plansOverdueNow[lang])}:</strong> ${shown(p.plansOverdueNow, lang)}.</p>
${figure(
  'trends',
  T.chartTrends[lang],
  trends,
  table(
    T.chartTrends[lang],
    periodHead,
    trendCodes.map((c) => rowOf(get(c))),
  ),
)}
${figure(
  'clocks',
  T.chartClocks[lang],
  clocks,
  table(
    T.chartClocks[lang],
    periodHead,
    clockCodes.map((c) => rowOf(get(c))),
  ),
)}
${figure('targets', T.chartTargets[lang], targets, targetTable)}
${figure('staffing', T.chartStaffing[lang], staffing, `${staffingTable}<p>${escapeHtml(T.targetPerFte[lang])}: ${formatNumber(p.staffing.targetCaseloadPerFte, lang)}</p>`)}
<section aria-labelledby="costs-h"><h2 id="costs-h">${escapeHtml(T.costShares[lang])}</h2>${costTable}</section>
<section aria-labelledby="all-h"><h2 id="all-h">${escapeHtml(T.allIndicators[lang])}</h2><div class="overflow" tabindex="0" role="region" aria-labelledby="all-h">${groups}</div></section>
</main>
</body>
</html>`;
}
