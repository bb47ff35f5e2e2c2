/**
 * What changed between two versions of a record, field by field, for a history a person reads:
 * each leaf that differs, by its path ("claims.1.casualties.0.killed.high"), with its value
 * before and after (undefined where the field did not exist). Arrays are compared by position,
 * except arrays of objects with an `id` (claims), which are matched by id, so that inserting a
 * claim does not show every later claim as changed.
 */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyed = (v: unknown[]): v is { id: string }[] => v.length > 0 && v.every((x) => isObject(x) && typeof x.id === 'string');

export function diffRecords(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    if (keyed(before) && keyed(after)) {
      const out: FieldChange[] = [];
      const was = new Map(before.map((x) => [x.id, x]));
      const now = new Map(after.map((x) => [x.id, x]));
      for (const [id, x] of now) out.push(...diffRecords(was.get(id), x, join(path, id)));
      for (const [id, x] of was) if (!now.has(id)) out.push({ path: join(path, id), before: x, after: undefined });
      return out;
    }
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...diffRecords(before[i], after[i], join(path, String(i))));
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffRecords(before[k], after[k], join(path, k)));
  }
  return [{ path, before, after }];
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
