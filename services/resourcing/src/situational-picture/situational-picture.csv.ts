import type { Lang } from '@tym/platform';
import type { SituationalPicture } from './situational-picture.service.js';
import { indicatorLabel } from './situational-picture.texts.js';

const HEAD: Record<Lang, string[]> = {
  fi: ['mittari', 'nimi', 'ryhmä', 'yksikkö', 'jakso', 'arvo', 'piilotettu'],
  sv: ['indikator', 'namn', 'grupp', 'enhet', 'period', 'värde', 'dold'],
  en: ['indicator', 'label', 'group', 'unit', 'period', 'value', 'suppressed'],
};

const quote = (s: string) => (/[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The picture as CSV (RFC 4180, comma, CRLF, UTF-8 with BOM so spreadsheets read ä and ö): one
 * row per indicator and period, the period total as period `total`; a suppressed cell has an
 * empty value and its reason in the last column (`small_cell` = "< 5", `secondary`, `rate`). Staffing rows are `fte_committed|<party>`,
 * `fte_allocated|<party>` and `active_clients|<party>` for the staffing day.
 */
export function renderPictureCsv(p: SituationalPicture, lang: Lang): string {
  const rows: string[][] = [HEAD[lang]];
  const v = (x: { value: number | null; reason: string | null }) => [
    x.value === null ? '' : String(x.value),
    x.reason ?? '',
  ];
  for (const i of p.indicators) {
    const label = indicatorLabel(i.code, lang);
    i.values.forEach((value, k) => {
      rows.push([i.code, label, i.group, i.unit, p.periods[k] ?? '', ...v(value)]);
    });
    rows.push([i.code, label, i.group, i.unit, 'total', ...v(i.total)]);
  }
  rows.push([
    'plans_overdue_now',
    'plans_overdue_now',
    'clocks',
    'persons',
    p.staffing.on,
    ...v(p.plansOverdueNow),
  ]);
  for (const s of p.staffing.parties) {
    rows.push([
      `fte_committed|${s.organisationCode}`,
      s.organisationCode,
      'staffing',
      'fte',
      p.staffing.on,
      String(s.committedFte),
      '',
    ]);
    rows.push([
      `fte_allocated|${s.organisationCode}`,
      s.organisationCode,
      'staffing',
      'fte',
      p.staffing.on,
      String(s.allocatedFte),
      '',
    ]);
    rows.push([
      `active_clients|${s.organisationCode}`,
      s.organisationCode,
      'staffing',
      'persons',
      p.staffing.on,
      ...v(s.activeClients),
    ]);
  }
  for (const c of p.costShares) {
    for (const x of c.parties) {
      rows.push([
        `cost_share|${x.organisationCode}`,
        x.organisationCode,
        'costs',
        'eur',
        String(c.year),
        (x.cents / 100).toFixed(2),
        '',
      ]);
    }
  }
  for (const t of p.targets) {
    rows.push([
      `target|${t.indicator}`,
      t.label,
      'targets',
      t.unit,
      String(t.year),
      String(t.targetValue),
      '',
    ]);
    rows.push([`actual|${t.indicator}`, t.label, 'targets', t.unit, String(t.year), ...v(t.actual)]);
  }
  return `\uFEFF${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}
