import { useCallback, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import {
  ProductEnvironmentConfigs,
  PromotionPipeline,
  isSystemRef,
} from '@shipgate/plugin-deployments-common';
import { workloadsByEnvironment } from '../systems/workloadsByEnvironment';
import { EnvironmentConfigCard } from '../environmentConfig/EnvironmentConfigCard';
import { PromoteDialog } from '../promotions/PromoteDialog';
import { PromotionHistory } from '../promotions/PromotionHistory';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { deploymentsApiRef } from '../../api';
import { PipelineEditor } from './PipelineEditor';
import { PipelineGraph } from './PipelineGraph';
import { PipelineDraft, startingPipeline } from './pipelineDraft';

const contentsOf = (pipeline: PromotionPipeline): PipelineDraft => ({
  stages: pipeline.stages,
  transitions: pipeline.transitions,
});

/**
 * The Pipeline tab of a product: its promotion pipeline as a graph, read-only for everyone,
 * editable for those who may manage it; an empty pipeline offers a starting point built from
 * the environments' order.
 */
export function EntityPipelineContent() {
  const { entity } = useEntity();
  const product = stringifyEntityRef(entity);
  const api = useApi(deploymentsApiRef);
  const [editing, setEditing] = useState<PipelineDraft>();
  const [changedConfigs, setChangedConfigs] =
    useState<ProductEnvironmentConfigs>();
  const [saved, setSaved] = useState<PromotionPipeline>();
  const [refreshKey, setRefreshKey] = useState(0);
  const [promoting, setPromoting] = useState<string>();
  const [deployError, setDeployError] = useState<unknown>();
  const refresh = useCallback(() => {
    setChangedConfigs(undefined);
    setRefreshKey(k => k + 1);
  }, []);

  const loaded = useAsyncRetry(async () => {
    const [pipeline, environments, configs, releases, matrix] =
      await Promise.all([
        api.getPipeline(product),
        api.listEnvironments(),
        api.listEnvironmentConfigs(product),
        api.listPromotions(product, {
          status: 'pending_release',
          per_page: 100,
        }),
        // The live versions are a nicety: the graph still shows without them. A System's
        // come from its configuration's workloads.
        isSystemRef(product)
          ? undefined
          : api.getMatrix({ product }).catch(() => undefined),
      ]);
    const deployed: Record<string, string> = {};
    for (const [env, cell] of Object.entries(matrix?.rows[0]?.cells ?? {})) {
      deployed[env] = cell.version;
    }
    return {
      pipeline,
      environments,
      configs,
      deployed,
      releases: releases.items,
    };
  }, [api, product, refreshKey]);

  const configs = changedConfigs ?? loaded.value?.configs;
  // The configuration's version where there is one, else the matrix's last deployment.
  const versions = useMemo(() => {
    const result: Record<string, string> = { ...loaded.value?.deployed };
    for (const c of configs?.environments ?? [])
      if (c.version) result[c.environment] = c.version;
    return result;
  }, [loaded.value, configs]);

  const workloads = useMemo(() => workloadsByEnvironment(configs), [configs]);

  const pipeline = saved ?? loaded.value?.pipeline;
  const releases = loaded.value?.releases;
  const pendingReleases = useMemo(
    () =>
      Object.fromEntries(
        (releases ?? []).map(p => [
          p.target,
          {
            id: p.id,
            onDeploy: () =>
              api.deployPromotion(p.id).then(() => {
                setDeployError(undefined);
                refresh();
              }, setDeployError),
          },
        ]),
      ),
    [releases, api, refresh],
  );
  // One object per saved pipeline: the graph redraws its nodes when the draft changes.
  const draft = useMemo(() => pipeline && contentsOf(pipeline), [pipeline]);

  if (loaded.loading && !loaded.value) return <Progress />;
  if (loaded.error) return <ResponseErrorPanel error={loaded.error} />;
  if (!pipeline || !draft || !configs) return null;
  const { environments } = loaded.value!;

  if (editing) {
    return (
      <InfoCard title="Edit promotion pipeline">
        <PipelineEditor
          product={product}
          initial={editing}
          saved={draft}
          environments={environments}
          versions={versions}
          workloads={workloads}
          onCancel={() => setEditing(undefined)}
          onSaved={next => {
            setSaved(next);
            setEditing(undefined);
          }}
        />
      </InfoCard>
    );
  }

  if (pipeline.stages.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No pipeline yet"
        description={
          pipeline.canManage
            ? 'Start from the environments in their configured order, then edit and save.'
            : 'An admin, a release manager or an owner of this product can set up its promotion pipeline.'
        }
        action={
          pipeline.canManage ? (
            <Button
              color="primary"
              variant="contained"
              onClick={() => setEditing(startingPipeline(environments))}
            >
              Start from environment order
            </Button>
          ) : undefined
        }
      />
    );
  }

  return (
    <>
      <InfoCard
        title="Promotion pipeline"
        action={
          pipeline.canManage ? (
            <Button variant="outlined" onClick={() => setEditing(draft)}>
              Edit pipeline
            </Button>
          ) : undefined
        }
      >
        {!pipeline.canManage && (
          <Typography variant="body2" color="textSecondary">
            Read-only: admins, release managers and the product's owners manage
            this pipeline.
          </Typography>
        )}
        {deployError !== undefined && (
          <ServerErrorAlert
            error={deployError}
            prefix="Could not deploy the release"
          />
        )}
        <PipelineGraph
          draft={draft}
          environments={environments}
          versions={versions}
          workloads={workloads}
          editing={false}
          onPromote={setPromoting}
          pendingReleases={pendingReleases}
        />
        {promoting && (
          <PromoteDialog
            product={product}
            source={promoting}
            transitions={draft.transitions.filter(t => t.from === promoting)}
            onClose={() => setPromoting(undefined)}
            onDone={() => {
              setPromoting(undefined);
              refresh();
            }}
          />
        )}
      </InfoCard>
      <Box mt={2}>
        <EnvironmentConfigCard
          product={product}
          configs={configs}
          environments={draft.stages.map(s => s.environment)}
          onChanged={config =>
            setChangedConfigs({
              ...configs,
              environments: configs.environments.map(c =>
                c.environment === config.environment ? config : c,
              ),
            })
          }
        />
      </Box>
      <Box mt={2}>
        <PromotionHistory
          product={product}
          environments={draft.stages.map(s => s.environment)}
          refreshKey={refreshKey}
          onChanged={refresh}
        />
      </Box>
    </>
  );
}
