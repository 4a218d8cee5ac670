// DNS over TCP frames each message with a 2-octet length (RFC 1035 section 4.2.2; RFC 7766).
// FrameReader reassembles frames from arbitrary chunks: a length split across reads, several
// frames in one read, a frame spread over many. A frame is at most 65535 octets by design, so
// the buffer never grows past one frame plus one chunk.

export const MAX_TCP_MESSAGE = 0xffff;

export function frameMessage(wire: Uint8Array): Uint8Array {
  if (wire.length > MAX_TCP_MESSAGE) throw new RangeError(`DNS message of ${wire.length} octets does not fit a TCP frame`);
  const out = new Uint8Array(wire.length + 2);
  out[0] = wire.length >> 8;
  out[1] = wire.length & 0xff;
  out.set(wire, 2);
  return out;
}

export class FrameReader {
  #buffer: Uint8Array = new Uint8Array(0);

  /** Adds received octets; returns the frames (without length prefix) completed by them. */
  push(chunk: Uint8Array): Uint8Array[] {
    this.#buffer = this.#buffer.length === 0 ? Uint8Array.from(chunk) : concat(this.#buffer, chunk);
    const frames: Uint8Array[] = [];
    for (;;) {
      if (this.#buffer.length < 2) break;
      const length = (this.#buffer[0]! << 8) | this.#buffer[1]!;
      if (this.#buffer.length < 2 + length) break;
      frames.push(this.#buffer.slice(2, 2 + length));
      this.#buffer = this.#buffer.subarray(2 + length);
    }
    return frames;
  }

  /** Octets of an incomplete frame received so far, and the frame's announced size if known. */
  get pending(): { received: number; expected: number | undefined } {
    const b = this.#buffer;
    return { received: b.length, expected: b.length >= 2 ? ((b[0]! << 8) | b[1]!) + 2 : undefined };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
