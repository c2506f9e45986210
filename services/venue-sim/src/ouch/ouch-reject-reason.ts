// Which OUCH Rejected reason answers a malformed message, from the field the decoder flagged.
import { OUCH_ENTER_ORDER, OUCH_REPLACE_ORDER, OuchInboundType } from '@ringside/protocols';

/** The reject reason for a message of `type` whose field at `badField` failed validation. */
export function rejectReasonFor(type: number, badField: number): string {
  if (type === OuchInboundType.ENTER_ORDER) {
    switch (badField) {
      case OUCH_ENTER_ORDER.STOCK:
        return 'S'; // invalid stock
      case OUCH_ENTER_ORDER.PRICE:
        return 'X'; // invalid price
      case OUCH_ENTER_ORDER.DISPLAY:
        return 'D'; // invalid display type
      case OUCH_ENTER_ORDER.FIRM:
        return 'L'; // firm not authorized
      default:
        return 'O';
    }
  }
  if (type === OuchInboundType.REPLACE_ORDER) {
    if (badField === OUCH_REPLACE_ORDER.PRICE) return 'X';
    if (badField === OUCH_REPLACE_ORDER.DISPLAY) return 'D';
  }
  return 'O';
}

/** Where the token a Rejected must name sits in a malformed message (-1: none to name). */
export function rejectTokenField(type: number): number {
  if (type === OuchInboundType.ENTER_ORDER) return OUCH_ENTER_ORDER.TOKEN;
  if (type === OuchInboundType.REPLACE_ORDER) return OUCH_REPLACE_ORDER.REPLACEMENT_TOKEN;
  return -1;
}
