export interface RestStyleMeta {
  readonly key: string;
  readonly remote?: boolean;
}

export interface RestComponentMeta {
  readonly key: string;
  /** the component's own name (Figma's nodes answer has it) */
  readonly name?: string;
  readonly description?: string;
  readonly componentSetId?: string;
}

/** The maps that come with each node in the nodes response. */
export interface RestContext {
  readonly styles?: { readonly [styleId: string]: RestStyleMeta };
  readonly components?: { readonly [nodeId: string]: RestComponentMeta };
  readonly componentSets?: { readonly [nodeId: string]: RestComponentMeta };
}

/**
 * REST names a style by its node id ("4:16") while the Plugin API, and so every token the
 * plugin extracted, names it "S:<key>,<nodeId>" (remote styles: "S:<key>,"). The key comes
 * from the response's `styles` map; without it the REST id is kept as is.
 */
export function restStyleIdToPluginId(restId: string, styles: RestContext['styles']): string {
  if (restId.startsWith('S:')) return restId;
  const meta = styles?.[restId];
  if (!meta?.key) return restId;
  return meta.remote ? `S:${meta.key},` : `S:${meta.key},${restId}`;
}
