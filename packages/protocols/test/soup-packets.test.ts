// Exact bytes of SoupBinTCP packets and ASCII fields, checked against the spec's layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  LOGIN_ACCEPTED_PACKET_BYTES,
  LOGIN_REQUEST_PACKET_BYTES,
  SoupPacketType,
  SoupRejectReason,
  SoupStatus,
  readSoupAlpha,
  readSoupNumeric,
  writeSoupEmptyPacket,
  writeSoupLoginAccepted,
  writeSoupLoginRejected,
  writeSoupLoginRequest,
  writeSoupNumeric,
  writeSoupDataPacket,
} from '@ringside/protocols';

const ascii = (b: Uint8Array): string => String.fromCharCode(...b);

test('login request: 49 bytes, length 47, fields padded as the spec says', () => {
  const buf = new Uint8Array(64);
  const n = writeSoupLoginRequest(buf, 0, {
    username: 'ABC',
    password: 'secret',
    session: 'S1',
    sequenceNumber: 1234,
  });
  assert.equal(n, LOGIN_REQUEST_PACKET_BYTES);
  assert.equal(n, 49);
  assert.deepEqual([buf[0], buf[1]], [0, 47]);
  assert.equal(buf[2], 'L'.charCodeAt(0));
  assert.equal(ascii(buf.subarray(3, 9)), 'ABC   '); // username: left-justified
  assert.equal(ascii(buf.subarray(9, 19)), 'secret    '); // password: left-justified
  assert.equal(ascii(buf.subarray(19, 29)), '        S1'); // session: padded on the left
  assert.equal(ascii(buf.subarray(29, 49)), ' '.repeat(16) + '1234'); // numeric: right-justified
  assert.equal(
    writeSoupLoginRequest(buf, 0, { username: '', password: '', session: '', sequenceNumber: 0 }),
    49,
  );
  assert.equal(ascii(buf.subarray(19, 49)), ' '.repeat(29) + '0');
});

test('login request rejects fields that do not fit', () => {
  const buf = new Uint8Array(64);
  const base = { username: 'U', password: 'P', session: '', sequenceNumber: 1 };
  assert.equal(writeSoupLoginRequest(buf, 0, { ...base, username: 'TOOLONG' }), SoupStatus.BAD_FIELD);
  assert.equal(writeSoupLoginRequest(buf, 0, { ...base, session: 'ELEVENCHARS' }), SoupStatus.BAD_FIELD);
  assert.equal(writeSoupLoginRequest(buf, 0, { ...base, password: 'bad\n' }), SoupStatus.BAD_FIELD);
  assert.equal(writeSoupLoginRequest(buf, 0, { ...base, sequenceNumber: -1 }), SoupStatus.BAD_FIELD);
  assert.equal(writeSoupLoginRequest(buf, 0, { ...base, sequenceNumber: 1.5 }), SoupStatus.BAD_FIELD);
  assert.equal(writeSoupLoginRequest(new Uint8Array(48), 0, base), SoupStatus.BUFFER_TOO_SMALL);
});

test('login accepted / rejected / empty packets', () => {
  const buf = new Uint8Array(40);
  assert.equal(writeSoupLoginAccepted(buf, 0, 'SESSION1', 80661), LOGIN_ACCEPTED_PACKET_BYTES);
  assert.deepEqual([buf[0], buf[1], buf[2]], [0, 31, 'A'.charCodeAt(0)]);
  assert.equal(ascii(buf.subarray(3, 13)), '  SESSION1');
  assert.equal(readSoupAlpha(buf, 3, 10), 'SESSION1');
  assert.equal(readSoupNumeric(buf, 13, 20), 80661);
  assert.equal(writeSoupLoginRejected(buf, 0, SoupRejectReason.NOT_AUTHORIZED), 4);
  assert.deepEqual(Array.from(buf.subarray(0, 4)), [0, 2, 0x4a, 0x41]);
  assert.equal(writeSoupEmptyPacket(buf, 0, SoupPacketType.SERVER_HEARTBEAT), 3);
  assert.deepEqual(Array.from(buf.subarray(0, 3)), [0, 1, 'H'.charCodeAt(0)]);
  const payload = Uint8Array.of(9, 8, 7);
  assert.equal(writeSoupDataPacket(buf, 1, SoupPacketType.SEQUENCED_DATA, payload, 0, 3), 6);
  assert.deepEqual(Array.from(buf.subarray(1, 7)), [0, 4, 0x53, 9, 8, 7]);
  assert.equal(
    writeSoupDataPacket(new Uint8Array(70000), 0, 0x53, new Uint8Array(65535), 0, 65535),
    SoupStatus.PAYLOAD_TOO_LONG,
  );
});

test('numeric fields round-trip and reject garbage', () => {
  fc.assert(
    fc.property(fc.maxSafeNat(), (v) => {
      const buf = new Uint8Array(20);
      assert.equal(writeSoupNumeric(buf, 0, 20, v), 20);
      assert.equal(readSoupNumeric(buf, 0, 20), v);
    }),
  );
  const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
  assert.equal(readSoupNumeric(enc('        '), 0, 8), 0);
  assert.equal(readSoupNumeric(enc('42      '), 0, 8), 42); // right-padded peers are read too
  assert.equal(readSoupNumeric(enc('  4 2   '), 0, 8), SoupStatus.BAD_FIELD);
  assert.equal(readSoupNumeric(enc('   -1   '), 0, 8), SoupStatus.BAD_FIELD);
  assert.equal(readSoupNumeric(enc('00000x01'), 0, 8), SoupStatus.BAD_FIELD);
  assert.equal(readSoupNumeric(enc('99999999999999999999'), 0, 20), SoupStatus.BAD_FIELD); // > 2^53
  assert.equal(writeSoupNumeric(new Uint8Array(3), 0, 3, 1000), SoupStatus.BAD_FIELD);
});
