/**
 * The jspurefix session for the gateway's side: jspurefix runs logon, heartbeats, test
 * requests, resend requests and sequence numbers; this subclass only hands application
 * messages and session transitions to its listener (the adapter).
 */
import { AsciiSession } from './jspurefix.ts';
import type { IJsFixConfig, MsgView } from './jspurefix.ts';

export interface FixInitiatorListener {
  onLoggedOn(): void;
  onApplicationMessage(msgType: string, view: MsgView): void;
  onSessionStopped(error: Error | undefined): void;
}

export class FixInitiatorSession extends AsciiSession {
  private readonly listener: FixInitiatorListener;

  constructor(config: IJsFixConfig, listener: FixInitiatorListener) {
    super(config);
    this.listener = listener;
  }

  /** send() is protected in jspurefix; the adapter sends through here. */
  sendMessage(msgType: string, body: Record<string, unknown>): void {
    this.send(msgType, body);
  }

  protected onApplicationMsg(msgType: string, view: MsgView): void {
    this.listener.onApplicationMessage(msgType, view);
  }

  protected onReady(_view: MsgView): void {
    this.listener.onLoggedOn();
  }

  protected onStopped(error?: Error): void {
    this.listener.onSessionStopped(error);
  }

  protected onLogon(_view: MsgView, _user: string, _password: string): boolean {
    return true;
  }

  protected onDecoded(_msgType: string, _txt: string): void {}

  protected onEncoded(_msgType: string, _txt: string): void {}
}
