import type { IConfiguration } from 'dependency-cruiser';

/** The types of .dependency-cruiser.mjs, for the structure test that imports it. */
declare const config: Required<Pick<IConfiguration, 'forbidden' | 'options'>>;
export default config;
