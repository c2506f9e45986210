// What one demo run carries between its stages: the log, the status line, the services to stop
// (in reverse start order, always — also on failure and on Ctrl-C), and what happened (state
// changes, fault injections, shed and isolation events) for the report.
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import type { RunEvent, StateChange } from '@ringside/report';
import { DemoError, DemoErrorCode } from './demo-error.ts';
import type { StatusLine } from './status-line.ts';

export interface Stoppable {
  readonly name: string;
  stop(): Promise<void>;
}

export class DemoContext {
  readonly log: WriteStream;
  readonly logPath: string;
  readonly status: StatusLine;
  readonly states: StateChange[] = [];
  readonly events: RunEvent[] = [];
  readonly notes: string[] = [];
  readonly #stoppables: Stoppable[] = [];
  #interrupted = false;

  constructor(logPath: string, status: StatusLine) {
    this.logPath = logPath;
    this.log = createWriteStream(logPath, { flags: 'a' });
    this.status = status;
  }

  get interrupted(): boolean {
    return this.#interrupted;
  }

  interrupt(): void {
    this.#interrupted = true;
  }

  /** Throws DemoError INTERRUPTED once Ctrl-C was pressed. */
  checkInterrupted(): void {
    if (this.#interrupted) throw new DemoError(DemoErrorCode.INTERRUPTED, 'interrupted');
  }

  /** Registers something to stop at teardown (stopped last-first). */
  own<T extends Stoppable>(thing: T): T {
    this.#stoppables.push(thing);
    return thing;
  }

  say(message: string): void {
    this.status.say(message);
    this.log.write(`[demo] ${message}\n`);
  }

  note(message: string): void {
    this.notes.push(message);
    this.say(message);
  }

  event(e: RunEvent): void {
    this.events.push(e);
  }

  /** A lifecycle state change, once (a repeated state with the same reason is ignored). */
  state(change: StateChange): void {
    const last = this.states.at(-1);
    if (last !== undefined && last.state === change.state && last.reason === change.reason) return;
    this.states.push(change);
  }

  /** Stops the registered thing of this name now (and forgets it); false if there is none. */
  async stopNamed(name: string): Promise<boolean> {
    const i = this.#stoppables.findIndex((s) => s.name === name);
    if (i < 0) return false;
    const [thing] = this.#stoppables.splice(i, 1);
    await thing!.stop();
    return true;
  }

  /** Stops everything still registered, newest first; never throws. */
  async teardown(): Promise<void> {
    while (this.#stoppables.length > 0) {
      const s = this.#stoppables.pop()!;
      try {
        await s.stop();
      } catch (err) {
        this.log.write(
          `[demo] stopping ${s.name} failed: ${err instanceof Error ? err.message : String(err)}\n`,
        );
      }
    }
  }

  async closeLog(): Promise<void> {
    await new Promise<void>((resolve) => this.log.end(resolve));
  }
}
