import type { PartyRole } from '@tym/db';
import { AppError, type Lang } from '@tym/platform';

/**
 * Sharing the joint costs of the TYM model, 381/2023 §10: each party pays its own staff;
 * other joint costs are split between the employment authorities and the HVA in proportion
 * to their staff in the model — the **number of staff** (headcount) each committed, the
 * default `proportional_to_headcount` — unless the agreement says otherwise (committed FTE,
 * `proportional_to_fte`, or agreed percentages, `agreed_percentages`); Kela pays what the
 * agreement says (VNA 388/2024 §3(4)–(5)). Pure arithmetic on integer cents (BigInt), so a
 * split never loses or invents a cent.
 */

export interface Weighted<K extends string> {
  key: K;
  weight: bigint;
}

export interface Allocated<K extends string> {
  key: K;
  cents: bigint;
  /** `total × weight / Σweights` rounded down. */
  floorCents: bigint;
  /** The part rounded away, as a fraction of one cent: `numerator / denominator`. */
  remainderNumerator: bigint;
  denominator: bigint;
  /** Got one of the cents left over after rounding down. */
  roundedUp: boolean;
}

/**
 * Largest remainder method (Hamilton): every share is rounded down to whole cents and the
 * cents left over go, one each, to the shares with the largest remainders (ties: the larger
 * weight, then the key in order), so the shares add up exactly to `total`.
 */
export function splitByLargestRemainder<K extends string>(
  total: bigint,
  weights: Weighted<K>[],
): Allocated<K>[] {
  if (total < 0n) throw new RangeError('total must not be negative');
  const sum = weights.reduce((s, w) => s + w.weight, 0n);
  if (sum <= 0n) throw new RangeError('weights must sum to more than zero');
  const rows = weights.map((w) => {
    if (w.weight < 0n) throw new RangeError('weights must not be negative');
    const product = total * w.weight;
    return {
      key: w.key,
      weight: w.weight,
      floorCents: product / sum,
      remainderNumerator: product % sum,
      denominator: sum,
    };
  });
  let left = total - rows.reduce((s, r) => s + r.floorCents, 0n);
  const order = [...rows].sort((a, b) =>
    a.remainderNumerator !== b.remainderNumerator
      ? a.remainderNumerator > b.remainderNumerator
        ? -1
        : 1
      : a.weight !== b.weight
        ? a.weight > b.weight
          ? -1
          : 1
        : a.key.localeCompare(b.key),
  );
  const up = new Set<K>();
  for (const r of order) {
    if (left <= 0n) break;
    up.add(r.key);
    left -= 1n;
  }
  return rows.map((r) => ({
    key: r.key,
    cents: r.floorCents + (up.has(r.key) ? 1n : 0n),
    floorCents: r.floorCents,
    remainderNumerator: r.remainderNumerator,
    denominator: r.denominator,
    roundedUp: up.has(r.key),
  }));
}

export type KelaContribution =
  | { kind: 'amount'; amountCents: number }
  | { kind: 'share'; basisPoints: number };

/** The rules of 381/2023 §10: by headcount (the law's default), or as agreed: by FTE or by percentages. */
export type CostSharingRule = 'proportional_to_headcount' | 'proportional_to_fte' | 'agreed_percentages';

/** The basis of a proportional split: the number of staff, or FTE; null for agreed percentages. */
export function costShareBasisOf(method: CostSharingRule): 'headcount' | 'fte' | null {
  return method === 'proportional_to_headcount'
    ? 'headcount'
    : method === 'proportional_to_fte'
      ? 'fte'
      : null;
}

export interface CostShareInput {
  year: number;
  jointCostsCents: number;
  method: CostSharingRule;
  /**
   * The agreement's parties with their committed staff (number of people), FTE (thousandths)
   * and agreed share (basis points).
   */
  parties: Array<{
    organisationCode: string;
    roles: PartyRole[];
    fteMilli: number;
    headcount?: number;
    shareBasisPoints: number | null;
  }>;
  kelaOrganisationCode: string;
  kela: KelaContribution;
}

export interface CostShareLine {
  organisationCode: string;
  roles: PartyRole[];
  /** Committed FTE of the party (the FTE rule's weight). */
  fte: number;
  /** Committed number of staff of the party (the default rule's weight). */
  headcount: number;
  /** The agreed percentage (the agreed rule's weight), or null. */
  percent: number | null;
  cents: number;
  roundedUp: boolean;
}

