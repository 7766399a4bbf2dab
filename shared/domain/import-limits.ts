/** How many items one `POST /api/import` takes: 25 keeps a request well under API Gateway's limits and Lambda's time. */
export const IMPORT_BATCH_MAX = 25;
