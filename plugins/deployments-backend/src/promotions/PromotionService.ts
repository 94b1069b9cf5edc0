import { ConflictError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  Page,
  Promotion,
  ProductSummary,
  isSystemRef,
  promotionQuerySchema,
  recordDeploymentBodySchema,
} from '@shipgate/plugin-deployments-common';
import { z } from 'zod';
import { ApprovalEngine } from '../approvals/ApprovalEngine';
import { ApprovalSubject } from '../approvals/ApprovalSubject';
import { DeploymentService } from '../deployments/DeploymentService';
import { EnvironmentConfigStore } from '../environmentConfig/EnvironmentConfigStore';
import { requireEnvironment } from '../environments/environmentChecks';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { ProductCaller, mayManageProduct } from '../pipelines/ProductCallers';
import { ProductCatalog } from '../products/ProductCatalog';
import { ReleaseOutcome, SystemPromotions } from '../systems/SystemPromotions';
import { PromotionDecisionResult, PromotionExecution } from './PromotionApprovals';
import { PromotionNotifier } from './PromotionNotifier';
import { PromotionPreviewer } from './PromotionPreviewer';
import { OpenPromotionExistsError, PromotionRow, PromotionStore } from './PromotionStore';

type PromotionQuery = z.output<typeof promotionQuerySchema>;

/** Who may decide a product's promotions: the policy (admins, release managers) or its owners. */
const mayApprove = (product: ProductSummary, caller: ProductCaller) =>
  caller.mayApprovePromotions || mayManageProduct(product, caller);

/**
 * Promotions: requested along a pipeline edge with the preview of that moment, approved by
 * quorum through the approvals engine, executed by the call that meets it (the
 * configuration copied, a release recorded, deployed at once when the target's policy is
 * direct), and listed as the product's history.
 */
export class PromotionService {
  private readonly systems: SystemPromotions;

  constructor(
    private readonly promotions: PromotionStore,
    private readonly approvals: ApprovalEngine,
    /** Executes a promotion that needs no approval in the transaction that creates it. */
    private readonly execution: PromotionExecution,
    private readonly previewer: PromotionPreviewer,
    private readonly configs: EnvironmentConfigStore,
    private readonly environments: EnvironmentStore,
    private readonly deployments: DeploymentService,
    private readonly products: ProductCatalog,
    private readonly notifier: PromotionNotifier,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.systems = new SystemPromotions(configs, deployments);
  }

  async request(
    productName: string,
    input: { source: string; target: string; notes?: string },
    caller: ProductCaller,
  ): Promise<Promotion> {
    const product = await this.products.resolvePipelineProduct(productName, 'product');
    if (!caller.mayRequestPromotions) {
      throw new NotAllowedError('requesting a promotion needs a role that may create deployment requests');
    }
    const preview = await this.previewer.previewFor(product, input.source, input.target);
    if (!preview.soak.satisfied) {
      throw new ConflictError(
        `${input.source} must run its version ${preview.soak.requiredMinutes} minutes before promotion; ${preview.soak.remainingMinutes} minutes left`,
      );
    }
    const now = this.now().toISOString();
    const auto = preview.requiredApprovals === 0;
    let id: number;
    try {
      id = await this.promotions.transaction(async tx => {
        const created = await this.promotions.create(tx, {
          product: product.entityRef,
          source: input.source,
          target: input.target,
          status: auto ? 'pending_release' : 'pending_approval',
          requestedBy: caller.userRef,
          notes: input.notes?.trim() || null,
          requiredApprovals: preview.requiredApprovals,
          preview,
          createdAt: now,
        });
        if (auto) {
          await this.execution.apply(tx, (await this.promotions.get(created, tx))!);
        } else {
          await this.approvals.open(tx, [
            {
              kind: 'promotion',
              ownerId: created,
              position: 0,
              requestedBy: caller.userRef,
              // No environment: a requester never approves their own promotion.
              environment: null,
              active: true,
              requirements: [
                {
                  approvalType: null,
                  role: null,
                  group: null,
                  user: null,
                  requiredCount: preview.requiredApprovals,
                },
              ],
            },
          ]);
        }
        return created;
      });
    } catch (error) {
      if (error instanceof OpenPromotionExistsError) {
        throw new ConflictError('promotion already in progress');
      }
      throw error;
    }
    let row = (await this.promotions.get(id))!;
    if (auto) row = await this.release(row, caller.userRef);
    else await this.notifier.approvalNeeded(row, product.owner);
    return this.present(row, caller, product);
  }

