import { DeploymentGate, GateEvent, GateVerdict, runGates } from './DeploymentGate';

const event: GateEvent = {
  product: 'component:default/payment-api',
  version: '1.2.0',
  environment: 'production',
  deployedBy: 'ci',
  deploymentRequestId: null,
};

/** A gate that answers `verdict` and notes that it was asked. */
function gate(name: string, verdict: GateVerdict, asked: string[]): DeploymentGate {
  return {
    name,
    async check(e) {
      asked.push(`${name}:${e.deploymentRequestId ?? '-'}`);
      return verdict;
    },
  };
}

describe('the deployment gates', () => {
  it('allow an event that every gate allows, and link the first request a gate names', async () => {
    const asked: string[] = [];
    const outcome = await runGates(
      [
        gate('request', { kind: 'allow', deploymentRequestId: 7 }, asked),
        gate('freeze', { kind: 'allow' }, asked),
        gate('rules', { kind: 'allow', deploymentRequestId: 9 }, asked),
      ],
      event,
    );
    expect(outcome).toEqual({ kind: 'allow', deploymentRequestId: 7, blockedReason: null, breakGlassId: null });
    // Later gates see the request an earlier one linked.
    expect(asked).toEqual(['request:-', 'freeze:7', 'rules:7']);
  });

  it('keep the request the event names', async () => {
    const outcome = await runGates(
      [gate('request', { kind: 'allow', deploymentRequestId: 9 }, [])],
      { ...event, deploymentRequestId: 3 },
    );
    expect(outcome).toMatchObject({ kind: 'allow', deploymentRequestId: 3 });
  });

  it('stop at the first refusal, in order, and say which gate refused', async () => {
    const asked: string[] = [];
    const outcome = await runGates(
      [
        gate('request', { kind: 'allow' }, asked),
        gate('freeze', { kind: 'refuse', status: 423, message: 'environment is frozen' }, asked),
        gate('rules', { kind: 'refuse', status: 409, message: 'later' }, asked),
      ],
      event,
    );
    expect(outcome).toEqual({
      kind: 'refuse',
      status: 423,
      message: 'environment is frozen',
      gate: 'freeze',
    });
    expect(asked).toEqual(['request:-', 'freeze:-']);
  });

  it('block with every reason given, unless a later gate refuses', async () => {
    const blocked = await runGates(
      [
        gate('protection', { kind: 'block', reason: 'waits for 2 approvals' }, []),
        gate('rules', { kind: 'block', reason: 'rule "prod needs a DR"' }, []),
      ],
      event,
    );
    expect(blocked).toEqual({
      kind: 'block',
      deploymentRequestId: null,
      blockedReason: 'waits for 2 approvals; rule "prod needs a DR"',
      breakGlassId: null,
    });
    const refused = await runGates(
      [
        gate('protection', { kind: 'block', reason: 'waits' }, []),
        gate('freeze', { kind: 'refuse', status: 423, message: 'environment is frozen' }, []),
      ],
      event,
    );
    expect(refused.kind).toBe('refuse');
  });

  it('carry the break-glass session a gate names', async () => {
    const outcome = await runGates(
      [
        gate('freeze', { kind: 'allow', breakGlassId: 4 }, []),
        gate('request', { kind: 'allow', deploymentRequestId: 7 }, []),
      ],
      event,
    );
    expect(outcome).toEqual({
      kind: 'allow',
      deploymentRequestId: 7,
      blockedReason: null,
      breakGlassId: 4,
    });
  });

  it('allow everything when there are no gates', async () => {
    expect(await runGates([], event)).toEqual({
      kind: 'allow',
      deploymentRequestId: null,
      blockedReason: null,
      breakGlassId: null,
    });
  });
});
