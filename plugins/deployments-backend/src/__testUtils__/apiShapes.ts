import express from 'express';
import { z } from 'zod';
import { createBreakGlassRouter } from '../breakGlass/breakGlassRouter';
import { createDeploymentsRouter } from '../deployments/deploymentsRouter';
import { createEnvironmentConfigRouter } from '../environmentConfig/environmentConfigRouter';
import { createEnvironmentsRouter } from '../environments/environmentsRouter';
import { createFreezesRouter } from '../freezes/freezesRouter';
import { createMatrixRouter } from '../matrix/matrixRouter';
import { createPipelinesRouter } from '../pipelines/pipelinesRouter';
import { createPromotionsRouter } from '../promotions/promotionsRouter';
import { createRequestsRouter } from '../requests/requestsRouter';
import { createTasksRouter } from '../tasks/tasksRouter';
import { createTemplatesRouter } from '../templates/templatesRouter';
import { createRulesRouter } from '../rules/rulesRouter';
import { createProtectionRouter } from '../protection/protectionRouter';

/* What the API is made of, read from the routers and the wire schemas, for tests that walk all of it. */

export type Route = { method: string; path: string };

function collectRoutes(router: any, into: Route[]) {
  for (const layer of router.stack ?? []) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        into.push({ method: method.toUpperCase(), path: layer.route.path });
      }
    } else if (layer.handle?.stack) {
      collectRoutes(layer.handle, into);
    }
  }
}

/**
 * Every route of the plugin, as its routers declare them (built with stand-in services, which
 * routers only call when a request arrives).
 */
export function apiRoutes(): Route[] {
  const stub = {} as any;
  const routers: express.Router[] = [
    createEnvironmentsRouter(stub),
    createDeploymentsRouter(stub),
    createMatrixRouter(stub),
    createRequestsRouter({ ...stub, commands: {} }),
    createTasksRouter(stub),
    createTemplatesRouter(stub),
    createPipelinesRouter(stub),
    createEnvironmentConfigRouter(stub),
    createPromotionsRouter(stub),
    createFreezesRouter(stub),
    createBreakGlassRouter(stub),
    createRulesRouter(stub),
    createProtectionRouter(stub),
  ];
  const routes: Route[] = [];
  routers.forEach(r => collectRoutes(r, routes));
  return routes;
}

/** The routes that change something. */
export const writeRoutes = () => apiRoutes().filter(r => r.method !== 'GET');

export type Path = Array<string | number>;

/** A leaf of a schema: where it is in the input and what it takes. */
export interface SchemaField {
  path: Path;
  schema: z.ZodTypeAny;
  typeName: string;
  /** For strings: the longest value taken. */
  maxLength?: number;
}

const typeName = (s: z.ZodTypeAny): string => (s._def as { typeName: string }).typeName;

/** The schema under optional, nullable, default, effects and pipelines (its input side). */
export function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let s = schema;
  for (;;) {
    const def = s._def as any;
    switch (def.typeName) {
      case 'ZodOptional':
      case 'ZodNullable':
      case 'ZodDefault':
        s = def.innerType;
        break;
      case 'ZodEffects':
        s = def.schema;
        break;
      case 'ZodPipeline':
        s = def.in;
        break;
      default:
        return s;
    }
  }
}

/** The leaves of a schema (array elements as index 0; each branch of a union). */
export function fieldsOf(schema: z.ZodTypeAny, path: Path = []): SchemaField[] {
  const s = unwrap(schema);
  const name = typeName(s);
  if (name === 'ZodObject') {
    const shape = (s as z.AnyZodObject).shape;
    return Object.entries(shape).flatMap(([key, child]) => fieldsOf(child as z.ZodTypeAny, [...path, key]));
  }
  if (name === 'ZodArray') return fieldsOf((s._def as any).type, [...path, 0]);
  if (name === 'ZodUnion') {
    return ((s._def as any).options as z.ZodTypeAny[]).flatMap(o => fieldsOf(o, path));
  }
  const field: SchemaField = { path, schema: s, typeName: name };
  if (name === 'ZodString') {
    const max = ((s._def as any).checks as Array<{ kind: string; value: number }>).find(c => c.kind === 'max');
    field.maxLength = max?.value;
  }
  return [field];
}

/** The top-level keys of an object schema (under wrappers). */
export function keysOf(schema: z.ZodTypeAny): string[] {
  const s = unwrap(schema);
  return typeName(s) === 'ZodObject' ? Object.keys((s as z.AnyZodObject).shape) : [];
}

/** A copy of `value` with `path` set to `leaf` (arrays along the way keep one element). */
export function withValue(value: unknown, path: Path, leaf: unknown): any {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(value) ? [...value] : [];
    list[head] = withValue(list[head], rest, leaf);
    return list;
  }
  const object = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as object) } : {};
  (object as any)[head] = withValue((object as any)[head], rest, leaf);
  return object;
}

/** A copy of `value` without `path`. */
export function without(value: any, path: Path): any {
  if (path.length === 1) {
    if (Array.isArray(value)) return value.filter((_, i) => i !== path[0]);
    const { [path[0]]: _gone, ...rest } = value ?? {};
    return rest;
  }
  const [head, ...rest] = path;
  if (value?.[head] === undefined) return value;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  copy[head] = without(value[head], rest);
  return copy;
}

export const pathText = (path: Path) => path.map(p => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
