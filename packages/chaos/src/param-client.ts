// SetStrategyParam as an operator sends it (`ringside admin param`), over a rig's admin port: how
// the chaos scenarios make decision workers slow (workNs, stallMs) without reaching into them.
import { randomUUID } from 'node:crypto';
import { Metadata, credentials } from '@grpc/grpc-js';
import { AdminServiceClient } from '@ringside/contracts';
import type { SetStrategyParamResponse } from '@ringside/contracts';
import { OPERATOR_TOKEN } from './hot-rig.ts';
import type { HotRig } from './hot-rig.ts';

/** SetStrategyParam as an operator sends it (`ringside admin param`), over the rig's admin port. */
export class ParamClient {
  readonly #client: AdminServiceClient;

  constructor(rig: HotRig) {
    this.#client = new AdminServiceClient(`127.0.0.1:${rig.hot.adminPort}`, credentials.createInsecure());
  }

  set(workerId: number, param: string, value: number, reason: string): Promise<SetStrategyParamResponse> {
    const md = new Metadata();
    md.set('authorization', `Bearer ${OPERATOR_TOKEN}`);
    const req = { context: { requestId: randomUUID(), reason }, workerId, param, value };
    return new Promise((resolve, reject) => {
      this.#client.setStrategyParam(req, md, { deadline: new Date(Date.now() + 5_000) }, (err, res) =>
        err ? reject(err) : resolve(res),
      );
    });
  }

  close(): void {
    this.#client.close();
  }
}
