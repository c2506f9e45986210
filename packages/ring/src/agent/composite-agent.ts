import type { Agent } from './agent.ts';

/**
 * Runs several agents on one thread as one (Agrona CompositeAgent). If an agent throws, the
 * error propagates to the runner and the next doWork resumes with the agent after it, so one
 * failing agent cannot starve the others.
 */
export class CompositeAgent implements Agent {
  readonly roleName: string;
  private readonly agents: readonly Agent[];
  private nextIndex = 0;

  constructor(agents: readonly Agent[]) {
    this.agents = [...agents];
    this.roleName = `composite[${this.agents.map((a) => a.roleName).join(',')}]`;
  }

  onStart(): void {
    for (const agent of this.agents) {
      agent.onStart?.();
    }
  }

  doWork(): number {
    const agents = this.agents;
    let work = 0;
    while (this.nextIndex < agents.length) {
      const agent = agents[this.nextIndex];
      this.nextIndex++;
      work += agent.doWork();
    }
    this.nextIndex = 0;
    return work;
  }

  /** Closes every agent even if some throw; rethrows the first error afterwards. */
  onClose(): void {
    let first: unknown = undefined;
    let failed = false;
    for (const agent of this.agents) {
      try {
        agent.onClose?.();
      } catch (error) {
        if (!failed) {
          failed = true;
          first = error;
        }
      }
    }
    if (failed) {
      throw first;
    }
  }
}
