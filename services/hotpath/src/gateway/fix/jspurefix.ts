/**
 * The one door to jspurefix in the gateway. jspurefix registers its classes with tsyringe
 * decorators when its modules load, and tsyringe needs the `reflect-metadata` polyfill
 * installed first: importing it here, before re-exporting, fixes that order for every
 * caller (ES modules evaluate their imports in source order).
 */
import 'reflect-metadata';

export {
  AsciiSession,
  DITokens,
  EmptyLogFactory,
  MsgTransport,
  SessionContainer,
  TcpDuplex,
} from 'jspurefix';
export type { IJsFixConfig, ISessionDescription, MsgView } from 'jspurefix';
