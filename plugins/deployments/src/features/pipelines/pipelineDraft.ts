import {
  PipelineStage,
  PipelineTransition,
  PromotionPipelineContents,
  StagePosition,
  describeCycle,
  findCycle,
} from '@shipgate/plugin-deployments-common';

/** The pipeline as the editor holds it before saving. */
export type PipelineDraft = PromotionPipelineContents;

export type DraftAction =
  | { type: 'addStage'; environment: string; position?: StagePosition }
  | { type: 'removeStage'; environment: string }
  | { type: 'connect'; transition: PipelineTransition }
  | { type: 'setTransition'; transition: PipelineTransition }
  | { type: 'removeTransition'; from: string; to: string }
  | { type: 'move'; positions: Record<string, StagePosition> };

/** The draft after an action, or why the editor refuses it (the draft stays as it was). */
export type DraftResult = { draft: PipelineDraft } | { refused: string };

const sameEdge = (t: { from: string; to: string }, from: string, to: string) =>
  t.from === from && t.to === to;

/**
 * One editing step. Connecting is refused with the API's own words when it would make a
 * self-loop, a duplicate edge or a cycle, so a broken graph never reaches "Save".
 */
export function applyDraftAction(
  draft: PipelineDraft,
  action: DraftAction,
): DraftResult {
  switch (action.type) {
    case 'addStage':
      if (draft.stages.some(s => s.environment === action.environment)) {
        return {
          refused: `'${action.environment}' is already a stage of this pipeline`,
        };
      }
      return {
        draft: {
          ...draft,
          stages: [
            ...draft.stages,
            action.position
              ? { environment: action.environment, position: action.position }
              : { environment: action.environment },
          ],
        },
      };
    case 'removeStage':
      return {
        draft: {
          stages: draft.stages.filter(
            s => s.environment !== action.environment,
          ),
          transitions: draft.transitions.filter(
            t => t.from !== action.environment && t.to !== action.environment,
          ),
        },
      };
    case 'connect': {
      const { from, to } = action.transition;
      if (from === to) return { refused: `'${from}' → '${to}' is a self-loop` };
      if (draft.transitions.some(t => sameEdge(t, from, to))) {
        return { refused: `duplicate transition '${from}' → '${to}'` };
      }
      const transitions = [...draft.transitions, action.transition];
      const cycle = findCycle(transitions);
      if (cycle) return { refused: describeCycle(cycle) };
      return { draft: { ...draft, transitions } };
    }
    case 'setTransition': {
      const { from, to } = action.transition;
      return {
        draft: {
          ...draft,
          transitions: draft.transitions.map(t =>
            sameEdge(t, from, to) ? action.transition : t,
          ),
        },
      };
    }
    case 'removeTransition':
      return {
        draft: {
          ...draft,
          transitions: draft.transitions.filter(
            t => !sameEdge(t, action.from, action.to),
          ),
        },
      };
    case 'move':
      return {
        draft: {
          ...draft,
          stages: draft.stages.map(s =>
            action.positions[s.environment]
              ? { ...s, position: action.positions[s.environment] }
              : s,
          ),
        },
      };
    default:
      return { draft };
  }
}

/**
 * A starting pipeline from the environments' order: each environment promotes to the next
 * (dev → test → staging → production), none needing approvals; production-tier targets ask
 * for one, which the user edits before saving.
 */
export function startingPipeline(
  environments: ReadonlyArray<{ name: string; order: number; tier: string }>,
): PipelineDraft {
  const ordered = [...environments].sort(
    (a, b) => a.order - b.order || a.name.localeCompare(b.name),
  );
  const stages: PipelineStage[] = ordered.map(e => ({ environment: e.name }));
  const transitions: PipelineTransition[] = ordered.slice(1).map((e, i) => ({
    from: ordered[i].name,
    to: e.name,
    requiredApprovals: e.tier === 'production' ? 1 : 0,
    soakMinutes: 0,
  }));
  return { stages, transitions };
}

/** Whether two drafts describe the same pipeline (positions included). */
export function sameDraft(a: PipelineDraft, b: PipelineDraft): boolean {
  const normal = (d: PipelineDraft) =>
    JSON.stringify({
      stages: d.stages.map(s => [
        s.environment,
        s.position?.x ?? null,
        s.position?.y ?? null,
      ]),
      transitions: d.transitions.map(t => [
        t.from,
        t.to,
        t.requiredApprovals,
        t.soakMinutes ?? 0,
      ]),
    });
  return normal(a) === normal(b);
}
