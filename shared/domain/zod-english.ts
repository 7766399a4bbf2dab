import { en } from 'zod/locales';
import { config } from 'zod/mini';

/**
 * English issue messages for the request schemas, which are written with
 * `zod/mini` (tree-shakeable: the classic `z` namespace brings JSON Schema
 * conversion and every locale into each bundle). `zod/mini` loads no locale
 * by itself, so without this every message would be "Invalid input". Every
 * schema module imports this file for its effect; the call is idempotent.
 */
config(en());
