/**
 * A four-element `y = x + x` ONNX model, encoded here so the provider probe needs no file on disk.
 * Protobuf wire format by hand: it is eight fields, and an ONNX library would be a dependency for this alone.
 */
export function probeModelBytes(): Uint8Array {
  const dims = field(2, message([field(1, message([varintField(1, 4)]))]));
  const tensorType = (name: string) =>
    message([stringField(1, name), field(2, message([field(1, message([varintField(1, 1 /* FLOAT */), dims]))]))]);
  const node = message([stringField(1, 'x'), stringField(1, 'x'), stringField(2, 'y'), stringField(4, 'Add')]);
  const graph = message([field(1, node), stringField(2, 'probe'), field(11, tensorType('x')), field(12, tensorType('y'))]);
  const opset = message([stringField(1, ''), varintField(2, 13)]);
  return message([varintField(1, 8 /* IR version */), field(7, graph), field(8, opset)]);
}

function varint(value: number): number[] {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  bytes.push(value);
  return bytes;
}

function varintField(number: number, value: number): Uint8Array {
  return Uint8Array.from([...varint(number << 3), ...varint(value)]);
}

function field(number: number, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([...varint((number << 3) | 2), ...varint(payload.length), ...payload]);
}

function stringField(number: number, text: string): Uint8Array {
  return field(number, new TextEncoder().encode(text));
}

function message(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
