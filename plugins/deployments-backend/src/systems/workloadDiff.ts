import {
  PromotionConflict,
  Workload,
  WorkloadDiff,
  diffValue,
} from '@shipgate/plugin-deployments-common';

/**
 * What promoting a System changes per component: the source's version over the target's.
 * A component with no version in the source keeps the target's (nothing to promote).
 */
export function diffWorkloads(
  source: Record<string, Workload>,
  target: Record<string, Workload>,
): Record<string, WorkloadDiff> {
  const diff: Record<string, WorkloadDiff> = {};
  for (const name of Object.keys(source).sort()) {
    const from = source[name].version;
    const to = target[name]?.version ?? null;
    diff[name] = {
      product: source[name].product,
      version: from === null ? { source: null, target: to, action: 'no_change' } : diffValue(from, to),
    };
  }
  return diff;
}

/** When the source last changed any component's version (soak time counts from there). */
export function latestVersionSince(workloads: Record<string, Workload>): string | null {
  const times = Object.values(workloads)
    .map(w => w.versionSince)
    .filter((t): t is string => t !== null)
    .sort();
  return times.length ? times[times.length - 1] : null;
}

/**
 * The seed's conflict indicators for a System's components: those whose version in the
 * target changed after the system's last promotion from this source (deployed there by hand).
 */
export function workloadConflicts(
  target: Record<string, Workload>,
  lastPromotedAt: string,
  names: { source: string; target: string },
): PromotionConflict[] {
  return Object.entries(target)
    .filter(([, w]) => w.versionSince !== null && Date.parse(w.versionSince) > Date.parse(lastPromotedAt))
    .map(([name, w]) => ({
      kind: 'target_changed_since_promotion' as const,
      message: `${name} changed in ${names.target} since its last promotion from ${names.source} (now ${w.version ?? 'none'})`,
    }));
}