export interface CostShareResult {
  year: number;
  jointCostsCents: number;
  method: CostShareInput['method'];
  kela: { organisationCode: string; kind: KelaContribution['kind']; percent: number | null; cents: number };
  sharedCents: number;
  shares: CostShareLine[];
  arithmetic: string[];
}

/** Who shares the remainder: organisations in the employment authority or HVA role. */
function sharesJointCosts(roles: PartyRole[]): boolean {
  return roles.includes('employment_authority') || roles.includes('wellbeing_county');
}

export function computeCostShares(input: CostShareInput, lang: Lang): CostShareResult {
  const joint = BigInt(input.jointCostsCents);
  const kelaCents =
    input.kela.kind === 'amount'
      ? BigInt(input.kela.amountCents)
      : // Kela's share rounded half up to a cent; the rest is split below, so nothing is lost.
        (joint * BigInt(input.kela.basisPoints) + 5000n) / 10000n;
  if (kelaCents > joint) {
    throw new AppError('KELA_AMOUNT_EXCEEDS_JOINT_COSTS', {
      detail: `Kela’s agreed amount (${kelaCents} cents) is more than the joint costs (${joint} cents).`,
      errors: [
        { location: 'query.jointCosts', message: 'is less than Kela’s agreed amount', rule: 'kela_amount' },
      ],
    });
  }
  const shared = joint - kelaCents;
  const sharing = input.parties.filter((p) => sharesJointCosts(p.roles));
  const weightOf = (p: CostShareInput['parties'][number]) =>
    input.method === 'proportional_to_headcount'
      ? (p.headcount ?? 0)
      : input.method === 'proportional_to_fte'
        ? p.fteMilli
        : (p.shareBasisPoints ?? 0);
  const weights = sharing.map((p) => ({ key: p.organisationCode, weight: BigInt(weightOf(p)) }));
  if (weights.reduce((s, w) => s + w.weight, 0n) <= 0n) {
    throw new AppError('COST_SHARE_NO_STAFF', {
      detail:
        'The employment authorities and the HVA have committed no staff in the agreement, so there is nothing ' +
        'to share in proportion to (381/2023 §10).',
    });
  }
  const split = splitByLargestRemainder(shared, weights);
  const totalFteMilli = sharing.reduce((s, p) => s + p.fteMilli, 0);
  const totalHeadcount = sharing.reduce((s, p) => s + (p.headcount ?? 0), 0);
  const t = TEXTS[lang];
  const eur = (c: bigint) => formatEuros(c, lang);
  const lines: string[] = [t.joint(input.year, eur(joint))];
  const kelaPercent = input.kela.kind === 'share' ? input.kela.basisPoints / 100 : null;
  lines.push(
    input.kela.kind === 'amount'
      ? t.kelaAmount(input.kelaOrganisationCode, eur(kelaCents))
      : t.kelaShare(
          input.kelaOrganisationCode,
          eur(joint),
          formatNumber(kelaPercent ?? 0, lang),
          eur(kelaCents),
        ),
  );
  lines.push(t.rest(eur(joint), eur(kelaCents), eur(shared)));
  lines.push(
    input.method === 'proportional_to_headcount'
      ? t.headcount(String(totalHeadcount))
      : input.method === 'proportional_to_fte'
        ? t.proportional(formatNumber(totalFteMilli / 1000, lang))
        : t.percentages(),
  );
  const shares: CostShareLine[] = split.map((s) => {
    const party = sharing.find((p) => p.organisationCode === s.key);
    const exact = Number(s.floorCents) + Number(s.remainderNumerator) / Number(s.denominator);
    const factor =
      input.method === 'proportional_to_headcount'
        ? `${party?.headcount ?? 0} / ${totalHeadcount}`
        : input.method === 'proportional_to_fte'
          ? `${formatNumber((party?.fteMilli ?? 0) / 1000, lang)} / ${formatNumber(totalFteMilli / 1000, lang)}`
          : `${formatNumber((party?.shareBasisPoints ?? 0) / 100, lang)} %`;
    lines.push(
      t.share(
        s.key,
        eur(shared),
        factor,
        formatEurosExact(exact, lang),
        eur(s.floorCents),
        s.remainderNumerator !== 0n,
      ),
    );
    return {
      organisationCode: s.key,
      roles: party?.roles ?? [],
      fte: (party?.fteMilli ?? 0) / 1000,
      headcount: party?.headcount ?? 0,
      percent:
        party?.shareBasisPoints === null || party?.shareBasisPoints === undefined
          ? null
          : party.shareBasisPoints / 100,
      cents: Number(s.cents),
      roundedUp: s.roundedUp,
    };
  });
  const floors = split.reduce((sum, s) => sum + s.floorCents, 0n);
  const leftover = shared - floors;
  if (leftover > 0n) {
    lines.push(
      t.rounding(
        eur(floors),
        Number(leftover),
        split.filter((s) => s.roundedUp).map((s) => s.key),
        eur(shared),
      ),
    );
  }
  lines.push(t.total(eur(kelaCents), eur(shared), eur(joint)));
  return {
    year: input.year,
    jointCostsCents: input.jointCostsCents,
    method: input.method,
    kela: {
      organisationCode: input.kelaOrganisationCode,
      kind: input.kela.kind,
      percent: kelaPercent,
      cents: Number(kelaCents),
    },
    sharedCents: Number(shared),
    shares,
    arithmetic: lines,
  };
}

