import { writeFileSync } from 'node:fs';
import { documentedRoutes, openApiDocument } from '../../functions/admin/openapi';

/**
 * Writes functions/admin/openapi.json, the document the admin function
 * serves, from the route table and its zod schemas: run it after changing a
 * route or a request schema (`npx tsx infra/bundle/write-openapi.ts`);
 * test/unit/admin/openapi.test.ts fails until the file matches.
 */
export const OPENAPI_FILE = 'functions/admin/openapi.json';

/** The document's text: two-space JSON and a final newline, so diffs stay readable. */
export const openApiText = (): string => `${JSON.stringify(openApiDocument(documentedRoutes()), null, 2)}\n`;

if (process.argv[1]?.endsWith('write-openapi.ts')) writeFileSync(OPENAPI_FILE, openApiText());
