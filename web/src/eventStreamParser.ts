/**
 * One event of a `text/event-stream`: its type (`message` unless an `event:` line named
 * another), its data (the `data:` lines joined by LF) and the last event ID as of this event
 * (the latest `id:`, which carries over to later events that name none).
 */
export interface ServerSentEvent {
  readonly type: string;
  readonly data: string;
  readonly lastEventId: string;
}

export interface EventStreamHandlers {
  /** A dispatched event, in stream order. */
  event(event: ServerSentEvent): void;
  /** A `retry:` line: the server's reconnection time, in milliseconds. */
  retry?(milliseconds: number): void;
}

const LF = 10;
const CR = 13;

/**
 * The event stream interpretation of the WHATWG HTML standard (§9.2.6 "Interpreting an event
 * stream"), fed decoded text in chunks of any size: lines end with CRLF, LF or CR (a CRLF may
 * be split across chunks); a blank line dispatches the event; a line that starts with `:` is a
 * comment (the service's heartbeats); `field: value` loses one leading space of its value; a
 * line without a colon is a field with an empty value; unknown fields are ignored; field names
 * are case-sensitive. An event with no data is not dispatched, but its `id:` still sets the
 * last event ID. An `id:` containing U+0000 and a `retry:` that is not all ASCII digits are
 * ignored. What follows the last blank line is discarded when the stream ends: make a new
 * parser per connection, passing the last event ID on.
 *
 * Decoding is the caller's: a `TextDecoder` (UTF-8, `stream: true`) also strips the leading
 * byte order mark the standard allows.
 */
export class EventStreamParser {
  #line = '';
  /** The previous chunk ended with CR: an LF that starts the next one ends no second line. */
  #afterCr = false;
  #data = '';
  #type = '';
  #idBuffer: string;
  #lastEventId: string;

  constructor(
    private readonly handlers: EventStreamHandlers,
    lastEventId = '',
  ) {
    this.#idBuffer = lastEventId;
    this.#lastEventId = lastEventId;
  }

  /** The ID a reconnection sends as `Last-Event-ID`: set when an event is dispatched, '' until then. */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** Feed the next decoded chunk. */
  push(text: string): void {
    if (text.length === 0) return;
    let start = this.#afterCr && text.charCodeAt(0) === LF ? 1 : 0;
    this.#afterCr = false;
    for (let i = start; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== LF && code !== CR) continue;
      const line = this.#line + text.slice(start, i);
      this.#line = '';
      if (code === CR) {
        if (i + 1 === text.length) this.#afterCr = true;
        else if (text.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
      this.#interpret(line);
    }
    this.#line += text.slice(start);
  }

  #interpret(line: string): void {
    if (line === '') {
      this.#dispatch();
    } else if (line.startsWith(':')) {
      // A comment: the service's heartbeats.
    } else {
      const colon = line.indexOf(':');
      if (colon === -1) {
        this.#field(line, '');
      } else {
        const value = line.slice(colon + 1);
        this.#field(line.slice(0, colon), value.startsWith(' ') ? value.slice(1) : value);
      }
    }
  }

  #field(name: string, value: string): void {
    switch (name) {
      case 'event':
        this.#type = value;
        break;
      case 'data':
        this.#data += `${value}\n`;
        break;
      case 'id':
        if (!value.includes('\0')) this.#idBuffer = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) this.handlers.retry?.(Number.parseInt(value, 10));
        break;
      default:
        break;
    }
  }

  #dispatch(): void {
    this.#lastEventId = this.#idBuffer;
    const data = this.#data;
    const type = this.#type;
    this.#data = '';
    this.#type = '';
    if (data === '') return;
    this.handlers.event({ type: type || 'message', data: data.slice(0, -1), lastEventId: this.#lastEventId });
  }
}
