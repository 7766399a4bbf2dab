import type { DeliveryAttempt, DeliveryState, WebhookDelivery, WebhookEndpoint } from '../webhooks/webhook';

/** Registered endpoints and their deliveries; a delivery is created once per event and endpoint. */
export interface WebhookStore {
  putEndpoint(e: WebhookEndpoint): Promise<void>;
  getEndpoint(id: string): Promise<WebhookEndpoint | undefined>;
  listEndpoints(): Promise<WebhookEndpoint[]>;
  /** False when there was nothing to delete. */
  deleteEndpoint(id: string): Promise<boolean>;
  /** True the first time only: a duplicate stream record finds the delivery made and sends nothing. */
  createDelivery(d: WebhookDelivery): Promise<boolean>;
  getDelivery(endpointId: string, id: string): Promise<WebhookDelivery | undefined>;
  listDeliveries(endpointId: string): Promise<WebhookDelivery[]>;
  /** Appends an attempt and sets the state. */
  recordAttempt(endpointId: string, id: string, attempt: DeliveryAttempt, state: DeliveryState): Promise<void>;
  /** A re-send: pending again, with a fresh retry budget counted from `attempts` on. */
  reopen(endpointId: string, id: string, attempts: number): Promise<void>;
}
