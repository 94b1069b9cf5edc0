import { AuditorService } from '@backstage/backend-plugin-api';
import { pipelineBodySchema } from '@shipgate/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { auditedChange } from '../audit/auditedChange';
import { parseRequest } from '../http/parseRequest';
import { PipelineService } from './PipelineService';
import { ProductCallers } from './ProductCallers';

/** GET|PUT /products/:product/promotion/pipeline. */
export function createPipelinesRouter(options: {
  pipelines: PipelineService;
  callers: ProductCallers;
  auditor: AuditorService;
}): express.Router {
  const { pipelines, callers, auditor } = options;
  const router = Router();

  router.get('/products/:product/promotion/pipeline', async (req, res) => {
    res.json(await pipelines.get(req.params.product, await callers.of(req)));
  });

  router.put('/products/:product/promotion/pipeline', async (req, res) => {
    const pipeline = await auditedChange(
      auditor,
      { eventId: 'promotion-pipeline-update', request: req, meta: { product: req.params.product } },
      async () =>
        pipelines.save(
          req.params.product,
          parseRequest(pipelineBodySchema, req.body),
          await callers.of(req),
        ),
    );
    res.json(pipeline);
  });

  return router;
}
