/** What a promotion does to one value of the target. */
export const DIFF_ACTIONS = ['update', 'add', 'remove', 'no_change'] as const;
export type DiffAction = (typeof DIFF_ACTIONS)[number];

export interface ValueDiff {
  source: string | null;
  target: string | null;
  action: DiffAction;
}

/** A variable's diff; `conflict` when the target changed it since its last promotion from this source. */
export interface VariableDiff extends ValueDiff {
  conflict: boolean;
}

/** Copying `source` over `target`: the action for one value (absent = null). */
export function diffValue(source: string | null, target: string | null): ValueDiff {
  let action: DiffAction;
  if (source === target) action = 'no_change';
  else if (source === null) action = 'remove';
  else if (target === null) action = 'add';
  else action = 'update';
  return { source, target, action };
}

/**
 * Every variable of either side, in name order, with what copying the source's variables
 * over the target's does to it. `lastPromoted` (the target's variables right after its last
 * promotion from this source) marks the keys the target changed since then.
 */
export function diffVariables(
  source: Record<string, string>,
  target: Record<string, string>,
  lastPromoted?: Record<string, string>,
): Record<string, VariableDiff> {
  const keys = [...new Set([...Object.keys(source), ...Object.keys(target)])].sort();
  const diff: Record<string, VariableDiff> = {};
  for (const key of keys) {
    const s = Object.prototype.hasOwnProperty.call(source, key) ? source[key] : null;
    const t = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : null;
    const last =
      lastPromoted && Object.prototype.hasOwnProperty.call(lastPromoted, key)
        ? lastPromoted[key]
        : null;
    diff[key] = { ...diffValue(s, t), conflict: lastPromoted !== undefined && t !== last };
  }
  return diff;
}
