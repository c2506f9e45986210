// The human side of a high-risk action during the demo. Automation files approval requests with
// the approvals service; this watches for pending ones (over its gRPC API, as the CLI does),
// shows each one, and either approves it as `demo-operator` (--auto-approve only) or tells the
// person at the terminal the exact command that approves it.
import { ListFilter } from '@ringside/contracts';
import type { ApprovalRequest } from '@ringside/contracts';
import type { ApprovalsReader } from './control-plane-readback.ts';
import type { DemoContext } from './demo-context.ts';
import { errorText } from './grpc-unary.ts';

export const DEMO_APPROVER = 'demo-operator';

export class ApprovalFlow {
  readonly #ctx: DemoContext;
  readonly #reader: ApprovalsReader;
  readonly #address: string;
  readonly #autoApprove: boolean;
  readonly #seen = new Set<string>();
  #busy = false;

  constructor(ctx: DemoContext, reader: ApprovalsReader, address: string, autoApprove: boolean) {
    this.#ctx = ctx;
    this.#reader = reader;
    this.#address = address;
    this.#autoApprove = autoApprove;
  }

  /** One look at the pending requests; never throws (a slow approvals service only delays). */
  async poll(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      const pending = await this.#reader.list(ListFilter.PENDING);
      for (const r of pending) {
        if (this.#seen.has(r.id)) continue;
        this.#seen.add(r.id);
        await this.#handle(r);
      }
    } catch (err) {
      this.#ctx.log.write(`[demo] approvals poll failed: ${errorText(err)}\n`);
    } finally {
      this.#busy = false;
    }
  }

  async #handle(r: ApprovalRequest): Promise<void> {
    this.#ctx.say(
      `approval requested by ${r.requester}: ${r.action} ${r.target} on ${r.host} — ${r.reason} (request ${r.id})`,
    );
    this.#ctx.event({
      kind: 'approval-requested',
      reason: `${r.action} ${r.target}: ${r.reason}`,
      subject: r.id,
      wallMs: Date.now(),
    });
    if (!this.#autoApprove) {
      this.#ctx.say(
        `  waiting for a human: bin/ringside approvals approve ${r.id} --as <you> --server ${this.#address}` +
          ' (or rerun the demo with --auto-approve)',
      );
      return;
    }
    try {
      const decided = await this.#reader.approve(
        r.id,
        DEMO_APPROVER,
        'approved by ringside demo --auto-approve',
      );
      this.#ctx.say(
        `  approved by ${DEMO_APPROVER} (--auto-approve): token ${decided?.tokenId ?? '?'} issued`,
      );
      this.#ctx.event({
        kind: 'approval-approved',
        reason: `${r.action} ${r.target} approved by ${DEMO_APPROVER}`,
        subject: r.id,
        wallMs: Date.now(),
      });
    } catch (err) {
      this.#ctx.say(`  approving ${r.id} failed: ${errorText(err)}`);
    }
  }
}
