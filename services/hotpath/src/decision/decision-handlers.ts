// The decision agent's flyweight handlers: the ring, queue and command callbacks that wrap a
// slot and hand it to the agent. Allocated once per agent; nothing per event.
import type { BroadcastHandler, CommandHandler, SpscHandler } from '@ringside/ring';
import { MarketEventReader } from '../events/market-event-reader.ts';
import { CompletionReader } from '../orders/completion-reader.ts';
import type { DecisionAgent } from './decision-agent.ts';

export class MarketHandler implements BroadcastHandler {
  readonly event = new MarketEventReader();
  private readonly agent: DecisionAgent;

  constructor(agent: DecisionAgent) {
    this.agent = agent;
  }

  handle(i32: Int32Array, f64: Float64Array, offset: number): void {
    this.agent.onMarketEvent(this.event.wrap(i32, f64, offset));
  }

  onEvent(_bytes: Uint8Array, i32: Int32Array, f64: Float64Array, _dv: DataView, offset: number): void {
    this.handle(i32, f64, offset);
  }
}

export class CompletionHandler implements SpscHandler {
  private readonly reader = new CompletionReader();
  private readonly agent: DecisionAgent;
  private readonly fromGateway: boolean;

  constructor(agent: DecisionAgent, fromGateway: boolean) {
    this.agent = agent;
    this.fromGateway = fromGateway;
  }

  onEvent(_bytes: Uint8Array, i32: Int32Array, f64: Float64Array, _dv: DataView, offset: number): void {
    this.agent.onCompletion(this.reader.wrap(i32, f64, offset), this.fromGateway);
  }
}

export class DecisionCommandHandler implements CommandHandler {
  private readonly agent: DecisionAgent;

  constructor(agent: DecisionAgent) {
    this.agent = agent;
  }

  onCommand(opcode: number, arg0: number, arg1: number): void {
    this.agent.onCommand(opcode, arg0, arg1);
  }
}
