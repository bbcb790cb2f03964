/** A schema module without its $schema/$id, to embed it in a route, the OpenAPI document or a serializer. */
export function withoutIdentity<T extends { $schema?: string; $id?: string }>(schema: T): Omit<T, '$schema' | '$id'> {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}
