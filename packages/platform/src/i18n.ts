export type Lang = 'fi' | 'sv' | 'en';
export const LANGS: readonly Lang[] = ['fi', 'sv', 'en'];
export type Localized = Record<Lang, string>;

/**
 * Picks fi, sv or en from an Accept-Language header (RFC 9110 §12.5.4), honouring q values;
 * regional tags (sv-FI, en-GB) match their language. Anything else falls back.
 */
export function negotiateLanguage(header: string | undefined, fallback: Lang): Lang {
  if (!header) return fallback;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const base = tag.trim().toLowerCase().split('-')[0] ?? '';
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if ((LANGS as readonly string[]).includes(base) && (!best || q > best.q))
      best = { lang: base as Lang, q };
  }
  return best?.lang ?? fallback;
}
