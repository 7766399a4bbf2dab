/**
 * The header CloudFront adds to every request it forwards to the API origin, carrying
 * a secret; the authorizer refuses requests without it, so the execute-api endpoint
 * cannot be used to go around CloudFront and its WAF. One name for both sides.
 */
export const ORIGIN_HEADER = 'x-herald-origin';
