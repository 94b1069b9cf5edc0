import { taskQuerySchema } from '@shipgate/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { ActorResolver } from '../auth/ActorResolver';
import { parseRequest } from '../http/parseRequest';
import { TaskService } from './TaskService';

/** GET /tasks: the caller's open tasks across everything (or one product). */
export function createTasksRouter(options: {
  tasks: TaskService;
  actors: ActorResolver;
}): express.Router {
  const { tasks, actors } = options;
  const router = Router();
  router.get('/tasks', async (req, res) => {
    const actor = await actors.resolve(req);
    const { product } = parseRequest(taskQuerySchema, req.query);
    res.json(await tasks.tasks(product, actor));
  });
  return router;
}
