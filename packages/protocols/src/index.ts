// Public API of @ringside/protocols. Named exports only.

// --- ITCH 5.0 (src/itch) and NASDAQ file framing (src/framing)
export {
  ItchType,
  ItchLength,
  ITCH_LENGTH_BY_TYPE,
  ITCH_MAX_LENGTH,
  MAX_PRICE4,
} from './itch/itch-descriptor.ts';
export type { ItchTypeCode } from './itch/itch-descriptor.ts';
export { ItchStatus } from './itch/itch-status.ts';
export type { ItchStatusCode } from './itch/itch-status.ts';
export {
  Side,
  SystemEventCode,
  TradingState,
  CrossType,
  ImbalanceDirection,
  VALID_CHARS,
} from './itch/itch-codes.ts';
export {
  stockKey,
  stockKeyToString,
  alpha4,
  alpha4ToString,
  alpha2,
  alpha2ToString,
  charCode,
  STOCK_KEY_LIMIT,
} from './itch/itch-bytes.ts';
export type {
  ItchHeaderFields,
  SystemEventFields,
  StockDirectoryFields,
  StockTradingActionFields,
  RegShoRestrictionFields,
  MarketParticipantPositionFields,
  MwcbDeclineLevelFields,
  MwcbStatusFields,
  IpoQuotingPeriodFields,
  LuldAuctionCollarFields,
  OperationalHaltFields,
  AddOrderFields,
  AddOrderMpidFields,
  OrderExecutedFields,
  OrderExecutedWithPriceFields,
  OrderCancelFields,
  OrderDeleteFields,
  OrderReplaceFields,
  TradeFields,
  CrossTradeFields,
  BrokenTradeFields,
  NoiiFields,
  RpiiFields,
  DlcrPriceDiscoveryFields,
} from './itch/itch-fields.ts';
export {
  encodeAddOrder,
  encodeAddOrderMpid,
  encodeOrderExecuted,
  encodeOrderExecutedWithPrice,
  encodeOrderCancel,
  encodeOrderDelete,
  encodeOrderReplace,
  encodeTrade,
  encodeCrossTrade,
  encodeBrokenTrade,
} from './itch/itch-encode-orders.ts';
export {
  encodeSystemEvent,
  encodeStockDirectory,
  encodeStockTradingAction,
  encodeRegShoRestriction,
  encodeMarketParticipantPosition,
  encodeMwcbDeclineLevel,
  encodeMwcbStatus,
  encodeIpoQuotingPeriod,
  encodeLuldAuctionCollar,
  encodeOperationalHalt,
  encodeNoii,
  encodeRpii,
  encodeDlcrPriceDiscovery,
} from './itch/itch-encode-admin.ts';
export { ItchDecoder } from './itch/itch-decoder.ts';
export { ItchErrorCounters, itchErrorName, ITCH_ERROR_SLOTS } from './itch/itch-error-counters.ts';
export type { ItchErrorLogger } from './itch/itch-error-counters.ts';
export { ItchFlyweight, ItchStockFlyweight, NS_PER_DAY } from './itch/itch-flyweight.ts';
export {
  AddOrderMessage,
  AddOrderMpidMessage,
  OrderExecutedMessage,
  OrderExecutedWithPriceMessage,
  OrderCancelMessage,
  OrderDeleteMessage,
  OrderReplaceMessage,
} from './itch/itch-order-flyweights.ts';
export { TradeMessage, CrossTradeMessage, BrokenTradeMessage } from './itch/itch-trade-flyweights.ts';
export {
  SystemEventMessage,
  StockDirectoryMessage,
  StockTradingActionMessage,
  RegShoRestrictionMessage,
  MarketParticipantPositionMessage,
  MwcbDeclineLevelMessage,
  MwcbStatusMessage,
  IpoQuotingPeriodMessage,
  LuldAuctionCollarMessage,
  OperationalHaltMessage,
} from './itch/itch-admin-flyweights.ts';
export { NoiiMessage, RpiiMessage, DlcrPriceDiscoveryMessage } from './itch/itch-auction-flyweights.ts';
export { ITCH_CATALOG, itchSpecOf, readItchFields } from './itch/itch-catalog.ts';
export type { ItchFieldKind, ItchFieldRecord, ItchMessageSpec } from './itch/itch-catalog.ts';
export { FramingStatus } from './framing/framing-status.ts';
export type { FramingStatusCode } from './framing/framing-status.ts';
export { NasdaqFrameReader, FRAME_HEADER_LENGTH } from './framing/nasdaq-frame-reader.ts';
export { NasdaqFrameWriter } from './framing/nasdaq-frame-writer.ts';

