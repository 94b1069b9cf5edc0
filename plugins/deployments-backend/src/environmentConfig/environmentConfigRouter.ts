import { AuditorService } from '@backstage/backend-plugin-api';
import {
  configHistoryQuerySchema,
  environmentConfigBodySchema,
} from '@shipgate/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { auditedChange } from '../audit/auditedChange';
import { setPagingHeaders } from '../http/paging';
import { parseRequest } from '../http/parseRequest';
import { ProductCallers } from '../pipelines/ProductCallers';
import { EnvironmentConfigService } from './EnvironmentConfigService';

/** Environment configuration per product: read, change, history. */
export function createEnvironmentConfigRouter(options: {
  configs: EnvironmentConfigService;
  callers: ProductCallers;
  auditor: AuditorService;
}): express.Router {
  const { configs, callers, auditor } = options;
  const router = Router();

  router.get('/products/:product/environments/config', async (req, res) => {
    res.json(await configs.listForProduct(req.params.product, await callers.of(req)));
  });

  router.get('/products/:product/environments/:env/config', async (req, res) => {
    await callers.of(req);
    res.json(await configs.get(req.params.product, req.params.env));
  });

  router.get('/products/:product/environments/:env/config/history', async (req, res) => {
    await callers.of(req);
    const query = parseRequest(configHistoryQuerySchema, req.query);
    const page = await configs.history(req.params.product, req.params.env, query.page, query.per_page);
    setPagingHeaders(res, page);
    res.json(page.items);
  });

  router.put('/products/:product/environments/:env/config', async (req, res) => {
    const config = await auditedChange(
      auditor,
      {
        eventId: 'environment-config-update',
        request: req,
        meta: { product: req.params.product, environment: req.params.env },
      },
      async () =>
        configs.put(
          req.params.product,
          req.params.env,
          parseRequest(environmentConfigBodySchema, req.body),
          await callers.of(req),
        ),
    );
    res.json(config);
  });

  return router;
}
