import { PromotionPipelineContents } from './pipelines';

/**
 * A cycle among the transitions, as the environments along it (first one repeated at the
 * end), or undefined. Depth-first search with colours; shared so the editor refuses a cycle
 * with the same words the API would answer.
 */
export function findCycle(
  transitions: ReadonlyArray<{ from: string; to: string }>,
): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const t of transitions) next.set(t.from, [...(next.get(t.from) ?? []), t.to]);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    path.push(node);
    for (const to of next.get(node) ?? []) {
      if (state.get(to) === 'open') return [...path.slice(path.indexOf(to)), to];
      if (!state.has(to)) {
        const found = visit(to);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of next.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return undefined;
}

export function describeCycle(cycle: string[]): string {
  return `the pipeline has a cycle: ${cycle.join(' → ')}`;
}

/**
 * Every rule a pipeline's graph breaks, one sentence each naming the place: duplicate stage,
 * unknown environment, transition to or from a stage not in the pipeline, self-loop,
 * duplicate edge, cycle. `knownEnvironments` undefined skips the environment check.
 */
export function pipelineProblems(
  pipeline: PromotionPipelineContents,
  knownEnvironments?: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const stages = new Set<string>();
  pipeline.stages.forEach((stage, i) => {
    if (stages.has(stage.environment)) {
      problems.push(`stages[${i}]: duplicate stage '${stage.environment}'`);
    }
    stages.add(stage.environment);
    if (knownEnvironments && !knownEnvironments.has(stage.environment)) {
      problems.push(
        `stages[${i}].environment: unknown environment '${stage.environment}' — known environments: ${[
          ...knownEnvironments,
        ].join(', ')}`,
      );
    }
  });
  const edges = new Set<string>();
  pipeline.transitions.forEach((t, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!stages.has(t[end])) {
        problems.push(`transitions[${i}].${end}: '${t[end]}' is not a stage of this pipeline`);
      }
    }
    if (t.from === t.to) {
      problems.push(`transitions[${i}]: '${t.from}' → '${t.to}' is a self-loop`);
    }
    const key = `${t.from}\u0000${t.to}`;
    if (edges.has(key)) {
      problems.push(`transitions[${i}]: duplicate transition '${t.from}' → '${t.to}'`);
    }
    edges.add(key);
  });
  const cycle = findCycle(pipeline.transitions.filter(t => t.from !== t.to));
  if (cycle) problems.push(describeCycle(cycle));
  return problems;
}
