import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import Alert from '@material-ui/lab/Alert';
import {
  EnvironmentOverview,
  PipelineTransition,
  PromotionPipeline,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { useServerAction } from '../../hooks/useServerAction';
import { AddStageDialog } from './AddStageDialog';
import { DiscardChangesDialog } from './DiscardChangesDialog';
import {
  PipelineGraph,
  PipelineGraphProps,
  transitionLabel,
} from './PipelineGraph';
import {
  DraftAction,
  PipelineDraft,
  applyDraftAction,
  sameDraft,
} from './pipelineDraft';
import { autoLayout, positionsOf } from './pipelineLayout';
import { TransitionDialog } from './TransitionDialog';

export interface PipelineEditorProps {
  product: string;
  initial: PipelineDraft;
  /** The pipeline as saved, to tell whether there are unsaved changes. */
  saved: PipelineDraft;
  environments: EnvironmentOverview[];
  versions: Record<string, string>;
  /** A System's workloads per environment, shown on its stages. */
  workloads?: PipelineGraphProps['workloads'];
  onSaved: (pipeline: PromotionPipeline) => void;
  onCancel: () => void;
}

type Editing = { draft: PipelineDraft; past: PipelineDraft[] };

/**
 * Edit mode of the Pipeline tab: add stages, connect them, set approvals, remove, undo, lay
 * out, save. Refused steps (a cycle, a duplicate) say why and leave the draft as it was.
 */
export function PipelineEditor(props: PipelineEditorProps) {
  const { product, environments, versions, onSaved, onCancel } = props;
  const api = useApi(deploymentsApiRef);
  const [state, setState] = useState<Editing>({
    draft: props.initial,
    past: [],
  });
  const current = useRef(state);
  current.current = state;
  const [refusal, setRefusal] = useState<string>();
  const [addingStage, setAddingStage] = useState(false);
  const [transitionDialog, setTransitionDialog] = useState<
    { transition?: PipelineTransition } | undefined
  >();

  const dirty = !sameDraft(state.draft, props.saved);

  // Leaving the page (reload, closing the tab) with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const dispatch = useCallback((actions: DraftAction | DraftAction[]) => {
    let draft = current.current.draft;
    for (const action of Array.isArray(actions) ? actions : [actions]) {
      const result = applyDraftAction(draft, action);
      if ('refused' in result) {
        setRefusal(result.refused);
        return false;
      }
      draft = result.draft;
    }
    setRefusal(undefined);
    const previous = current.current;
    const next = {
      draft,
      past: [...previous.past, previous.draft].slice(-100),
    };
    current.current = next;
    setState(next);
    return true;
  }, []);

  const undo = () => {
    const { past } = current.current;
    if (!past.length) return;
    const next = { draft: past[past.length - 1], past: past.slice(0, -1) };
    current.current = next;
    setState(next);
    setRefusal(undefined);
  };

  // Leaving with unsaved changes asks first; with none it just leaves.
  const [discarding, setDiscarding] = useState(false);
  const cancel = () => (dirty ? setDiscarding(true) : onCancel());

  const {
    run: save,
    busy: saving,
    error: saveError,
  } = useServerAction(async () => {
    // Stages keep where they are drawn, including those placed by the automatic layout.
    const positions = positionsOf(state.draft);
    const body = {
      stages: state.draft.stages.map(s => ({
        environment: s.environment,
        position: positions[s.environment],
      })),
      transitions: state.draft.transitions,
    };
    onSaved(await api.savePipeline(product, body));
  });

  const stageNames = state.draft.stages.map(s => s.environment);
  const available = environments.filter(e => !stageNames.includes(e.name));

  return (
    <Box>
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }} mb={1}>
        <Button variant="outlined" onClick={() => setAddingStage(true)}>
          Add stage
        </Button>
        <Button
          variant="outlined"
          disabled={stageNames.length < 2}
          onClick={() => setTransitionDialog({})}
        >
          Add transition
        </Button>
        <Button variant="outlined" disabled={!state.past.length} onClick={undo}>
          Undo
        </Button>
        <Button
          variant="outlined"
          disabled={!stageNames.length}
          onClick={() =>
            dispatch({ type: 'move', positions: autoLayout(state.draft) })
          }
        >
          Auto layout
        </Button>
        <Box flexGrow={1} />
        <Button onClick={cancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving}
          onClick={save}
        >
          {saving ? 'Saving…' : 'Save pipeline'}
        </Button>
      </Box>
      {dirty && (
        <Typography variant="caption" color="textSecondary" component="p">
          Unsaved changes
        </Typography>
      )}
      {refusal && (
        <Alert
          severity="warning"
          role="alert"
          onClose={() => setRefusal(undefined)}
        >
          Not added: {refusal}
        </Alert>
      )}
      {saveError !== undefined && (
        <ServerErrorAlert
          error={saveError}
          prefix="Could not save the pipeline"
        />
      )}
      <Typography variant="body2" color="textSecondary">
        Drag from a stage's right handle to another stage to connect them; click
        a transition to set its approvals; select and press Delete to remove.
      </Typography>
      <PipelineGraph
        draft={state.draft}
        environments={environments}
        versions={versions}
        workloads={props.workloads}
        editing
        dispatch={dispatch}
        onEditTransition={transition => setTransitionDialog({ transition })}
      />
      <Box mt={1}>
        <Typography variant="subtitle2">Stages</Typography>
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
          {stageNames.map(name => (
            <Chip
              key={name}
              label={name}
              onDelete={() =>
                dispatch({ type: 'removeStage', environment: name })
              }
              deleteIcon={<DeleteIcon aria-label={`Remove stage ${name}`} />}
            />
          ))}
        </Box>
        <Typography variant="subtitle2">Transitions</Typography>
        <List dense aria-label="Transitions">
          {state.draft.transitions.map(t => (
            <ListItem key={`${t.from}->${t.to}`}>
              <ListItemText
                primary={`${t.from} → ${t.to}`}
                secondary={transitionLabel(t)}
              />
              <ListItemSecondaryAction>
                <IconButton
                  aria-label={`Edit transition ${t.from} → ${t.to}`}
                  onClick={() => setTransitionDialog({ transition: t })}
                >
                  <EditIcon />
                </IconButton>
                <IconButton
                  aria-label={`Remove transition ${t.from} → ${t.to}`}
                  onClick={() =>
                    dispatch({
                      type: 'removeTransition',
                      from: t.from,
                      to: t.to,
                    })
                  }
                >
                  <DeleteIcon />
                </IconButton>
              </ListItemSecondaryAction>
            </ListItem>
          ))}
        </List>
      </Box>
      {addingStage && (
        <AddStageDialog
          available={available}
          onClose={() => setAddingStage(false)}
          onAdd={environment => {
            dispatch({ type: 'addStage', environment });
            setAddingStage(false);
          }}
        />
      )}
      <DiscardChangesDialog
        open={discarding}
        onKeepEditing={() => setDiscarding(false)}
        onDiscard={onCancel}
      />
      {transitionDialog && (
        <TransitionDialog
          transition={transitionDialog.transition}
          stages={stageNames}
          onClose={() => setTransitionDialog(undefined)}
          onSubmit={transition => {
            // A refused transition (a cycle, a duplicate) closes the dialog and says why.
            dispatch(
              transitionDialog.transition
                ? { type: 'setTransition', transition }
                : { type: 'connect', transition },
            );
            setTransitionDialog(undefined);
          }}
        />
      )}
    </Box>
  );
}
