// Trigger conditions: one comparison over one telemetry quantity, small enough to read at 3 a.m.
//
//   condition := quantity op value
//   quantity  := 'counter' LABEL                  metrics: sum of the counters with that label
//              | STAT '(' NAME ')'                metrics: a histogram statistic, in ns
//              | 'consumer' ('lag' | 'loss')      state:   per ACTIVE consumer (each one its own key)
//              | 'shed_level'                     state
//              | 'lifecycle'                      state:   op is == or !=, value a lifecycle state
//              | 'event'                          events:  op is ==, value an event kind
//   STAT      := p50 | p90 | p99 | p999 | min | max | mean
//   op        := > | >= | < | <= | == | !=
//   value     := NUMBER [ns | us | ms | s]        (units only for latency statistics)
//
// Examples: `consumer lag > 4096`, `lifecycle == DEGRADED`, `p99(decision) > 250us`,
// `counter gateway.exec_backlog >= 1`, `event == consumer.isolated`.
// parseCondition never throws anything but ConditionSyntaxError.
import { LifecycleState } from '@ringside/contracts';
import { ConditionSyntaxError } from './errors.ts';

export const OPERATORS = ['>=', '<=', '==', '!=', '>', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

export const STATS = ['p50', 'p90', 'p99', 'p999', 'min', 'max', 'mean'] as const;
export type Stat = (typeof STATS)[number];

export const LIFECYCLE_NAMES = {
  INIT: LifecycleState.INIT,
  WARM_UP: LifecycleState.WARM_UP,
  READY: LifecycleState.READY,
  DEGRADED: LifecycleState.DEGRADED,
} as const;
export type LifecycleName = keyof typeof LIFECYCLE_NAMES;

export type Condition =
  | { readonly kind: 'counter'; readonly label: string; readonly op: Operator; readonly value: number }
  | {
      readonly kind: 'latency';
      readonly stat: Stat;
      readonly histogram: string;
      readonly op: Operator;
      readonly valueNs: number;
    }
  | {
      readonly kind: 'consumer';
      readonly field: 'lag' | 'loss';
      readonly op: Operator;
      readonly value: number;
    }
  | { readonly kind: 'shed_level'; readonly op: Operator; readonly value: number }
  | { readonly kind: 'lifecycle'; readonly op: '==' | '!='; readonly state: LifecycleName }
  | { readonly kind: 'event'; readonly eventKind: string };

export type ConditionSource = 'metrics' | 'state' | 'events';

/** The telemetry kind a condition reads. */
export function sourceOf(c: Condition): ConditionSource {
  switch (c.kind) {
    case 'counter':
    case 'latency':
      return 'metrics';
    case 'consumer':
    case 'shed_level':
    case 'lifecycle':
      return 'state';
    case 'event':
      return 'events';
  }
}

const MAX_CONDITION_CHARS = 200;
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.:/-]*/;
const NUMBER = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s)?/;
const UNIT_NS = { ns: 1, us: 1_000, µs: 1_000, ms: 1_000_000, s: 1_000_000_000 } as const;

/** A tiny cursor over the text; every failure names the column. */
class Cursor {
  readonly text: string;
  pos = 0;
  constructor(text: string) {
    this.text = text;
  }
  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }
  fail(message: string): never {
    throw new ConditionSyntaxError(message, this.pos + 1);
  }
  name(what: string): string {
    this.skipSpace();
    const m = NAME.exec(this.text.slice(this.pos));
    if (m === null) this.fail(`expected ${what}`);
    this.pos += m[0].length;
    return m[0];
  }
  literal(lit: string): void {
    this.skipSpace();
    if (!this.text.startsWith(lit, this.pos)) this.fail(`expected '${lit}'`);
    this.pos += lit.length;
  }
  op(): Operator {
    this.skipSpace();
    const op = OPERATORS.find((o) => this.text.startsWith(o, this.pos));
    if (op === undefined) this.fail(`expected one of ${OPERATORS.join(' ')}`);
    this.pos += op.length;
    return op;
  }
  number(allowUnit: boolean): number {
    this.skipSpace();
    const m = NUMBER.exec(this.text.slice(this.pos));
    if (m === null) this.fail('expected a number');
    const unit = m[2] as keyof typeof UNIT_NS | undefined;
    if (unit !== undefined && !allowUnit) this.fail('units (ns, us, ms, s) apply only to latency statistics');
    const n = Number(m[1]) * (unit === undefined ? 1 : UNIT_NS[unit]);
    if (!Number.isFinite(n) || n > Number.MAX_SAFE_INTEGER) this.fail('number too large');
    this.pos += m[0].length;
    return n;
  }
  end(): void {
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected '${this.text.slice(this.pos, this.pos + 10)}'`);
  }
}

function equality(c: Cursor): '==' | '!=' {
  const at = c.pos;
  const op = c.op();
  if (op !== '==' && op !== '!=') {
    c.pos = at;
    c.skipSpace();
    c.fail('only == and != compare a name');
  }
  return op;
}

function quantity(c: Cursor): Condition {
  const head = c.name('counter, consumer, shed_level, lifecycle, event or a statistic like p99(decision)');
  switch (head) {
    case 'counter': {
      const label = c.name('a counter label');
      return { kind: 'counter', label, op: c.op(), value: c.number(false) };
    }
    case 'consumer': {
      const field = c.name('lag or loss');
      if (field !== 'lag' && field !== 'loss') {
        c.pos -= field.length;
        c.fail('expected lag or loss');
      }
      return { kind: 'consumer', field, op: c.op(), value: c.number(false) };
    }
    case 'shed_level':
      return { kind: 'shed_level', op: c.op(), value: c.number(false) };
    case 'lifecycle': {
      const op = equality(c);
      const name = c.name('a lifecycle state').toUpperCase().replace('-', '_');
      if (!Object.hasOwn(LIFECYCLE_NAMES, name)) {
        c.pos -= name.length;
        c.fail(`expected one of ${Object.keys(LIFECYCLE_NAMES).join(', ')}`);
      }
      return { kind: 'lifecycle', op, state: name as LifecycleName };
    }
    case 'event': {
      const at = c.pos;
      if (equality(c) !== '==') {
        c.pos = at;
        c.skipSpace();
        c.fail('events compare with == only');
      }
      return { kind: 'event', eventKind: c.name('an event kind') };
    }
    default: {
      if (!(STATS as readonly string[]).includes(head)) {
        c.pos -= head.length;
        c.fail(`unknown quantity '${head}'`);
      }
      c.literal('(');
      const histogram = c.name('a histogram name');
      c.literal(')');
      return { kind: 'latency', stat: head as Stat, histogram, op: c.op(), valueNs: c.number(true) };
    }
  }
}

/** Parses a condition; throws ConditionSyntaxError (and nothing else) on bad input. */
export function parseCondition(text: string): Condition {
  if (typeof text !== 'string') throw new ConditionSyntaxError('condition must be text', 1);
  if (text.length > MAX_CONDITION_CHARS)
    throw new ConditionSyntaxError(`condition is longer than ${MAX_CONDITION_CHARS} characters`, 1);
  const c = new Cursor(text);
  const cond = quantity(c);
  c.end();
  return cond;
}

export function compare(observed: number, op: Operator, value: number): boolean {
  switch (op) {
    case '>':
      return observed > value;
    case '>=':
      return observed >= value;
    case '<':
      return observed < value;
    case '<=':
      return observed <= value;
    case '==':
      return observed === value;
    case '!=':
      return observed !== value;
  }
}