// --- Words ------------------------------------------------------------------------------

function group(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** `123456789n` → `1 234 567,89 €` (fi, sv) or `€1,234,567.89` (en). */
export function formatEuros(cents: bigint, lang: Lang): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const euros = group((abs / 100n).toString(), lang === 'en' ? ',' : ' ');
  const rest = (abs % 100n).toString().padStart(2, '0');
  const sign = negative ? '−' : '';
  return lang === 'en' ? `${sign}€${euros}.${rest}` : `${sign}${euros},${rest} €`;
}

/** An exact share that may fall between cents, to four decimals of a euro. */
function formatEurosExact(cents: number, lang: Lang): string {
  const text = (cents / 100).toFixed(4).replace(/0{1,2}$/, '');
  const [whole = '0', frac = ''] = text.split('.');
  const grouped = group(whole, lang === 'en' ? ',' : ' ');
  return lang === 'en' ? `€${grouped}.${frac}` : `${grouped},${frac} €`;
}

function formatNumber(n: number, lang: Lang): string {
  const text = String(Math.round(n * 1000) / 1000);
  return lang === 'en' ? text : text.replace('.', ',');
}

const list = (keys: string[], and: string) =>
  keys.length <= 1 ? (keys[0] ?? '') : `${keys.slice(0, -1).join(', ')} ${and} ${keys.at(-1)}`;

const TEXTS: Record<
  Lang,
  {
    joint(year: number, total: string): string;
    kelaAmount(kela: string, amount: string): string;
    kelaShare(kela: string, total: string, percent: string, amount: string): string;
    rest(total: string, kela: string, rest: string): string;
    proportional(totalFte: string): string;
    headcount(total: string): string;
    percentages(): string;
    share(
      org: string,
      rest: string,
      factor: string,
      exact: string,
      rounded: string,
      inexact: boolean,
    ): string;
    rounding(floors: string, leftover: number, to: string[], rest: string): string;
    total(kela: string, rest: string, total: string): string;
  }
