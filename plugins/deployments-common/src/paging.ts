import { z } from 'zod';

const pageNumber = z.coerce
  .number({ invalid_type_error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be 1 or more');

export const pagingSchema = {
  page: pageNumber.optional(),
  per_page: pageNumber.max(100, 'must be at most 100').optional(),
};
