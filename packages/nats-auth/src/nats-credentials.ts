// How a control-plane service logs in to NATS (deploy/nats/users.conf gives each service its own
// user and subject permissions): the config fields, the rule that ties them together, and the
// servers-plus-credentials part of the NATS client's connect() options. One definition for every
// service config (sidecar, observer, approvals, automation).
import { z } from 'zod';

/** Config fields: a user with its password, or a token, or neither (an open server). */
export const natsCredentialFields = {
  /** NATS user, e.g. observer or hotpath_<host>; needs natsPass. */
  natsUser: z.string().min(1).optional(),
  natsPass: z.string().min(1).optional(),
  /** NATS token auth (instead of a user). */
  natsToken: z.string().min(1).optional(),
};

export interface NatsCredentials {
  readonly natsUser?: string | undefined;
  readonly natsPass?: string | undefined;
  readonly natsToken?: string | undefined;
}

/** zod superRefine step: user and password go together; a token excludes a user. */
export function checkNatsCredentials(c: NatsCredentials, ctx: z.RefinementCtx): void {
  if ((c.natsUser === undefined) !== (c.natsPass === undefined))
    ctx.addIssue({ code: 'custom', message: 'natsUser and natsPass go together', path: ['natsPass'] });
  if (c.natsToken !== undefined && c.natsUser !== undefined)
    ctx.addIssue({ code: 'custom', message: 'natsToken or natsUser, not both', path: ['natsToken'] });
}

/** Where and as whom to connect: the servers and credentials part of NATS connect() options. */
export interface NatsTarget<S extends string | string[] = string | string[]> {
  readonly servers: S;
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
}

export function natsTarget<S extends string | string[]>(servers: S, c: NatsCredentials): NatsTarget<S> {
  return {
    servers,
    ...(c.natsUser === undefined ? {} : { user: c.natsUser }),
    ...(c.natsPass === undefined ? {} : { pass: c.natsPass }),
    ...(c.natsToken === undefined ? {} : { token: c.natsToken }),
  };
}
