/**
 * The one door to jspurefix in venue-sim. jspurefix registers its classes with tsyringe
 * decorators when its modules load, and tsyringe needs the `reflect-metadata` polyfill
 * installed first: importing it here, before re-exporting, fixes that order for every
 * caller (ES modules evaluate their imports in source order).
 */
import 'reflect-metadata';

export {
  AsciiSession,
  DITokens,
  EmptyLogFactory,
  MemorySessionStore,
  MsgTransport,
  SessionContainer,
  TcpDuplex,
} from 'jspurefix';
export type { IFixSessionStore, IJsFixConfig, ISessionDescription, MsgView, SessionId } from 'jspurefix';
export { makeSessionScope } from 'jspurefix/dist/runtime/session-scope.js';
