import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { createValidationPipe } from '../common/validation.pipe';
import { AMENDMENT_KINDS, AmendmentDto } from './dto/amendment.dto';

/**
 * The amendment body is a union discriminated by `kind`: pick the DTO class from `kind`, then run
 * the application's usual validation on it (unknown fields refused, each problem naming its field).
 */
@Injectable()
export class AmendmentBodyPipe implements PipeTransform<unknown, Promise<AmendmentDto>> {
  private readonly validation = createValidationPipe();

  async transform(value: unknown): Promise<AmendmentDto> {
    const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
    const metatype =
      typeof kind === 'string' ? AMENDMENT_KINDS[kind as keyof typeof AMENDMENT_KINDS] : undefined;
    if (!metatype) {
      throw new BadRequestException({
        message: 'Invalid request',
        errors: [{ field: 'kind', reason: `must be one of ${Object.keys(AMENDMENT_KINDS).join(', ')}` }],
      });
    }
    return (await this.validation.transform(value, { type: 'body', metatype })) as AmendmentDto;
  }
}
