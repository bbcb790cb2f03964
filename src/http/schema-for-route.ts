/** A schema module without its $schema/$id, so fastify and the OpenAPI document can embed it in any route. */
export function withoutIdentity<T extends { $schema?: string; $id?: string }>(schema: T): Omit<T, '$schema' | '$id'> {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}
