// Stands in for @aws-sdk/credential-provider-node in Lambda bundles. Lambda
// puts the function role's credentials in the environment, where the SDK's
// default chain looks first; its SSO, INI, web-identity and instance-metadata
// providers never run there, yet cost about 90 KB of bundle and import time.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init = {}) => fromEnv(init);
