import dagre from '@dagrejs/dagre';
import { StagePosition } from '@shipgate/plugin-deployments-common';
import { PipelineDraft } from './pipelineDraft';

export const STAGE_WIDTH = 220;
export const STAGE_HEIGHT = 110;

/** Positions for every stage, left to right along the transitions (dagre). */
export function autoLayout(
  draft: PipelineDraft,
): Record<string, StagePosition> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90 });
  graph.setDefaultEdgeLabel(() => ({}));
  draft.stages.forEach(s =>
    graph.setNode(s.environment, { width: STAGE_WIDTH, height: STAGE_HEIGHT }),
  );
  draft.transitions.forEach(t => graph.setEdge(t.from, t.to));
  dagre.layout(graph);
  const positions: Record<string, StagePosition> = {};
  draft.stages.forEach(s => {
    const node = graph.node(s.environment);
    // dagre gives centres; the flow places nodes by their top-left corner.
    positions[s.environment] = {
      x: Math.round(node.x - STAGE_WIDTH / 2),
      y: Math.round(node.y - STAGE_HEIGHT / 2),
    };
  });
  return positions;
}

/** Saved positions where there are some, dagre's for the stages that have none yet. */
export function positionsOf(
  draft: PipelineDraft,
): Record<string, StagePosition> {
  const missing = draft.stages.some(s => !s.position);
  const laid = missing ? autoLayout(draft) : {};
  return Object.fromEntries(
    draft.stages.map(s => [s.environment, s.position ?? laid[s.environment]]),
  );
}
