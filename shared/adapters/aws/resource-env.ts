/**
 * Names of the environment variables that carry a resource's name or URL into a function. The CDK
 * stack and the local runner set them from the platform declaration; adapters read them. One
 * naming rule here keeps the three in step.
 */
const screamingSnake = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();

export const resourceEnv = {
  table: (name: string): string => `TABLE_${screamingSnake(name)}`,
  queueUrl: (name: string): string => `QUEUE_URL_${screamingSnake(name)}`,
  bucket: (name: string): string => `BUCKET_${screamingSnake(name)}`,
  secretParameter: (name: string): string => `SECRET_PARAMETER_${screamingSnake(name)}`,
};
