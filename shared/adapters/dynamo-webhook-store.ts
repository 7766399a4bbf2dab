import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WebhookStore } from '../ports/webhook-store';
import { KEY_PREFIXES } from '../table-definition';
import type { DeliveryAttempt, DeliveryState, WebhookDelivery, WebhookEndpoint } from '../webhooks/webhook';
import { queryAll } from './dynamo-query-all';

const ENDPOINTS = `${KEY_PREFIXES.webhook}all`;
const deliveries = (endpointId: string) => `${KEY_PREFIXES.webhookDelivery}${endpointId}`;
const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as T;
};

/**
 * Endpoints in one partition (`WEBHOOK#all`, sk the id: few, listed together);
 * each endpoint's deliveries in its own (`WEBHOOKDLV#{endpoint}`, sk the
 * delivery id), so deleting an endpoint never touches another's history.
 */
export class DynamoWebhookStore implements WebhookStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async putEndpoint(e: WebhookEndpoint): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: ENDPOINTS, sk: e.id, type: 'webhook', ...e } }));
  }

  async getEndpoint(id: string): Promise<WebhookEndpoint | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: ENDPOINTS, sk: id }, ConsistentRead: true }));
    return out.Item ? strip<WebhookEndpoint>(out.Item) : undefined;
  }

  async listEndpoints(): Promise<WebhookEndpoint[]> {
    const items = await queryAll(this.doc, { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': ENDPOINTS }, ConsistentRead: true });
    return items.map((i) => strip<WebhookEndpoint>(i));
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    const out = await this.doc.send(new DeleteCommand({ TableName: this.table, Key: { pk: ENDPOINTS, sk: id }, ReturnValues: 'ALL_OLD' }));
    return out.Attributes !== undefined;
  }

  async createDelivery(d: WebhookDelivery): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({ TableName: this.table, Item: { pk: deliveries(d.endpointId), sk: d.id, type: 'webhook-delivery', ...d }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async getDelivery(endpointId: string, id: string): Promise<WebhookDelivery | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: deliveries(endpointId), sk: id }, ConsistentRead: true }));
    return out.Item ? strip<WebhookDelivery>(out.Item) : undefined;
  }

  async listDeliveries(endpointId: string): Promise<WebhookDelivery[]> {
    const items = await queryAll(this.doc, { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': deliveries(endpointId) }, ConsistentRead: true });
    return items.map((i) => strip<WebhookDelivery>(i)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async recordAttempt(endpointId: string, id: string, attempt: DeliveryAttempt, state: DeliveryState): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: deliveries(endpointId), sk: id },
        UpdateExpression: 'SET attempts = list_append(attempts, :a), #s = :s',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':a': [attempt], ':s': state },
      }),
    );
  }

  async reopen(endpointId: string, id: string, attempts: number): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: deliveries(endpointId), sk: id },
        UpdateExpression: 'SET #s = :s, resentAfter = :n',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':s': 'pending', ':n': attempts },
      }),
    );
  }
}
