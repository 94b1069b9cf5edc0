import { Workload } from '@shipgate/plugin-deployments-common';
import { diffWorkloads, latestVersionSince } from './workloadDiff';

const w = (name: string, version: string | null, versionSince: string | null = null): [string, Workload] => [
  name,
  { product: `component:default/${name}`, version, versionSince },
];

describe('diffWorkloads', () => {
  it.each([
    ['a newer version', '2.0.0', '1.0.0', 'update'],
    ['the same version', '1.0.0', '1.0.0', 'no_change'],
    ['a component new to the target', '1.0.0', null, 'add'],
    ['a component the source never ran', null, '1.0.0', 'no_change'],
    ['a component neither runs', null, null, 'no_change'],
  ] as const)('%s: %p over %p is %s', (_name, source, target, action) => {
    const diff = diffWorkloads(Object.fromEntries([w('api', source)]), Object.fromEntries([w('api', target)]));
    expect(diff.api).toEqual({
      product: 'component:default/api',
      version: { source, target, action },
    });
  });

  it('lists every component of the source in name order', () => {
    const diff = diffWorkloads(Object.fromEntries([w('worker', '1'), w('api', '2')]), {});
    expect(Object.keys(diff)).toEqual(['api', 'worker']);
  });
});

describe('latestVersionSince', () => {
  it('is the newest version change of any component, or null', () => {
    expect(latestVersionSince(Object.fromEntries([w('a', '1', '2026-01-02T00:00:00.000Z'), w('b', '1', '2026-01-05T00:00:00.000Z'), w('c', null)]))).toBe('2026-01-05T00:00:00.000Z');
    expect(latestVersionSince(Object.fromEntries([w('a', null)]))).toBeNull();
  });
});