// --- SoupBinTCP 4.x (src/soupbintcp)
export {
  SoupPacketType,
  SoupRejectReason,
  SOUP_HEADER_BYTES,
  SOUP_PAYLOAD_OFFSET,
  SOUP_DEFAULT_MAX_PACKET_LENGTH,
  LOGIN_REQUEST_PACKET_BYTES,
  LOGIN_ACCEPTED_PACKET_BYTES,
  soupPacketTypeName,
} from './soupbintcp/soupbintcp-descriptor.ts';
export {
  SoupStatus,
  SoupAnomaly,
  soupAnomalyName,
  SoupErrorCode,
  SoupBinTcpError,
} from './soupbintcp/soupbintcp-status.ts';
export { SoupAnomalyCounters, silentSoupLogger } from './soupbintcp/anomaly-counters.ts';
export type { SoupLogger } from './soupbintcp/anomaly-counters.ts';
export { readSoupAlpha, readSoupNumeric, writeSoupNumeric } from './soupbintcp/ascii-fields.ts';
export {
  writeSoupPacketHeader,
  writeSoupDataPacket,
  writeSoupEmptyPacket,
  writeSoupLoginRequest,
  writeSoupLoginAccepted,
  writeSoupLoginRejected,
} from './soupbintcp/packet-writer.ts';
export type { SoupLoginRequestFields } from './soupbintcp/packet-writer.ts';
export { SoupFrameDecoder } from './soupbintcp/frame-decoder.ts';
export type { SoupPacketHandler } from './soupbintcp/frame-decoder.ts';
export { SoupMessageStore, SOUP_DEFAULT_STORE_OPTIONS } from './soupbintcp/message-store.ts';
export type { SoupMessageStoreOptions } from './soupbintcp/message-store.ts';
export { SoupBinTcpClient } from './soupbintcp/client.ts';
export { SoupClientState } from './soupbintcp/client-state.ts';
export type {
  SoupClientOptions,
  SoupClientListener,
  SoupSequencedHandler,
} from './soupbintcp/client-options.ts';
export { SoupBinTcpServer } from './soupbintcp/server.ts';
export type { SoupServerStats } from './soupbintcp/server.ts';
export type { SoupServerOptions, SoupSessionInfo } from './soupbintcp/server-options.ts';

