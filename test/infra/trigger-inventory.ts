import type { ScheduleTrigger } from '../../infra/function-declaration';
import type { LocalPlan } from '../../infra/local/plan';
import { logicalId, type SynthesizedHerald } from './synth-herald';

/**
 * Both sides of Herald reduced to one line per way in: `route GET /api/health public -> admin`,
 * `stream batch 100 -> publisher`, `schedule rate(1 minute) -> scheduler`,
 * `queue test-work batch 10 receives 3 -> worker`, `authorizer -> authorizer`.
 */
export type Inventory = string[];

type Resource = { Type: string; Properties: Record<string, unknown> };

/** What the synthesized template routes, maps and schedules, by function name. */
export function cloudInventory(herald: SynthesizedHerald): Inventory {
  const resources = herald.template.toJSON().Resources as Record<string, Resource>;
  const byLogicalId = new Map(Object.entries(herald.stack.functions).map(([name, f]) => [logicalId(f.fn), name]));
  const fnIn = (value: unknown) => {
    const text = JSON.stringify(value);
    const found = [...byLogicalId].filter(([id]) => text.includes(`"${id}"`)).map(([, name]) => name);
    if (found.length !== 1) throw new Error(`cannot tell which function ${text} names`);
    return found[0]!;
  };
  const lines: Inventory = [];
  const queueIds = new Map(Object.entries(herald.stack.queues).map(([name, q]) => [logicalId(q.queue), name]));
  const receives = (queueId: string) =>
    (resources[queueId]?.Properties.RedrivePolicy as { maxReceiveCount?: number } | undefined)?.maxReceiveCount;
  for (const r of Object.values(resources)) {
    const p = r.Properties;
    if (r.Type === 'AWS::ApiGatewayV2::Route') {
      const integrationId = (JSON.stringify(p.Target).match(/"Ref":"([^"]+)"/) ?? [])[1]!;
      const target = fnIn(resources[integrationId]?.Properties.IntegrationUri);
      lines.push(`route ${String(p.RouteKey)} ${p.AuthorizationType === 'NONE' ? 'public' : 'token'} -> ${target}`);
    } else if (r.Type === 'AWS::ApiGatewayV2::Authorizer') {
      lines.push(`authorizer -> ${fnIn(p.AuthorizerUri)}`);
    } else if (r.Type === 'AWS::Lambda::EventSourceMapping') {
      const [source, attribute] = (p.EventSourceArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
      const fn = fnIn(p.FunctionName);
      if (attribute === 'StreamArn') lines.push(`stream batch ${String(p.BatchSize)} -> ${fn}`);
      else lines.push(`queue ${queueIds.get(source) ?? source} batch ${String(p.BatchSize)}${p.ScalingConfig ? ` at once ${String((p.ScalingConfig as { MaximumConcurrency?: number }).MaximumConcurrency)}` : ''} receives ${receives(source)} -> ${fn}`);
    } else if (r.Type === 'AWS::Events::Rule') {
      const targets = p.Targets as { Arn: unknown }[];
      for (const t of targets) lines.push(`schedule ${String(p.ScheduleExpression)} -> ${fnIn(t.Arn)}`);
    }
  }
  return lines.sort();
}

/** EventBridge's expression for a declared schedule, written independently of CDK's Schedule. */
export function expression(every: ScheduleTrigger['every']): string {
  if ('minutes' in every) return `rate(${every.minutes} ${every.minutes === 1 ? 'minute' : 'minutes'})`;
  return `cron(${every.dailyAtUtc.minute} ${every.dailyAtUtc.hour} * * ? *)`;
}

/** What the local runtime serves, polls, times and drains, from its plan. */
export function localInventory(plan: LocalPlan): Inventory {
  return [
    ...plan.routes.map((r) => `route ${r.method} ${r.path} ${r.auth} -> ${r.fn}`),
    ...(plan.authorizer ? [`authorizer -> ${plan.authorizer}`] : []),
    ...plan.streams.map((s) => `stream batch ${s.trigger.batchSize} -> ${s.fn}`),
    ...plan.timers.map((t) => `schedule ${expression(t.trigger.every)} -> ${t.fn}`),
    ...plan.queues.map((q) => `queue ${q.trigger.queue} batch ${q.trigger.batchSize}${q.trigger.maxConcurrency ? ` at once ${q.trigger.maxConcurrency}` : ''} receives ${q.trigger.maxReceiveCount} -> ${q.fn}`),
  ].sort();
}

/** Lines only one side has, named by side; empty when the cloud and the local runtime agree. */
export function disagreements(cloud: Inventory, local: Inventory): string[] {
  return [
    ...cloud.filter((l) => !local.includes(l)).map((l) => `only in the cloud: ${l}`),
    ...local.filter((l) => !cloud.includes(l)).map((l) => `only locally: ${l}`),
  ];
}
