import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DeploymentStatus,
  Environment,
  productNameOf,
} from '@shipgate/plugin-deployments-common';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { NewDeployment } from '../deployments/DeploymentRecord';
import { EnvironmentConfigStore } from '../environmentConfig/EnvironmentConfigStore';

const DAY = 24 * 60 * 60 * 1000;
const PEOPLE = ['devon', 'remy', 'sasha', 'ci'];
/** How the newest release ended where it stopped, by product: some went wrong, some are still going. */
const FRONTIER_STATUSES: DeploymentStatus[] = ['success', 'failed', 'running'];

/**
 * Example history for the demo portal: three weeks of releases of every product climbing
 * the environments, so that the matrix shows all four states on first start. Runs only when
 * `deployments.demoData` is on and nothing has been recorded yet.
 */
export class DemoHistorySeeder {
  constructor(
    private readonly deployments: DeploymentStore,
    private readonly logger: LoggerService,
    /** Told of each environment's newest successful release, as ingestion would be. */
    private readonly configs?: EnvironmentConfigStore,
  ) {}

  async seedIfEmpty(
    productRefs: string[],
    environments: Environment[],
    now = new Date(),
  ) {
    if (productRefs.length === 0 || (await this.deployments.count()) > 0)
      return 0;
    const records = productRefs.flatMap((ref, index) =>
      this.historyOf(ref, index, environments, now.getTime()),
    );
    records.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const count = await this.deployments.insertHistory(records);
    await this.moveConfigVersions(records);
    this.logger.info(
      `Seeded ${count} example deployments for ${productRefs.length} products`,
    );
    return count;
  }

  /**
   * History is inserted as it was, past the deployment gates, so the environment
   * configurations (what pipelines and a System's workloads read) are set here to each
   * environment's newest successful version, as recording those deployments would have.
   */
  private async moveConfigVersions(records: NewDeployment[]) {
    if (!this.configs) return;
    const live = new Map<string, NewDeployment>();
    for (const record of records) {
      if (record.status === 'success') live.set(`${record.product}|${record.environment}`, record);
    }
    for (const record of live.values()) {
      await this.configs.write(record.product, record.environment, {
        version: record.version,
        variables: {},
        source: 'deployment',
        changedBy: record.deployedBy,
        now: record.finishedAt ?? record.createdAt,
      });
    }
  }

  private historyOf(
    product: string,
    index: number,
    environments: Environment[],
    now: number,
  ): NewDeployment[] {
    const name = productNameOf(product);
    const records: NewDeployment[] = [];
    const releases = 4;
    for (let release = 0; release < releases; release++) {
      const version = `1.${index + 1}.${release}`;
      const sha = (name.length * 7919 + release * 104729 + index * 31)
        .toString(16)
        .padStart(8, '0');
      const releasedAt =
        now - (releases - release) * 5 * DAY - index * 3_600_000;
      environments.forEach((environment, step) => {
        const last = release === releases - 1;
        // One product in five is new and has not reached production yet.
        if (index % 5 === 4 && environment.tier === 'production') return;
        // The newest release has not reached every environment yet, and some went wrong.
        if (last && step > index % environments.length) return;
        const frontier = last && step === index % environments.length;
        const status: DeploymentStatus = frontier
          ? FRONTIER_STATUSES[index % FRONTIER_STATUSES.length]
          : 'success';
        const createdAt = new Date(releasedAt + step * DAY);
        const finished = status !== 'running';
        records.push({
          product,
          version,
          environment: environment.name,
          status,
          blockedReason: null,
          ref: 'main',
          sha: `${sha}${'0'.repeat(32)}`,
          tag: `v${version}`,
          deployedBy: PEOPLE[(index + step) % PEOPLE.length],
          buildUrl: `https://ci.example.com/${name}/builds/${
            100 + release * 10 + step
          }`,
          extraMetadata: { deployment_duration_seconds: 60 + step * 30 },
          deploymentRequestId: null,
          createdAt: createdAt.toISOString(),
          startedAt: createdAt.toISOString(),
          finishedAt: finished
            ? new Date(createdAt.getTime() + 120_000).toISOString()
            : null,
        });
      });
    }
    return records;
  }
}