  async get(id: number, caller: ProductCaller): Promise<Promotion> {
    const row = await this.promotions.get(id);
    if (!row) throw new NotFoundError('promotion not found');
    return this.present(row, caller);
  }

  async list(productName: string, query: PromotionQuery, caller: ProductCaller): Promise<Page<Promotion>> {
    const product = await this.products.resolvePipelineProduct(productName, 'product');
    if (query.environment) await requireEnvironment(this.environments, query.environment, 'environment');
    const { page, per_page: perPage } = query;
    const { items, total } = await this.promotions.list({
      product: product.entityRef,
      environment: query.environment,
      status: query.status,
      requester: query.requester,
      from: query.from && new Date(query.from).toISOString(),
      to: query.to && new Date(query.to).toISOString(),
      offset: (page - 1) * perPage,
      limit: perPage,
    });
    const subjects = await this.subjectsByOwner(items.map(i => i.id));
    return {
      items: await Promise.all(items.map(i => this.present(i, caller, product, subjects.get(i.id) ?? null))),
      total,
      page,
      perPage,
      nextPage: page * perPage < total ? page + 1 : null,
    };
  }

  /**
   * My Tasks: the open promotions the caller may act on now, oldest first — approve (theirs
   * to decide, not their own, not decided yet) or deploy (a pending release) — of one
   * product or of every product.
   */
  async tasks(caller: ProductCaller, options: { products?: string[]; limit: number }): Promise<Promotion[]> {
    const everyProduct = caller.mayApprovePromotions || caller.mayManagePipelines;
    // Most of the time nothing waits: then no look-up of what the caller owns (the catalog
    // is asked for their systems).
    if (!(await this.promotions.anyOpen())) return [];
    const rows = (
      await this.promotions.open({
        products: everyProduct ? undefined : await this.products.ownedBy(caller.ownershipRefs),
        requestedBy: caller.userRef,
        limit: options.limit,
      })
    ).filter(row => !options.products || options.products.includes(row.product));
    const subjects = await this.subjectsByOwner(rows.map(r => r.id));
    const products = new Map<string, Promise<ProductSummary>>();
    const productOf = (ref: string) => {
      if (!products.has(ref)) products.set(ref, this.products.resolvePipelineProduct(ref, 'product'));
      return products.get(ref)!;
    };
    const presented = await Promise.all(
      rows.map(async row =>
        this.present(row, caller, await productOf(row.product), subjects.get(row.id) ?? null),
      ),
    );
    return presented.filter(p => p.abilities?.approve || p.abilities?.deploy);
  }

  async decide(
    id: number,
    decision: 'approve' | 'reject',
    comment: string | undefined,
    caller: ProductCaller,
  ): Promise<Promotion> {
    const row = await this.promotions.get(id);
    if (!row) throw new NotFoundError('promotion not found');
    const product = await this.products.resolvePipelineProduct(row.product, 'product');
    if (!mayApprove(product, caller)) {
      throw new NotAllowedError(
        `deciding promotions of ${product.name} needs the role admin or release_manager, or owning the product`,
      );
    }
    const subject = (await this.subjectsByOwner([id])).get(id);
    if (!subject) throw new ConflictError(`promotion is already ${row.status}`);
    const result = await this.approvals.decide<PromotionDecisionResult>(
      subject.id,
      { userRef: caller.userRef, roles: [], approvalTypes: [], ownershipRefs: caller.ownershipRefs },
      { decision, comment: comment?.trim() || null },
    );
    let promotion = result.promotion;
    if (result.execute) promotion = await this.release(promotion, caller.userRef);
    else if (promotion.status === 'rejected') {
      await this.notifier.statusChanged(promotion, caller.userRef, comment ?? null);
    }
    return this.present((await this.promotions.get(id))!, caller, product);
  }

