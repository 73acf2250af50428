import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../../api/src/tokens';

/** The little the pages read that no service answers: unit names for display. */
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
}
