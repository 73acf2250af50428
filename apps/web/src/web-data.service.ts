import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../../api/src/tokens';

export type ContentLabels = ReadonlyMap<string, { vi: string; en: string }>;

/** The little the pages read that no service answers: unit names and required-content labels for display. */
@Injectable()
export class WebDataService {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async unitNames(ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
    const wanted = [...new Set([...ids].filter((x): x is string => !!x))];
    if (wanted.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.ds.query(
      'SELECT id, name FROM units WHERE id = ANY($1)',
      [wanted],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The labels of an obligation's required contents, from the issued plan's definition (none for ad-hoc plans). */
  async contentLabels(planId: string, obligationId: string): Promise<ContentLabels> {
    const rows: Array<{ definition: unknown }> = await this.ds.query(
      'SELECT definition FROM plans WHERE id = $1',
      [planId],
    );
    type Definition = {
      obligations?: Array<{
        id: string;
        requiredContents?: Array<{ id: string; label?: { vi: string; en: string } }>;
      }>;
    };
    const obligation = (rows[0]?.definition as Definition | undefined)?.obligations?.find(
      (o) => o.id === obligationId,
    );
    return new Map(
      (obligation?.requiredContents ?? []).flatMap((c) => (c.label ? [[c.id, c.label] as const] : [])),
    );
  }
}