  /** "Deploy now": the pending release goes through the deployment gates (423 when frozen). */
  async deploy(id: number, caller: ProductCaller): Promise<Promotion> {
    const row = await this.promotions.get(id);
    if (!row) throw new NotFoundError('promotion not found');
    const product = await this.products.resolvePipelineProduct(row.product, 'product');
    if (!mayApprove(product, caller) && row.requestedBy !== caller.userRef) {
      throw new NotAllowedError(`deploying promotions of ${product.name} needs the role admin or release_manager, owning the product, or having requested it`);
    }
    if (row.status !== 'pending_release') {
      throw new ConflictError(`promotion is ${row.status}, not pending_release`);
    }
    const released = await this.release(row, caller.userRef, true);
    return this.present(released, caller, product);
  }

  /**
   * After the commit: records the release as a deployment of the promoted version in the
   * target, deployed at once when the target's policy is direct (or when asked to), else
   * left for "Deploy now". A gate refusing the deployment leaves it pending_release.
   */
  private async release(row: PromotionRow, by: string, deployNow = false): Promise<PromotionRow> {
    const now = () => this.now().toISOString();
    const target = await this.environments.get(row.target);
    const deploy = deployNow || target?.deployPolicy === 'direct';
    const { status, deploymentId = row.deploymentId ?? undefined } = isSystemRef(row.product)
      ? await this.systems.release(row, by, deploy, deployNow)
      : await this.releaseComponent(row, by, deploy, deployNow);
    await this.promotions.setStatus(row.id, status, now(), { deploymentId });
    const after = (await this.promotions.get(row.id))!;
    await this.notifier.statusChanged(after, by, null);
    return after;
  }

  /** A Component's release: one deployment of the version now configured in the target. */
  private async releaseComponent(
    row: PromotionRow,
    by: string,
    deploy: boolean,
    deployNow: boolean,
  ): Promise<ReleaseOutcome> {
    const config = await this.configs.get(row.product, row.target);
    if (!config?.version) return { status: 'completed' };
    try {
      const outcome = await this.deployments.record(
        recordDeploymentBodySchema.parse({
          product: row.product,
          version: config.version,
          environment: row.target,
          status: deploy ? 'success' : 'created',
          extra_metadata: { promotion_id: row.id, promoted_from: row.source },
        }),
        // The person whose approval (or "Deploy now") released it deployed it, and acted.
        { deployedBy: by, recordedBy: by },
      );
      const deploymentId = outcome.deployment.id;
      return { status: outcome.deployment.status === 'success' ? 'completed' : 'pending_release', deploymentId };
    } catch (error) {
      // Asked for explicitly, the gate's refusal (423 frozen, 409) is the answer.
      if (deployNow) throw error;
      return { status: 'pending_release', deploymentId: row.deploymentId ?? undefined };
    }
  }

  private async subjectsByOwner(ids: number[]): Promise<Map<number, ApprovalSubject>> {
    if (!ids.length) return new Map();
    const subjects = await this.approvals.subjectsOf('promotion', ids);
    return new Map(subjects.map(s => [s.ownerId, s]));
  }

  private async present(
    row: PromotionRow,
    caller: ProductCaller,
    known?: ProductSummary,
    subject?: ApprovalSubject | null,
  ): Promise<Promotion> {
    const product = known ?? (await this.products.resolvePipelineProduct(row.product, 'product'));
    const decisions =
      subject === undefined ? (await this.subjectsByOwner([row.id])).get(row.id) : subject ?? undefined;
    const approvals = (decisions?.decisions ?? []).map(d => ({
      by: d.decidedBy,
      decision: d.decision as 'approve' | 'reject',
      comment: d.comment,
      at: d.createdAt,
    }));
    const approver = mayApprove(product, caller);
    const open =
      row.status === 'pending_approval' &&
      row.requestedBy !== caller.userRef &&
      !approvals.some(a => a.by === caller.userRef);
    return {
      id: row.id,
      product: row.product,
      source: row.source,
      target: row.target,
      status: row.status,
      requester: row.requestedBy,
      notes: row.notes,
      requiredApprovals: row.requiredApprovals,
      approvals,
      preview: row.preview,
      deploymentId: row.deploymentId,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      finishedAt: row.finishedAt,
      durationSeconds: row.finishedAt
        ? Math.round((Date.parse(row.finishedAt) - Date.parse(row.createdAt)) / 1000)
        : null,
      abilities: {
        approve: approver && open,
        reject: approver && open,
        deploy: row.status === 'pending_release' && (approver || row.requestedBy === caller.userRef),
      },
    };
  }
}
