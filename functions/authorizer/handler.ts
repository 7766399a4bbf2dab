import { wireAuthorizer } from '../../shared/wiring/authorizer';
import { makeAuthorizer } from './app';

/** HTTP API Lambda authorizer (simple responses): wiring only; the check is in app.ts. */
export const handler = makeAuthorizer(wireAuthorizer());
