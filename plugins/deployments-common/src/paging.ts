import { z } from 'zod';

/** Pages beyond this hold nothing anyone will page to; it keeps offsets exact integers. */
export const MAX_PAGE = 1_000_000;

const WHOLE_NUMBER = 'must be a whole number';

/**
 * A page number or size from a query string: digits only (not `1e21`, `0x10` or `2.0`), or a
 * number given by a typed client, and within range.
 */
const pageNumber = z
  .union([z.number(), z.string().regex(/^\d{1,9}$/, WHOLE_NUMBER).transform(Number)], {
    errorMap: () => ({ message: WHOLE_NUMBER }),
  })
  .pipe(
    z
      .number({ invalid_type_error: WHOLE_NUMBER })
      .int(WHOLE_NUMBER)
      .min(1, 'must be 1 or more'),
  );

export const pagingSchema = {
  page: pageNumber
    .pipe(z.number().max(MAX_PAGE, `must be at most ${MAX_PAGE}`))
    .optional(),
  per_page: pageNumber.pipe(z.number().max(100, 'must be at most 100')).optional(),
};
