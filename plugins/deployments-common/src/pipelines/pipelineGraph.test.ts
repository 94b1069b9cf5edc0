import { findCycle, pipelineProblems } from './pipelineGraph';

const stages = (...names: string[]) => names.map(environment => ({ environment }));
const edge = (from: string, to: string, requiredApprovals = 0) => ({ from, to, requiredApprovals });
const known = new Set(['dev', 'qa', 'staging', 'production']);

describe('pipelineProblems', () => {
  it.each([
    ['a line', stages('dev', 'staging', 'production'), [edge('dev', 'staging'), edge('staging', 'production', 2)], []],
    [
      'parallel paths',
      stages('dev', 'qa', 'staging', 'production'),
      [edge('dev', 'staging'), edge('dev', 'qa'), edge('staging', 'production', 2), edge('qa', 'production', 1)],
      [],
    ],
    ['no transitions', stages('dev'), [], []],
    [
      'a cycle',
      stages('dev', 'staging', 'production'),
      [edge('dev', 'staging'), edge('staging', 'production'), edge('production', 'dev')],
      ['the pipeline has a cycle: dev → staging → production → dev'],
    ],
    [
      'an unknown environment',
      stages('dev', 'mars'),
      [edge('dev', 'mars')],
      [
        "stages[1].environment: unknown environment 'mars' — known environments: dev, qa, staging, production",
      ],
    ],
    [
      'a transition to a stage not in the pipeline',
      stages('dev'),
      [edge('dev', 'qa')],
      ["transitions[0].to: 'qa' is not a stage of this pipeline"],
    ],
    [
      'a duplicate edge',
      stages('dev', 'qa'),
      [edge('dev', 'qa'), edge('dev', 'qa', 1)],
      ["transitions[1]: duplicate transition 'dev' → 'qa'"],
    ],
    ['a self-loop', stages('dev'), [edge('dev', 'dev')], ["transitions[0]: 'dev' → 'dev' is a self-loop"]],
    ['a duplicate stage', stages('dev', 'dev'), [], ["stages[1]: duplicate stage 'dev'"]],
  ])('%s', (_name, s, transitions, expected) => {
    expect(pipelineProblems({ stages: s, transitions }, known)).toEqual(expected);
  });
});

describe('findCycle', () => {
  it('finds a cycle reachable from a later root', () => {
    expect(findCycle([edge('a', 'b'), edge('c', 'd'), edge('d', 'c')])).toEqual(['c', 'd', 'c']);
  });
  it('accepts a diamond', () => {
    expect(findCycle([edge('a', 'b'), edge('a', 'c'), edge('b', 'd'), edge('c', 'd')])).toBeUndefined();
  });
});
