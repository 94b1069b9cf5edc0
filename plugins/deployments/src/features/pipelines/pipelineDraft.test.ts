import { applyDraftAction, sameDraft, startingPipeline } from './pipelineDraft';
import { autoLayout, positionsOf } from './pipelineLayout';

const draft = {
  stages: [
    { environment: 'dev' },
    { environment: 'staging' },
    { environment: 'production' },
  ],
  transitions: [
    { from: 'dev', to: 'staging', requiredApprovals: 0 },
    { from: 'staging', to: 'production', requiredApprovals: 2 },
  ],
};
const edge = (from: string, to: string) => ({ from, to, requiredApprovals: 0 });

describe('applyDraftAction', () => {
  it.each([
    [
      'a cycle',
      edge('production', 'dev'),
      'the pipeline has a cycle: dev → staging → production → dev',
    ],
    ['a self-loop', edge('dev', 'dev'), "'dev' → 'dev' is a self-loop"],
    [
      'a duplicate edge',
      edge('dev', 'staging'),
      "duplicate transition 'dev' → 'staging'",
    ],
  ])('refuses connecting %s', (_name, transition, refused) => {
    expect(applyDraftAction(draft, { type: 'connect', transition })).toEqual({
      refused,
    });
  });

  it('connects a parallel path', () => {
    const result = applyDraftAction(draft, {
      type: 'connect',
      transition: edge('dev', 'production'),
    });
    expect('draft' in result && result.draft.transitions).toHaveLength(3);
  });

  it('removes a stage with its transitions', () => {
    const result = applyDraftAction(draft, {
      type: 'removeStage',
      environment: 'staging',
    });
    expect(result).toEqual({
      draft: {
        stages: [{ environment: 'dev' }, { environment: 'production' }],
        transitions: [],
      },
    });
  });

  it('refuses a stage twice', () => {
    expect(
      applyDraftAction(draft, { type: 'addStage', environment: 'dev' }),
    ).toEqual({
      refused: "'dev' is already a stage of this pipeline",
    });
  });
});

describe('startingPipeline', () => {
  it('chains the environments in their order', () => {
    expect(
      startingPipeline([
        { name: 'production', order: 4, tier: 'production' },
        { name: 'dev', order: 1, tier: 'development' },
        { name: 'test', order: 2, tier: 'testing' },
        { name: 'staging', order: 3, tier: 'staging' },
      ]).transitions.map(t => [t.from, t.to, t.requiredApprovals]),
    ).toEqual([
      ['dev', 'test', 0],
      ['test', 'staging', 0],
      ['staging', 'production', 1],
    ]);
  });
});

describe('layout', () => {
  it('lays stages out left to right along the transitions', () => {
    const positions = autoLayout(draft);
    expect(positions.dev.x).toBeLessThan(positions.staging.x);
    expect(positions.staging.x).toBeLessThan(positions.production.x);
  });

  it('keeps saved positions and places the others', () => {
    const positions = positionsOf({
      ...draft,
      stages: [
        { environment: 'dev', position: { x: 7, y: 9 } },
        ...draft.stages.slice(1),
      ],
    });
    expect(positions.dev).toEqual({ x: 7, y: 9 });
    expect(positions.production).toBeDefined();
  });

  it('tells drafts apart by positions too', () => {
    expect(sameDraft(draft, { ...draft })).toBe(true);
    expect(
      sameDraft(draft, {
        ...draft,
        stages: [{ environment: 'dev', position: { x: 1, y: 1 } }],
      }),
    ).toBe(false);
  });
});
