/** `UPDATE_OPENAPI=1`: the OpenAPI contract rewrites the committed openapi.json instead of failing on drift. */
export function updateOpenApiFromEnv(): boolean {
  return process.env.UPDATE_OPENAPI === '1';
}
