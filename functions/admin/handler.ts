import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { wireAdmin } from '../../shared/wiring/admin';
import { makeAdminApp } from './app';

/** Lambda entry for the admin API: wiring only, built once per container. */
const app = makeAdminApp(wireAdmin());

export const handler = (event: APIGatewayProxyEventV2) => app(event);
