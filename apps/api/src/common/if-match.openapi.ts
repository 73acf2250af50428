import { ApiHeader } from '@nestjs/swagger';

/** Documents the optional If-Match header of a versioned command. */
export const IfMatchHeader = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag of the resource as the caller read it (e.g. "7"). When given, the command is refused with ' +
      '409 and the current state (`current`) if the resource changed since.',
    example: '"7"',
  });
