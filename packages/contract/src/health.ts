import { z } from 'zod';

/**
 * Health: `up` or `down` for everyone (a load balancer needs no more); the version and database
 * only for a signed-in administrator.
 */
export const HealthResponse = z.object({
  status: z.enum(['up', 'down']),
  database: z.enum(['sqlite', 'postgres']).optional(),
  version: z.string().optional(),
  time: z.string().optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
