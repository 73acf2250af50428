/**
 * The rows a caller may see in a list (decided in apps/api/src/authz): those whose owner unit is in
 * `units` or whose collector / handler unit is in `collects`. Undefined means every row.
 */
export interface RowScope {
  units: readonly string[];
  collects: readonly string[];
  /** Reported issues only: also every issue ever escalated (BTV). */
  escalated?: boolean;
}

/** The SQL condition for a row scope over two columns, with its parameters named after `tag`. */
export function rowScopeSql(
  scope: RowScope,
  ownerColumn: string,
  collectorColumn: string | null,
  tag = 'scope',
): { sql: string; params: Record<string, unknown> } {
  const parts = [`${ownerColumn} = ANY(:${tag}Units)`];
  if (collectorColumn) parts.push(`${collectorColumn} = ANY(:${tag}Collects)`);
  return {
    sql: `(${parts.join(' OR ')})`,
    params: { [`${tag}Units`]: [...scope.units], [`${tag}Collects`]: [...scope.collects] },
  };
}