// --- OUCH 4.2 (src/ouch)
export {
  OuchInboundType,
  OuchInboundLength,
  OuchOutboundType,
  OuchOutboundLength,
  OUCH_INBOUND_LENGTH_BY_TYPE,
  OUCH_OUTBOUND_LENGTH_BY_TYPE,
  OUCH_MAX_LENGTH,
  OUCH_TOKEN_LENGTH,
  OUCH_MAX_PRICE,
  OUCH_MAX_TIME_IN_FORCE,
  ENTER_ORDER as OUCH_ENTER_ORDER,
  REPLACE_ORDER as OUCH_REPLACE_ORDER,
  CANCEL_ORDER as OUCH_CANCEL_ORDER,
  MODIFY_ORDER as OUCH_MODIFY_ORDER,
  OUT_HEADER as OUCH_OUT_HEADER,
  ACCEPTED as OUCH_ACCEPTED,
  REPLACED as OUCH_REPLACED,
  EXECUTED as OUCH_EXECUTED,
  CANCELED as OUCH_CANCELED,
  REJECTED as OUCH_REJECTED,
  SYSTEM_EVENT as OUCH_SYSTEM_EVENT,
  AIQ_CANCELED as OUCH_AIQ_CANCELED,
  BROKEN_TRADE as OUCH_BROKEN_TRADE,
  TOKEN_ONLY as OUCH_TOKEN_ONLY,
  ORDER_PRIORITY_UPDATE as OUCH_ORDER_PRIORITY_UPDATE,
  ORDER_MODIFIED as OUCH_ORDER_MODIFIED,
} from './ouch/ouch-descriptor.ts';
export type { OuchInboundTypeCode, OuchOutboundTypeCode } from './ouch/ouch-descriptor.ts';
export { OuchStatus } from './ouch/ouch-status.ts';
export type { OuchStatusCode } from './ouch/ouch-status.ts';
export {
  OuchSide,
  OuchDisplay,
  OuchCapacity,
  OuchIntermarketSweep,
  OuchCrossType,
  OuchCustomerType,
  OuchOrderState,
  OuchEventCode,
  OuchTimeInForce,
  OuchCancelReason,
  OuchRejectReason,
  OuchBrokenTradeReason,
  OuchLiquidityFlag,
  OUCH_VALID_CHARS,
} from './ouch/ouch-codes.ts';
export {
  writeTokenBase36,
  readTokenBase36,
  writeTokenDecimal,
  readTokenDecimal,
  MAX_DECIMAL_TOKEN_ID,
  isValidToken,
  copyToken,
  tokenEquals,
  tokenToString,
  writeTokenString,
} from './ouch/ouch-token.ts';
export type {
  EnterOrderFields,
  ReplaceOrderFields,
  CancelOrderFields,
  ModifyOrderFields,
  OuchOutboundHeaderFields,
  OuchSystemEventFields,
  AcceptedFields,
  ReplacedFields,
  CanceledFields,
  AiqCanceledFields,
  ExecutedFields,
  OuchBrokenTradeFields,
  RejectedFields,
  TokenOnlyFields,
  OrderPriorityUpdateFields,
  OrderModifiedFields,
} from './ouch/ouch-fields.ts';
export {
  encodeEnterOrder,
  encodeReplaceOrder,
  encodeCancelOrder,
  encodeModifyOrder,
} from './ouch/ouch-encode-inbound.ts';
export {
  encodeOuchSystemEvent,
  encodeAccepted,
  encodeReplaced,
  encodeCanceled,
  encodeAiqCanceled,
  encodeExecuted,
  encodeOuchBrokenTrade,
  encodeRejected,
  encodeCancelPending,
  encodeCancelReject,
  encodeOrderPriorityUpdate,
  encodeOrderModified,
} from './ouch/ouch-encode-outbound.ts';
export { OuchFlyweight, OuchOutboundFlyweight } from './ouch/ouch-flyweight.ts';
export type { OuchBadFieldSink } from './ouch/ouch-flyweight.ts';
export {
  OuchEnterOrderMessage,
  OuchReplaceOrderMessage,
  OuchCancelOrderMessage,
  OuchModifyOrderMessage,
} from './ouch/ouch-inbound-flyweights.ts';
export { OuchAcceptedMessage, OuchReplacedMessage } from './ouch/ouch-order-flyweights.ts';
export {
  OuchSystemEventMessage,
  OuchCanceledMessage,
  OuchAiqCanceledMessage,
  OuchExecutedMessage,
  OuchBrokenTradeMessage,
  OuchRejectedMessage,
  OuchCancelPendingMessage,
  OuchCancelRejectMessage,
  OuchOrderPriorityUpdateMessage,
  OuchOrderModifiedMessage,
} from './ouch/ouch-event-flyweights.ts';
export { OuchInboundDecoder, OuchOutboundDecoder } from './ouch/ouch-decoder.ts';
export { OuchErrorCounters, ouchErrorName, OUCH_ERROR_SLOTS } from './ouch/ouch-error-counters.ts';
export type { OuchErrorLogger } from './ouch/ouch-error-counters.ts';
