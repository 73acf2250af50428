import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DondocConfig, isValidAckToken } from '@dondoc/config';
import { DomainException } from '@dondoc/domain';
import { PlanEntity } from '@dondoc/persistence';
import { DATA_SOURCE, DONDOC_CONFIG } from '../tokens';
import { PlanAcknowledgementResultDto, PlanAcknowledgementsDto } from './dto/plan-acknowledgement.dto';

interface AckRow {
  unit_id: string;
  unit_name: string;
  at: Date;
  via: string;
}

/** Units acknowledging receipt of a plan through the signed link in the plan-issued mail. */
@Injectable()
export class PlanAcknowledgementsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(DONDOC_CONFIG) private readonly config: DondocConfig,
  ) {}

  /**
   * Records the first acknowledgement of the unit (a second click changes nothing and reports the
   * first). The token is checked before anything is looked up, so a forged link learns nothing.
   */
  async acknowledge(planId: string, unitId: string, token: string): Promise<PlanAcknowledgementResultDto> {
    if (!isValidAckToken(this.config.linkSecret, planId, unitId, token)) {
      throw new DomainException('forbidden', 'the acknowledgement link is not valid for this plan and unit', [
        { field: 'token', reason: 'does not match the plan and unit' },
      ]);
    }
    const plan = await this.plan(planId);
    const [unit] = (await this.dataSource.query(`SELECT id, name FROM units WHERE id = $1`, [unitId])) as {
      id: string;
      name: string;
    }[];
    if (!unit)
      throw new DomainException('not_found', `no unit ${unitId} in the org tree`, [
        { field: 'unit', reason: `no unit ${unitId} in the org tree` },
      ]);
    const inserted = (await this.dataSource.query(
      `INSERT INTO plan_acknowledgements (plan_id, unit_id, via) VALUES ($1, $2, 'mail-link')
       ON CONFLICT (plan_id, unit_id) DO NOTHING RETURNING at, via`,
      [planId, unitId],
    )) as { at: Date; via: string }[];
    const [row] = inserted.length
      ? inserted
      : ((await this.dataSource.query(
          `SELECT at, via FROM plan_acknowledgements WHERE plan_id = $1 AND unit_id = $2`,
          [planId, unitId],
        )) as { at: Date; via: string }[]);
    return {
      planId: plan.id,
      planNumber: plan.number,
      planTitle: plan.title,
      unitId: unit.id,
      unitName: unit.name,
      at: new Date(row.at).toISOString(),
      via: row.via,
      alreadyAcknowledged: inserted.length === 0,
    };
  }

  /** Who acknowledged (first first), and which units owing deliverables in the plan have not. */
  async list(planId: string): Promise<PlanAcknowledgementsDto> {
    const plan = await this.plan(planId);
    const acks = (await this.dataSource.query(
      `SELECT a.unit_id, COALESCE(u.name, a.unit_id) AS unit_name, a.at, a.via
         FROM plan_acknowledgements a LEFT JOIN units u ON u.id = a.unit_id
        WHERE a.plan_id = $1 ORDER BY a.at, a.unit_id`,
      [planId],
    )) as AckRow[];
    const owing = (await this.dataSource.query(
      `SELECT o.unit_id, COALESCE(u.name, o.unit_id) AS unit_name
         FROM (SELECT DISTINCT unit_id FROM deliverables WHERE plan_id = $1) o
         LEFT JOIN units u ON u.id = o.unit_id
        WHERE NOT EXISTS (SELECT 1 FROM plan_acknowledgements a WHERE a.plan_id = $1 AND a.unit_id = o.unit_id)
        ORDER BY o.unit_id`,
      [planId],
    )) as Omit<AckRow, 'at' | 'via'>[];
    return {
      planId: plan.id,
      planNumber: plan.number,
      acknowledged: acks.map((a) => ({
        unitId: a.unit_id,
        unitName: a.unit_name,
        at: new Date(a.at).toISOString(),
        via: a.via,
      })),
      notAcknowledged: owing.map((o) => ({ unitId: o.unit_id, unitName: o.unit_name })),
    };
  }

  private async plan(id: string): Promise<PlanEntity> {
    const plan = await this.dataSource.getRepository(PlanEntity).findOneBy({ id });
    if (!plan)
      throw new DomainException('not_found', `no plan ${id}`, [{ field: 'id', reason: `no plan ${id}` }]);
    return plan;
  }
}
