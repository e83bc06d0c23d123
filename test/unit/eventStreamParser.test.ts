import { describe, expect, it } from 'vitest';
import { EventStreamParser, type ServerSentEvent } from '../../web/src/eventStreamParser.js';

/**
 * The map page's Server-Sent Events parser, on wire text, against the WHATWG HTML standard
 * (§9.2.6 "Interpreting an event stream"; the first four cases are the standard's own
 * examples). Each case is fed whole, then split at every character, then one character at a
 * time: where chunks break must never change what is dispatched.
 */
interface Case {
  readonly name: string;
  readonly wire: string;
  readonly events: Partial<ServerSentEvent>[];
  /** The last event ID after the stream (what a reconnection sends). @defaultValue '' */
  readonly lastEventId?: string;
  readonly retries?: number[];
  /** The last event ID the parser starts with (carried over from an earlier connection). */
  readonly resumedFrom?: string;
}

const CASES: Case[] = [
  {
    name: 'the standard: data lines joined by LF, type message',
    wire: 'data: YHOO\ndata: +2\ndata: 10\n\n',
    events: [{ type: 'message', data: 'YHOO\n+2\n10', lastEventId: '' }],
  },
  {
    name: 'the standard: a comment, an id that carries over, an empty id that resets it, the unfinished event dropped',
    wire: ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n',
    events: [
      { data: 'first event', lastEventId: '1' },
      { data: 'second event', lastEventId: '' },
    ],
    lastEventId: '',
  },
  {
    name: 'the standard: a field with no colon has an empty value; one empty line of data is an empty event',
    wire: 'data\n\ndata\ndata\n\ndata:',
    events: [{ data: '' }, { data: '\n' }],
  },
  {
    name: 'the standard: one leading space is stripped, no more',
    wire: 'data:test\n\ndata: test\n\ndata:  test\n\n',
    events: [{ data: 'test' }, { data: 'test' }, { data: ' test' }],
  },
  {
    name: "the service's frame: id is the position, event the type, data the envelope",
    wire: 'retry: 2000\n\nid: 42\nevent: ClaimRecorded\ndata: {"position":"42","type":"ClaimRecorded"}\n\n: heartbeat\n\n',
    events: [{ type: 'ClaimRecorded', data: '{"position":"42","type":"ClaimRecorded"}', lastEventId: '42' }],
    lastEventId: '42',
    retries: [2000],
  },
  {
    name: 'CRLF, CR and LF line endings, mixed',
    wire: 'id: 1\r\nevent: a\r\ndata: x\r\n\r\nid: 2\revent: b\rdata: y\r\rid: 3\nevent: c\ndata: z\n\n',
    events: [
      { type: 'a', data: 'x', lastEventId: '1' },
      { type: 'b', data: 'y', lastEventId: '2' },
      { type: 'c', data: 'z', lastEventId: '3' },
    ],
    lastEventId: '3',
  },
  {
    name: 'a CRLF is one line end, not a line end and a blank line',
    wire: 'data: a\r\ndata: b\r\n\r\n',
    events: [{ data: 'a\nb' }],
  },
  {
    name: 'the event type applies to one event only',
    wire: 'event: ClaimRetracted\ndata: 1\n\ndata: 2\n\n',
    events: [
      { type: 'ClaimRetracted', data: '1' },
      { type: 'message', data: '2' },
    ],
  },
  {
    name: 'an empty event type is message',
    wire: 'event:\ndata: x\n\n',
    events: [{ type: 'message', data: 'x' }],
  },
  {
    name: 'an event without data is not dispatched, but its id becomes the last event ID',
    wire: 'id: 7\nevent: ignored\n\ndata: after\n\n',
    events: [{ type: 'message', data: 'after', lastEventId: '7' }],
    lastEventId: '7',
  },
  {
    name: 'an id takes effect when its event is dispatched, not before',
    wire: 'data: one\nid: 1\n\ndata: two\nid: 2\n',
    events: [{ data: 'one', lastEventId: '1' }],
    lastEventId: '1',
  },
  {
    name: 'an id containing NULL is ignored',
    wire: 'id: 5\n\nid: 6\0x\ndata: x\n\n',
    events: [{ data: 'x', lastEventId: '5' }],
    lastEventId: '5',
  },
  {
    name: 'the last event ID carries over from the connection before',
    wire: 'data: resumed\n\n',
    resumedFrom: '41',
    events: [{ data: 'resumed', lastEventId: '41' }],
    lastEventId: '41',
  },
  {
    name: 'retry: only ASCII digits count',
    wire: 'retry: 1500\nretry: 1.5\nretry: -1\nretry:\nretry: 10s\nretry:300\n\n',
    events: [],
    retries: [1500, 300],
  },
  {
    name: 'unknown fields, field names in another case, and comments are ignored',
    wire: 'Data: no\nDATA: no\nfoo: bar\n:comment\n: data: no\ndata: yes\n\n',
    events: [{ data: 'yes' }],
  },
  {
    name: 'only the first colon separates the field from its value',
    wire: 'data: a: b:c\n\n',
    events: [{ data: 'a: b:c' }],
  },
  {
    name: 'blank lines alone dispatch nothing',
    wire: '\n\n\r\n\r\r\n',
    events: [],
  },
  {
    name: 'Arabic data passes through unchanged',
    wire: 'data: {"quote":"السيطرة على 80 بالمئة من بلدة السوسة"}\n\n',
    events: [{ data: '{"quote":"السيطرة على 80 بالمئة من بلدة السوسة"}' }],
  },
];

const parse = (chunks: string[], resumedFrom?: string) => {
  const events: ServerSentEvent[] = [];
  const retries: number[] = [];
  const parser = new EventStreamParser({ event: (e) => events.push(e), retry: (ms) => retries.push(ms) }, resumedFrom);
  for (const chunk of chunks) parser.push(chunk);
  return { events, retries, lastEventId: parser.lastEventId };
};

/** The wire text whole, split in two at every position, and one character at a time. */
const splits = (wire: string): [string, string[]][] => [
  ['whole', [wire]],
  ...Array.from(
    { length: wire.length - 1 },
    (_, i) => [`split at ${i + 1}`, [wire.slice(0, i + 1), wire.slice(i + 1)]] as [string, string[]],
  ),
  ['one character at a time', [...wire]],
];

describe('EventStreamParser (WHATWG HTML §9.2.6), on wire text', () => {
  it.each(CASES)('$name', ({ wire, events, lastEventId = '', retries = [], resumedFrom }) => {
    for (const [how, chunks] of splits(wire)) {
      const result = parse(chunks, resumedFrom);
      expect(result.events.length, how).toBe(events.length);
      for (const [i, event] of result.events.entries()) expect(event, `${how}, event ${i}`).toMatchObject(events[i]!);
      expect(result.lastEventId, how).toBe(lastEventId);
      expect(result.retries, how).toEqual(retries);
    }
  });

  it('keeps a trailing CR pending, so that an LF opening the next chunk ends no second line', () => {
    const whole = parse(['data: a\r\ndata: b\r\n\r\n']);
    const torn = parse(['data: a\r', '\ndata: b\r', '\n\r', '\n']);
    expect(torn.events).toEqual(whole.events);
    expect(torn.events).toEqual([{ type: 'message', data: 'a\nb', lastEventId: '' }]);
  });
});
