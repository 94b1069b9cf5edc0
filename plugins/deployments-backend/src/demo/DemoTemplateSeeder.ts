import { toStepDefinition } from '@shipgate/plugin-deployments-common';
import { TemplateStore } from '../templates/TemplateStore';

/** The demo portal's starting templates, written once when there are none. */
export async function seedDemoTemplates(templates: TemplateStore, now = new Date()) {
  if ((await templates.list()).length > 0) return;
  const stamp = now.toISOString();
  await templates.create(
    {
      name: 'Production release',
      description: 'QA and security sign-off, smoke tests before, dashboards after.',
      environments: ['production'],
      slots: [
        { approvalType: 'qa', requiredCount: 1 },
        { approvalType: 'security', requiredCount: 1 },
      ],
      preSteps: [
        toStepDefinition('Run smoke tests on staging'),
        toStepDefinition('Confirm database migrations are ready'),
      ],
      postSteps: [
        { title: 'Check error-rate dashboards', role: 'sre' },
        toStepDefinition('Update the status page'),
      ],
    },
    'user:default/remy',
    stamp,
  );
  await templates.create(
    {
      name: 'Staging verification',
      description: 'A code review before staging.',
      environments: ['staging'],
      slots: [{ approvalType: 'code_review', requiredCount: 1 }],
      preSteps: [],
      postSteps: [{ title: 'Run the end-to-end suite', role: 'qa' }],
    },
    'user:default/remy',
    stamp,
  );
}
