import { z } from 'zod';
import bundled from '../../resources/tg263/tg263.json' with { type: 'json' };

/** The bundled TG-263-derived name list (resources/tg263/tg263.json; see its "source" for what it is). */
export const Tg263List = z.object({
  source: z.string(),
  targets: z.array(z.string()),
  names: z.array(z.object({ name: z.string(), group: z.string(), description: z.string() })),
});
export type Tg263List = z.infer<typeof Tg263List>;

export const tg263: Tg263List = Tg263List.parse(bundled);

export interface NameCheck {
  readonly valid: boolean;
  /** What the name is under the rules; null when it is not valid. */
  readonly kind: 'organ' | 'prv' | 'partial' | 'target' | 'helper' | null;
  readonly message: string;
  /** Close valid names, best first (empty for valid names). */
  readonly suggestions: string[];
}

/**
 * Targets: a type, a classifier (p primary, n nodal, with an optional number), '!' for cropped, then '_'
 * parts: a dose in cGy (PTV_7000) or Gy (PTV_70Gy, PTV_50.4Gy), High/Mid/Low, Eval, or a word (CTV_Prostate).
 */
const targetPattern = /^(GTV|CTV|ITV|IGTV|ICTV|PTV)(p|n)?(\d{1,2})?!?(_(\d{3,5}|\d{1,3}(\.\d)?Gy|High|Mid|Low|Eval|[A-Z][A-Za-z0-9]*))*$/;
const prvPattern = /^(.+)_PRV(\d{2})?$/;

/** Common words for organs that are not the TG-263 spelling, as normalised keys. */
const synonyms: Record<string, string> = {
  cord: 'spinalcord',
  chiasm: 'opticchiasm',
  body: 'external',
  skinsurface: 'external',
  oesophagus: 'esophagus',
  thyroid: 'glndthyroid',
  mandible: 'bonemandible',
  submandibular: 'glndsubmand',
  constrictors: 'muscconstrict',
  femoralhead: 'femurhead',
  brainstemcore: 'brainstemcore',
  smallbowel: 'bowelsmall',
  largebowel: 'bowellarge',
  sigmoid: 'colonsigmoid',
  opticnerve: 'opticnrv',
  heartandpericardium: 'heart',
};

const lateralWords: Record<string, 'l' | 'r'> = { l: 'l', lt: 'l', left: 'l', r: 'r', rt: 'r', right: 'r' };

/** A name as comparable parts: letters and digits only, lower case, with its side taken out. */
function normalise(name: string): { base: string; side: 'l' | 'r' | null } {
  const words = name.split(/[\s_\-.]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean).map((w) => w.toLowerCase());
  let side: 'l' | 'r' | null = null;
  const kept = words.filter((word, n) => {
    const lateral = lateralWords[word];
    // A side word counts at either end only ("L Parotid", "Parotid_L", "Parotid Left").
    if (lateral && (n === 0 || n === words.length - 1) && words.length > 1) {
      side = lateral;
      return false;
    }
    return true;
  });
  const base = kept.join('').replace(/[^a-z0-9]/g, '');
  return { base: synonyms[base] ?? base, side };
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, n) => n);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** Says whether `name` follows TG-263 and, when not, which valid names are close. */
export function checkStructureName(name: string, list: Tg263List = tg263): NameCheck {
  const trimmed = name.trim();
  const names = new Set(list.names.map((n) => n.name));
  if (names.has(trimmed)) return { valid: true, kind: 'organ', message: `${trimmed} is a TG-263 name`, suggestions: [] };
  if (/^[z_]/.test(trimmed)) return { valid: true, kind: 'helper', message: `${trimmed} is a planning helper (not checked)`, suggestions: [] };
  if (targetPattern.test(trimmed)) return { valid: true, kind: 'target', message: `${trimmed} follows the TG-263 target rules`, suggestions: [] };
  const prv = prvPattern.exec(trimmed);
  if (prv && names.has(prv[1]!)) return { valid: true, kind: 'prv', message: `${trimmed} is a PRV of ${prv[1]}`, suggestions: [] };
  if (trimmed.endsWith('~') && names.has(trimmed.slice(0, -1))) {
    return { valid: true, kind: 'partial', message: `${trimmed} is a partial ${trimmed.slice(0, -1)}`, suggestions: [] };
  }
  const suggestions = suggest(trimmed, list);
  const hint = suggestions.length ? `; did you mean ${suggestions.slice(0, 3).join(', ')}?` : '';
  return { valid: false, kind: null, message: `${trimmed} is not a TG-263 name${hint}`, suggestions };
}

function suggest(name: string, list: Tg263List): string[] {
  const target = targetSuggestion(name);
  if (target) return [target];
  const wanted = normalise(name);
  const scored: { name: string; score: number }[] = [];
  for (const entry of list.names) {
    const candidate = normalise(entry.name);
    // A side in the name asks for that side; no side accepts either side and the both-sides name.
    if (wanted.side && candidate.side !== wanted.side) continue;
    let score = editDistance(wanted.base, candidate.base);
    if (wanted.base.length >= 4 && candidate.base.startsWith(wanted.base)) score = Math.min(score, 1);
    if (!wanted.side && candidate.side) score += 0.5;
    if (score <= Math.max(2, Math.floor(wanted.base.length / 3))) scored.push({ name: entry.name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, 5)
    .map((s) => s.name);
}

/** "ptv_high", "Gtv-P", "ctvn 2": the target spelled with TG-263 case and separators, when that is valid. */
function targetSuggestion(name: string): string | null {
  const match = /^(i?gtv|i?ctv|itv|ptv)\s*[-_ ]?\s*(p|n)?\s*(\d{0,2})(.*)$/i.exec(name.trim());
  if (!match) return null;
  const rest = match[4]!
    .split(/[\s_\-]+/)
    .filter(Boolean)
    .map((part) => (/^\d/.test(part) ? part.replace(/gy$/i, 'Gy') : part[0]!.toUpperCase() + part.slice(1).toLowerCase()));
  const candidate = `${match[1]!.toUpperCase()}${(match[2] ?? '').toLowerCase()}${match[3]}${rest.map((p) => `_${p}`).join('')}`;
  return targetPattern.test(candidate) ? candidate : null;
}
