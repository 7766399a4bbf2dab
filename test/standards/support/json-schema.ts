import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS } from './tools';

/** The JSON Feed 1.1 schema compiled once; returns ajv's errors as readable lines. */
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
(addFormats as unknown as (a: Ajv) => Ajv)(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, 'jsonfeed-1.1.schema.json'), 'utf8')) as object);

export function jsonFeedErrors(body: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    return [`not JSON: ${(err as Error).message}`];
  }
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
