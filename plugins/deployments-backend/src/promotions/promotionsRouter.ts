import { AuditorService } from '@backstage/backend-plugin-api';
import {
  promotionApproveBodySchema,
  promotionPreviewBodySchema,
  promotionQuerySchema,
  promotionRejectBodySchema,
  promotionRequestBodySchema,
} from '@shipgate/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { auditedChange } from '../audit/auditedChange';
import { setPagingHeaders } from '../http/paging';
import { parseId, parseRequest } from '../http/parseRequest';
import { ProductCallers } from '../pipelines/ProductCallers';
import { PromotionPreviewer } from './PromotionPreviewer';
import { PromotionService } from './PromotionService';

/** Promotions: preview, request, approve, reject, deploy, one and the product's history. */
export function createPromotionsRouter(options: {
  previewer: PromotionPreviewer;
  promotions: PromotionService;
  callers: ProductCallers;
  auditor: AuditorService;
}): express.Router {
  const { previewer, promotions, callers, auditor } = options;
  const router = Router();

  router.post('/products/:product/promotion/preview', async (req, res) => {
    await callers.of(req);
    const body = parseRequest(promotionPreviewBodySchema, req.body);
    res.json(await previewer.preview(req.params.product, body.source, body.target));
  });

  router.post('/products/:product/promotion/request', async (req, res) => {
    const promotion = await auditedChange(
      auditor,
      { eventId: 'promotion-request', request: req, meta: { product: req.params.product } },
      async () =>
        promotions.request(
          req.params.product,
          parseRequest(promotionRequestBodySchema, req.body),
          await callers.of(req),
        ),
    );
    res.status(201).json(promotion);
  });

  router.get('/products/:product/promotions', async (req, res) => {
    const caller = await callers.of(req);
    const page = await promotions.list(
      req.params.product,
      parseRequest(promotionQuerySchema, req.query),
      caller,
    );
    setPagingHeaders(res, page);
    res.json(page.items);
  });

  router.get('/promotions/:id', async (req, res) => {
    const caller = await callers.of(req);
    res.json(await promotions.get(parseId(req.params.id), caller));
  });

  const decide = (decision: 'approve' | 'reject') => async (req: express.Request, res: express.Response) => {
    const promotion = await auditedChange(
      auditor,
      { eventId: `promotion-${decision}`, request: req, meta: { promotion: req.params.id } },
      async () => {
        const id = parseId(req.params.id);
        const body =
          decision === 'approve'
            ? parseRequest(promotionApproveBodySchema, req.body)
            : parseRequest(promotionRejectBodySchema, req.body);
        return promotions.decide(id, decision, body.comment, await callers.of(req));
      },
    );
    res.json(promotion);
  };
  router.post('/promotions/:id/approve', decide('approve'));
  router.post('/promotions/:id/reject', decide('reject'));

  router.post('/promotions/:id/deploy', async (req, res) => {
    const promotion = await auditedChange(
      auditor,
      { eventId: 'promotion-deploy', request: req, meta: { promotion: req.params.id } },
      async () => promotions.deploy(parseId(req.params.id), await callers.of(req)),
    );
    res.json(promotion);
  });

  return router;
}
