// What `ringside demo` takes. One zod schema for the CLI and the programmatic API.
import path from 'node:path';
import { z } from 'zod';
import { DemoError, DemoErrorCode } from './demo-error.ts';

export const demoOptionsSchema = z.strictObject({
  /** Seconds of trading run, from the hot path being up (WARM-UP begins) to its stop. */
  durationS: z.number().min(10, 'duration: at least 10 s (warm-up alone takes a few)').max(3600).default(30),
  /** Where report.json, report.html and services.log go. */
  reportDir: z.string().min(1).optional(),
  /** Approve the pending approval request itself (as approver demo-operator). */
  autoApprove: z.boolean().default(false),
  /** Replay this NASDAQ-framed ITCH file instead of the shared AMZN sample. */
  file: z.string().min(1).optional(),
  /** Use generated data even when the real sample is present. */
  synthetic: z.boolean().default(false),
  /** Feed rate, ITCH messages per second; default: a file spread over the run, 20 000 generated. */
  rate: z.int().min(100).max(1_000_000).optional(),
  /** Skip the slow-consumer and venue-stall injections. */
  noFaults: z.boolean().default(false),
  /** Seed of the generated data and the venue's random choices. */
  seed: z.int().min(0).max(0xffff_ffff).default(7),
});

export type DemoOptions = z.output<typeof demoOptionsSchema>;
export type DemoOptionsInput = z.input<typeof demoOptionsSchema>;

export function parseDemoOptions(input: unknown): DemoOptions {
  const r = demoOptionsSchema.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`);
    throw new DemoError(DemoErrorCode.BAD_OPTIONS, `invalid demo options: ${problems.join('; ')}`, {
      cause: r.error,
    });
  }
  if (r.data.file !== undefined && r.data.synthetic)
    throw new DemoError(DemoErrorCode.BAD_OPTIONS, 'choose --file or --synthetic, not both');
  return r.data;
}

/** The default report directory: ./ringside-demo-YYYYMMDD-HHMMSS in the working directory. */
export function defaultReportDir(now = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return path.resolve(`ringside-demo-${stamp}`);
}
