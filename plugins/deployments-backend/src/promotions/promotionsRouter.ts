import { promotionPreviewBodySchema } from '@shipgate/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { parseRequest } from '../http/parseRequest';
import { ProductCallers } from '../pipelines/ProductCallers';
import { PromotionPreviewer } from './PromotionPreviewer';

/** Promotions: preview (request, decisions and history come with the approvals engine). */
export function createPromotionsRouter(options: {
  previewer: PromotionPreviewer;
  callers: ProductCallers;
}): express.Router {
  const { previewer, callers } = options;
  const router = Router();

  router.post('/products/:product/promotion/preview', async (req, res) => {
    await callers.of(req);
    const body = parseRequest(promotionPreviewBodySchema, req.body);
    res.json(await previewer.preview(req.params.product, body.source, body.target));
  });

  return router;
}
