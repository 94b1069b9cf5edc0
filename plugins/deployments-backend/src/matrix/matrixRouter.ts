import { deploymentReadPermission, matrixQuerySchema } from '@shipgate/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { RequestAuthorizer } from '../auth/RequestAuthorizer';
import { parseRequest } from '../http/parseRequest';
import { setPagingHeaders } from '../http/paging';
import { MatrixService } from './MatrixService';

/** GET /matrix: products × environments, the latest deployment in each cell. */
export function createMatrixRouter(options: {
  matrix: MatrixService;
  authorizer: RequestAuthorizer;
}): express.Router {
  const { matrix, authorizer } = options;
  const router = Router();
  router.get('/matrix', async (req, res) => {
    await authorizer.authorize(req, deploymentReadPermission);
    const query = parseRequest(matrixQuerySchema, req.query);
    const result = await matrix.read(query);
    setPagingHeaders(res, result);
    res.json(result);
  });
  return router;
}
