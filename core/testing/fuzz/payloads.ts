import type { z } from 'zod';
import type { Random } from './random.ts';

/**
 * IPC payloads for fuzzing the contract: a sample that fits a channel's input schema (so handlers are
 * reached), then damage to it. Leaves are drawn from a pool of strings and numbers that the caller makes
 * meaningful (real volume, scan and workspace ids, paths in a temporary folder) and kept only when the
 * leaf's own schema accepts them, so ids with patterns come out valid.
 */
export interface LeafPool {
  readonly strings: readonly string[];
  readonly numbers: readonly number[];
}

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly items?: readonly z.ZodType[];
  readonly options?: readonly z.ZodType[];
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly unknown[];
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A value that fits `schema` as far as the pool allows (regex-checked strings need a fitting pool entry). */
export function sampleOf(schema: z.ZodType, random: Random, pool: LeafPool, depth = 0): unknown {
  const def = defOf(schema);
  const fitting = <T>(candidates: readonly T[]): T | undefined => {
    const ok = candidates.filter((c) => schema.safeParse(c).success);
    return ok.length > 0 ? random.pick(ok) : undefined;
  };
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(def.shape ?? {})) {
        const optional = defOf(inner).type === 'optional';
        if (optional && random.chance(0.5)) continue;
        out[key] = sampleOf(inner, random, pool, depth + 1);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: depth > 3 ? 1 : random.between(1, 3) }, () => sampleOf(def.element!, random, pool, depth + 1));
    case 'tuple':
      return (def.items ?? []).map((item) => sampleOf(item, random, pool, depth + 1));
    case 'union':
      return sampleOf(random.pick(def.options!), random, pool, depth + 1);
    case 'enum':
      return random.pick(Object.values(def.entries!));
    case 'literal':
      return random.pick(def.values!);
    case 'optional':
    case 'readonly':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'nonoptional':
      return sampleOf(def.innerType!, random, pool, depth + 1);
    case 'nullable':
      return random.chance(0.2) ? null : sampleOf(def.innerType!, random, pool, depth + 1);
    case 'pipe':
      return sampleOf(def.in!, random, pool, depth + 1);
    case 'lazy':
      return depth > 4 ? null : sampleOf(def.getter!(), random, pool, depth + 1);
    case 'record':
      return { [random.pick(pool.strings)]: sampleOf(def.valueType!, random, pool, depth + 1) };
    case 'boolean':
      return random.chance(0.5);
    case 'null':
      return null;
    case 'number':
      return fitting(pool.numbers) ?? random.pick(pool.numbers);
    case 'string':
      return fitting(pool.strings) ?? random.pick(pool.strings);
    default:
      return hostileValue(random);
  }
}

/** Values a compromised or buggy renderer could send through structured clone or JSON. */
export function hostileValue(random: Random): unknown {
  switch (random.int(24)) {
    case 0: return null;
    case 1: return undefined;
    case 2: return random.chance(0.5);
    case 3: return random.pick([NaN, Infinity, -Infinity, -0]);
    case 4: return random.pick([1e308, -1e308, 2 ** 53 + 1, -(2 ** 31), 2 ** 32, 0.5, 1e-320]);
    case 5: return '';
    case 6: return 'x'.repeat(random.pick([257, 4097, 100_000]));
    case 7: return random.pick(['\0', 'a\0b', '/tmp/x\0.dcm']);
    // Paths nothing can be written to or created under: a valid export payload with `force` writes where it is told.
    case 8: return random.pick(['../../../../../../../proc/nonexistent/passwd', '/dev/zero', '/dev/urandom', '/proc/nonexistent/delineate']);
    case 9: return random.pick(['\u202e\u0000', '\ud800', '<img src=x onerror=alert(1)>', '${process.exit()}', '%s%s%n']);
    case 10: return {};
    case 11: return [];
    case 12: return nested(random.pick([10, 1000, 5000]));
    case 13: return JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}') as unknown;
    case 14: return Array.from({ length: random.pick([1000, 100_000]) }, () => 0);
    case 15: return new Date(0);
    case 16: return new Map([['a', 1]]);
    case 17: return new Uint8Array(16);
    case 18: return BigInt(7);
    case 19: return random.int(1 << 30) - (1 << 29);
    case 20: return 'vol-0000000000000000';
    case 21: return { length: 2 ** 32 - 1 };
    case 22: return [null, undefined, NaN];
    default: return String.fromCharCode(...random.bytes(random.int(40)));
  }
}

/** Arrays and objects nested `depth` deep, alternately. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let n = 0; n < depth; n++) value = n % 2 === 0 ? [value] : { a: value };
  return value;
}

/** A sample with one kind of damage: a leaf replaced, a key dropped or added, or the whole payload replaced. */
export function damage(payload: unknown, random: Random): unknown {
  const roll = random.int(10);
  if (roll === 0 || typeof payload !== 'object' || payload === null) return hostileValue(random);
  const copy = clone(payload) as Record<string, unknown>;
  const paths = leafPaths(copy);
  if (roll === 1 || paths.length === 0) {
    copy[random.pick(['extra', '__proto__', 'constructor', 'then', 'toString'])] = hostileValue(random);
    return copy;
  }
  const path = random.pick(paths);
  let parent: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (roll === 2 && !Array.isArray(parent)) delete parent[last];
  else parent[last] = hostileValue(random);
  return copy;
}

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return prefix.length > 0 ? [prefix] : [];
  const inner = Object.keys(value).flatMap((key) => leafPaths((value as Record<string, unknown>)[key], [...prefix, key]));
  return prefix.length > 0 ? [prefix, ...inner] : inner;
}

/** A deep copy of a sampled payload (plain objects, arrays and primitives only, as sampleOf makes). */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  return value;
}
