import { useEffect, useMemo, useState } from 'react';
import {
  Background,
  Controls,
  Edge,
  MarkerType,
  ReactFlow,
  applyNodeChanges,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import Box from '@material-ui/core/Box';
import {
  EnvironmentOverview,
  PipelineTransition,
  Workload,
} from '@shipgate/plugin-deployments-common';
import { DraftAction, PipelineDraft } from './pipelineDraft';
import { positionsOf } from './pipelineLayout';
import { StageNode, StageNodeType } from './StageNode';

// Outside the component: React Flow re-mounts every node when nodeTypes changes identity.
const nodeTypes = { stage: StageNode };

/** How an edge reads: its approvals, and its soak time when there is one. */
export function transitionLabel(t: PipelineTransition): string {
  const approvals =
    t.requiredApprovals === 0
      ? 'auto'
      : `${t.requiredApprovals} approval${
          t.requiredApprovals === 1 ? '' : 's'
        }`;
  return t.soakMinutes ? `${approvals} · soak ${t.soakMinutes} min` : approvals;
}

export interface PipelineGraphProps {
  draft: PipelineDraft;
  environments: EnvironmentOverview[];
  /** The version live in each environment. */
  versions: Record<string, string>;
  /** A System's pipeline: each environment's workloads (component → version). */
  workloads?: Record<string, Record<string, Workload>>;
  editing: boolean;
  dispatch?: (actions: DraftAction | DraftAction[]) => void;
  onEditTransition?: (transition: PipelineTransition) => void;
  /** Read-only view: promote from a stage (shown on stages that transitions leave). */
  onPromote?: (environment: string) => void;
  /** Pending releases by target stage, with their "Deploy now". */
  pendingReleases?: Record<string, { id: number; onDeploy: () => void }>;
  height?: number;
}

/**
 * The pipeline drawn with React Flow. Nodes live in local state so that a drag moves them at
 * once; the drop is one editing step (the draft keeps positions, so undo puts a node back).
 */
export function PipelineGraph(props: PipelineGraphProps) {
  const { draft, environments, versions, editing, dispatch, onEditTransition } =
    props;
  const { onPromote, pendingReleases, workloads } = props;
  const [nodes, setNodes] = useState<StageNodeType[]>([]);

  useEffect(() => {
    const positions = positionsOf(draft);
    const details = new Map(environments.map(e => [e.name, e]));
    const onDelete = (environment: string) =>
      dispatch?.({ type: 'removeStage', environment });
    setNodes(previous => {
      const byId = new Map(previous.map(n => [n.id, n]));
      return draft.stages.map(stage => ({
        ...byId.get(stage.environment),
        id: stage.environment,
        type: 'stage' as const,
        position: positions[stage.environment],
        draggable: editing,
        connectable: editing,
        deletable: editing,
        data: {
          environment: stage.environment,
          details: details.get(stage.environment),
          version: versions[stage.environment],
          workloads: workloads?.[stage.environment],
          editing,
          onDelete: editing ? onDelete : undefined,
          onPromote:
            onPromote &&
            draft.transitions.some(t => t.from === stage.environment)
              ? onPromote
              : undefined,
          pendingRelease: pendingReleases?.[stage.environment],
        },
      }));
    });
  }, [
    draft,
    environments,
    versions,
    workloads,
    editing,
    dispatch,
    onPromote,
    pendingReleases,
  ]);

  const edges = useMemo<Edge[]>(
    () =>
      draft.transitions.map(t => ({
        id: `${t.from}->${t.to}`,
        source: t.from,
        target: t.to,
        label: transitionLabel(t),
        markerEnd: { type: MarkerType.ArrowClosed },
        deletable: editing,
        data: t as unknown as Record<string, unknown>,
      })),
    [draft.transitions, editing],
  );

  return (
    <Box height={props.height ?? 420} data-testid="pipeline-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={changes =>
          setNodes(current => applyNodeChanges(changes, current))
        }
        onNodeDragStop={(_event, _node, dragged) =>
          dispatch?.({
            type: 'move',
            positions: Object.fromEntries(dragged.map(n => [n.id, n.position])),
          })
        }
        onConnect={connection =>
          dispatch?.({
            type: 'connect',
            transition: {
              from: connection.source,
              to: connection.target,
              requiredApprovals: 0,
              soakMinutes: 0,
            },
          })
        }
        // React Flow turns pointer events off on nodes that are neither selectable nor
        // draggable unless they take clicks; the read-only graph's buttons need them.
        onNodeClick={() => undefined}
        onEdgeClick={(_event, edge) =>
          editing &&
          onEditTransition?.(edge.data as unknown as PipelineTransition)
        }
        onDelete={({ nodes: removedNodes, edges: removedEdges }) =>
          dispatch?.([
            ...removedNodes.map(n => ({
              type: 'removeStage' as const,
              environment: n.id,
            })),
            ...removedEdges.map(e => ({
              type: 'removeTransition' as const,
              from: e.source,
              to: e.target,
            })),
          ])
        }
        nodesDraggable={editing}
        nodesConnectable={editing}
        elementsSelectable={editing}
        deleteKeyCode={editing ? ['Backspace', 'Delete'] : null}
        fitView
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </Box>
  );
}
