/**
 * Small-cell suppression of the situational picture (domain.md §7: suppress cells of fewer than
 * 5 persons in anything shown outside a case team; the data may be processed for follow-up and
 * statistics only without identifying a person, 381/2023 §11(1)).
 *
 * The rules, applied by `suppressCells` in this order until nothing changes:
 *
 * 1. **Primary**: a count of persons from 1 to 4 is shown as "< 5" (`value: null`,
 *    `suppressed: true`, `reason: 'small_cell'`). 0 is shown: it identifies nobody.
 * 2. **Secondary (totals)**: a cell must not be recoverable by subtraction. For every additive
 *    relation `total = part₁ + … + partₙ` (the months of a period and the period's total; the
 *    referrals received and their outcomes; declined and its reasons) the number of suppressed
 *    cells in the relation is either 0 or at least 2. When exactly one is suppressed, the
 *    smallest shown non-zero part is suppressed as well (the total when no part is left), with
 *    `reason: 'secondary'` (shown "×": it may be 5 or more, so it does not read "< 5").
 *    Suppressing one more cell can break another relation, so the pass repeats to a fixed point.
 *    This also covers "the difference of two periods": a month is the period total minus
 *    the other months, and each relation holds the period total and all its months.
 * 3. **Rates** (shares, medians, percentiles, per-FTE figures) are not shown when their
 *    numerator or denominator is suppressed, or when the denominator is below 5 persons
 *    (a median of 3 people's waiting times describes those people).
 *
 * Periods are whole calendar months, so two requests can only differ by whole months, each of
 * which is itself a suppressed-or-safe cell of the same rules.
 */

export const SMALL_CELL_LIMIT = 5;

export interface CountCell {
  /** Stable key, e.g. `referrals_received|2026-03`. */
  key: string;
  value: number;
}

export interface ShownCell {
  key: string;
  /** null when suppressed. */
  value: number | null;
  suppressed: boolean;
  /** Why: a small cell (rule 1, shown "< 5") or to protect one (rule 2, shown "×"); null when shown. */
  reason: 'small_cell' | 'secondary' | null;
}

/** `total = sum(parts)`, by cell keys. */
export interface AdditiveRelation {
  total: string;
  parts: string[];
}

/** Rule 1: a count of 1–4 persons is suppressed. */
export function isSmallCell(count: number): boolean {
  return count > 0 && count < SMALL_CELL_LIMIT;
}

/**
 * Rules 1 and 2: primary suppression, then secondary suppression to a fixed point.
 *
 * `published`: cells already published elsewhere (the area picture, beside its breakdown per
 * employment authority): their shown or hidden state is given (`hidden`) and never changes, so
 * a relation whose total is published protects its parts on their own.
 */
export function suppressCells(
  cells: CountCell[],
  relations: AdditiveRelation[],
  published: { keys: Set<string>; hidden: Set<string> } = { keys: new Set(), hidden: new Set() },
): Map<string, ShownCell> {
  const values = new Map(cells.map((c) => [c.key, c.value]));
  const primary = new Set(
    cells.filter((c) => (published.keys.has(c.key) ? false : isSmallCell(c.value))).map((c) => c.key),
  );
  const suppressed = new Set([...primary, ...published.hidden]);
  // A cell that a shown published total and the other (shown) parts already give away protects
  // nothing when hidden: it is never the second cell hidden.
  const fromPublished = relations.filter((r) => published.keys.has(r.total));
  const derivable = (k: string) =>
    fromPublished.some(
      (r) =>
        !suppressed.has(r.total) &&
        r.parts.includes(k) &&
        r.parts.every((p) => p === k || !values.has(p) || !suppressed.has(p)),
    );
  let changed = true;
  while (changed) {
    changed = false;
    for (const r of relations) {
      const members = [r.total, ...r.parts].filter((k) => values.has(k));
      const hidden = members.filter((k) => suppressed.has(k));
      if (hidden.length !== 1) continue;
      const candidates = r.parts
        .filter(
          (k) =>
            values.has(k) &&
            !suppressed.has(k) &&
            !published.keys.has(k) &&
            (values.get(k) ?? 0) > 0 &&
            !derivable(k),
        )
        .sort((a, b) => (values.get(a) ?? 0) - (values.get(b) ?? 0) || a.localeCompare(b));
      const next =
        candidates[0] ??
        (suppressed.has(r.total) || !values.has(r.total) || published.keys.has(r.total)
          ? undefined
          : r.total);
      if (next !== undefined) {
        suppressed.add(next);
        changed = true;
      }
    }
  }
  const out = new Map<string, ShownCell>();
  for (const c of cells) {
    const hide = suppressed.has(c.key);
    out.set(c.key, {
      key: c.key,
      value: hide ? null : c.value,
      suppressed: hide,
      reason: hide ? (primary.has(c.key) ? 'small_cell' : 'secondary') : null,
    });
  }
  return out;
}

/**
 * Rule 3: a rate (share, median, percentile, ratio) is shown only when its numerator and
 * denominator are shown and the denominator is at least 5 persons. `numerator` may be omitted
 * for figures with no count above them (a median of a group).
 */
export function showRate(
  rate: number | null,
  denominator: ShownCell | undefined,
  numerator?: ShownCell | undefined,
): number | null {
  if (rate === null || !denominator || denominator.suppressed || denominator.value === null) return null;
  if (denominator.value < SMALL_CELL_LIMIT) return null;
  if (numerator && (numerator.suppressed || numerator.value === null)) return null;
  return rate;
}
