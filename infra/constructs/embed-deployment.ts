import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ALIAS_CACHE, buildEmbed, EMBED_ALIAS, EMBED_ASSET_CACHE } from '../../embed/build';
import { stagedFiles } from './staged-files';

/** The bucket prefix the news box is deployed under; CloudFront serves it at /embed/*. */
export const EMBED_PREFIX = 'embed/';

/**
 * The news box's files in the bucket under embed/, built with esbuild at synth:
 * the hashed modules (immutable) first, then the alias and latest.html (short
 * cache), which name them. Each deployment prunes only its own files. Its
 * Lambda is the stack's one BucketDeployment singleton, whose cdk-nag findings
 * EditorDeployment acknowledges.
 */
export class EmbedDeployment extends Construct {
  readonly assets: BucketDeployment;
  readonly aliases: BucketDeployment;

  constructor(scope: Construct, id: string, props: { bucket: IBucket }) {
    super(scope, id);
    const dir = stagedFiles('herald-embed-', buildEmbed());
    const stable = [EMBED_ALIAS, 'latest.html'];
    const common = { destinationBucket: props.bucket, destinationKeyPrefix: EMBED_PREFIX, memoryLimit: 256 };
    this.assets = new BucketDeployment(this, 'Assets', {
      ...common,
      sources: [Source.asset(dir, { exclude: stable })],
      exclude: stable,
      cacheControl: [CacheControl.fromString(EMBED_ASSET_CACHE)],
      contentType: 'text/javascript; charset=utf-8',
    });
    this.aliases = new BucketDeployment(this, 'Aliases', {
      ...common,
      sources: [Source.asset(dir, { exclude: ['*', ...stable.map((s) => `!${s}`)] })],
      exclude: ['*'],
      include: stable,
      cacheControl: [CacheControl.fromString(ALIAS_CACHE)],
    });
    this.aliases.node.addDependency(this.assets);
  }
}
