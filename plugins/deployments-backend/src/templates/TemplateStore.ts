import { Knex } from 'knex';
import { DeploymentRequestTemplate, toStepDefinition } from '@shipgate/plugin-deployments-common';
import { toIsoString } from '../database/timestamps';

export type TemplateContents = Omit<DeploymentRequestTemplate, 'id' | 'createdBy' | 'updatedAt'>;

function toTemplate(row: Record<string, any>): DeploymentRequestTemplate {
  return {
    id: Number(row.id),
    name: row.name,
    description: row.description,
    environments: JSON.parse(row.environments),
    slots: JSON.parse(row.approval_slots),
    // Templates written before steps could name a role hold plain titles.
    preSteps: JSON.parse(row.pre_steps).map(toStepDefinition),
    postSteps: JSON.parse(row.post_steps).map(toStepDefinition),
    createdBy: row.created_by,
    updatedAt: toIsoString(row.updated_at),
  };
}

function toRow(contents: TemplateContents) {
  return {
    name: contents.name,
    description: contents.description,
    environments: JSON.stringify(contents.environments),
    approval_slots: JSON.stringify(contents.slots),
    pre_steps: JSON.stringify(contents.preSteps),
    post_steps: JSON.stringify(contents.postSteps),
  };
}

/** Deployment request templates. */
export interface TemplateStore {
  list(): Promise<DeploymentRequestTemplate[]>;
  get(id: number): Promise<DeploymentRequestTemplate | undefined>;
  findByName(name: string): Promise<DeploymentRequestTemplate | undefined>;
  create(contents: TemplateContents, createdBy: string, now: string): Promise<number>;
  update(id: number, contents: TemplateContents, now: string): Promise<boolean>;
  delete(id: number): Promise<boolean>;
}

export class KnexTemplateStore implements TemplateStore {
  constructor(private readonly knex: Knex) {}

  async list() {
    const rows = await this.knex('deployment_request_templates').orderBy('name').limit(500);
    return rows.map(toTemplate);
  }

  async get(id: number) {
    const row = await this.knex('deployment_request_templates').where({ id }).first();
    return row ? toTemplate(row) : undefined;
  }

  async findByName(name: string) {
    const row = await this.knex('deployment_request_templates').where({ name }).first();
    return row ? toTemplate(row) : undefined;
  }

  async create(contents: TemplateContents, createdBy: string, now: string) {
    const [inserted] = await this.knex('deployment_request_templates').insert(
      { ...toRow(contents), created_by: createdBy, created_at: now, updated_at: now },
      ['id'],
    );
    return Number(typeof inserted === 'object' ? inserted.id : inserted);
  }

  async update(id: number, contents: TemplateContents, now: string) {
    const count = await this.knex('deployment_request_templates')
      .where({ id })
      .update({ ...toRow(contents), updated_at: now });
    return count > 0;
  }

  async delete(id: number) {
    return (await this.knex('deployment_request_templates').where({ id }).delete()) > 0;
  }
}