> = {
  fi: {
    joint: (year, total) => `Yhteiset kustannukset vuonna ${year}: ${total}.`,
    kelaAmount: (kela, amount) => `Kela (${kela}) maksaa sopimuksen mukaisen summan ${amount}.`,
    kelaShare: (kela, total, percent, amount) =>
      `Kela (${kela}) maksaa sovitun osuuden: ${total} × ${percent} % = ${amount} (pyöristetty sentteihin).`,
    rest: (total, kela, rest) =>
      `Työvoimaviranomaisten ja hyvinvointialueen jaettavaksi jää ${total} − ${kela} = ${rest}.`,
    proportional: (totalFte) =>
      `Jako sopimukseen sitoutettujen henkilötyövuosien suhteessa, kuten sovittu (381/2023 10 §: toisin sopiminen): yhteensä ${totalFte} htv.`,
    headcount: (total) =>
      `Jako sopimukseen sitoutetun henkilöstön lukumäärän suhteessa (381/2023 10 §): yhteensä ${total} henkilöä.`,
    percentages: () => 'Jako sopimuksessa sovituin prosenttiosuuksin (381/2023 10 §: toisin sopiminen).',
    share: (org, rest, factor, exact, rounded, inexact) =>
      `${org}: ${rest} × ${factor} = ${exact}${inexact ? ` → alaspäin sentteihin ${rounded}` : ''}.`,
    rounding: (floors, leftover, to, rest) =>
      `Alaspäin pyöristetyt osuudet ovat yhteensä ${floors}; jäljelle jäävä${leftover > 1 ? 't' : ''} ${leftover} sentti${leftover > 1 ? 'ä' : ''} annetaan suurimman jakojäännöksen osapuolille (${list(to, 'ja')}), joten osuudet ovat yhteensä tasan ${rest}.`,
    total: (kela, rest, total) => `Tarkistus: ${kela} + ${rest} = ${total}.`,
  },
  sv: {
    joint: (year, total) => `Gemensamma kostnader år ${year}: ${total}.`,
    kelaAmount: (kela, amount) => `FPA (${kela}) betalar det avtalade beloppet ${amount}.`,
    kelaShare: (kela, total, percent, amount) =>
      `FPA (${kela}) betalar den avtalade andelen: ${total} × ${percent} % = ${amount} (avrundat till cent).`,
    rest: (total, kela, rest) =>
      `Kvar att fördela mellan arbetskraftsmyndigheterna och välfärdsområdet: ${total} − ${kela} = ${rest}.`,
    proportional: (totalFte) =>
      `Fördelning i proportion till de årsverken som anvisats i avtalet, såsom avtalats (381/2023 10 §: annat avtal): sammanlagt ${totalFte} årsverken.`,
    headcount: (total) =>
      `Fördelning i proportion till antalet anställda som anvisats i avtalet (381/2023 10 §): sammanlagt ${total} personer.`,
    percentages: () => 'Fördelning enligt de procentandelar som avtalats (381/2023 10 §: annat avtal).',
    share: (org, rest, factor, exact, rounded, inexact) =>
      `${org}: ${rest} × ${factor} = ${exact}${inexact ? ` → nedåt till cent ${rounded}` : ''}.`,
    rounding: (floors, leftover, to, rest) =>
      `De nedåt avrundade andelarna är sammanlagt ${floors}; ${leftover} återstående cent ges till parterna med störst rest (${list(to, 'och')}), så andelarna blir exakt ${rest}.`,
    total: (kela, rest, total) => `Kontroll: ${kela} + ${rest} = ${total}.`,
  },
  en: {
    joint: (year, total) => `Joint costs for ${year}: ${total}.`,
    kelaAmount: (kela, amount) => `Kela (${kela}) pays the agreed amount of ${amount}.`,
    kelaShare: (kela, total, percent, amount) =>
      `Kela (${kela}) pays the agreed share: ${total} × ${percent} % = ${amount} (rounded to the cent).`,
    rest: (total, kela, rest) =>
      `Left to share between the employment authorities and the HVA: ${total} − ${kela} = ${rest}.`,
    proportional: (totalFte) =>
      `Shared in proportion to the full-time equivalents each committed, as agreed (381/2023 §10 lets the parties agree otherwise): ${totalFte} FTE in all.`,
    headcount: (total) =>
      `Shared in proportion to the number of staff each committed in the agreement (381/2023 §10): ${total} ${total === '1' ? 'person' : 'people'} in all.`,
    percentages: () =>
      'Shared by the percentages agreed in the agreement (381/2023 §10 lets the parties agree otherwise).',
    share: (org, rest, factor, exact, rounded, inexact) =>
      `${org}: ${rest} × ${factor} = ${exact}${inexact ? ` → rounded down to ${rounded}` : ''}.`,
    rounding: (floors, leftover, to, rest) =>
      `Rounded down, the shares come to ${floors}; the ${leftover} cent${leftover > 1 ? 's' : ''} left over go${leftover > 1 ? '' : 'es'} to the largest remainder${to.length > 1 ? 's' : ''} (${list(to, 'and')}), so the shares add up to exactly ${rest}.`,
    total: (kela, rest, total) => `Check: ${kela} + ${rest} = ${total}.`,
  },
};
