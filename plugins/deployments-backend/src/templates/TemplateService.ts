import { ConflictError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { DeploymentRequestTemplate, templateBodySchema } from '@shipgate/plugin-deployments-common';
import { z } from 'zod';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { TemplateStore } from './TemplateStore';
import { Actor } from '../auth/Actor';
import { unknownEnvironmentError } from '../environments/environmentChecks';

type TemplateInput = z.output<typeof templateBodySchema>;

/** Deployment request templates: reusable slots and steps, managed by admins and release managers. */
export class TemplateService {
  constructor(
    private readonly templates: TemplateStore,
    private readonly environments: EnvironmentStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list() {
    return this.templates.list();
  }

  async get(id: number): Promise<DeploymentRequestTemplate> {
    const template = await this.templates.get(id);
    if (!template) throw new NotFoundError(`template ${id} not found`);
    return template;
  }

  async create(input: TemplateInput, actor: Actor) {
    this.requireManager(actor);
    await this.validate(input);
    if (await this.templates.findByName(input.name)) {
      throw new ConflictError(`a template named '${input.name}' already exists`);
    }
    const id = await this.templates.create(input, actor.userRef, this.now().toISOString());
    return this.get(id);
  }

  async update(id: number, input: TemplateInput, actor: Actor) {
    this.requireManager(actor);
    await this.get(id);
    await this.validate(input);
    const sameName = await this.templates.findByName(input.name);
    if (sameName && sameName.id !== id) {
      throw new ConflictError(`a template named '${input.name}' already exists`);
    }
    await this.templates.update(id, input, this.now().toISOString());
    return this.get(id);
  }

  async delete(id: number, actor: Actor) {
    this.requireManager(actor);
    if (!(await this.templates.delete(id))) throw new NotFoundError(`template ${id} not found`);
  }

  private async validate(input: TemplateInput) {
    const known = new Set((await this.environments.list()).map(e => e.name));
    const unknown = input.environments.filter(e => !known.has(e));
    if (unknown.length) {
      throw await unknownEnvironmentError(this.environments, 'environments', unknown);
    }
  }

  private requireManager(actor: Actor) {
    if (!actor.canManageTemplates) {
      throw new NotAllowedError(
        `managing templates needs the role admin or release_manager; you have ${
          actor.roles.join(', ') || 'no Shipgate role'
        }`,
      );
    }
  }
}
