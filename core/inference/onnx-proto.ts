/**
 * Just enough of ONNX's protobuf wire format to write tiny models by hand (the provider probe, test
 * models): length-delimited fields, varints and strings. An ONNX library would be a dependency for this alone.
 */
function varint(value: number): number[] {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return bytes;
}

export function varintField(number: number, value: number): Uint8Array {
  return Uint8Array.from([...varint(number << 3), ...varint(value)]);
}

export function field(number: number, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([...varint((number << 3) | 2), ...varint(payload.length), ...payload]);
}

/** ASCII only (tensor and op names): core has no TextEncoder. */
export function stringField(number: number, text: string): Uint8Array {
  return field(number, Uint8Array.from(text, (c) => c.charCodeAt(0) & 0x7f));
}

export function message(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** ValueInfoProto of a float tensor; string sizes become symbolic dimensions. */
export function floatTensorInfo(name: string, shape: readonly (number | string)[]): Uint8Array {
  const dims = field(2, message(shape.map((d) => field(1, typeof d === 'number' ? varintField(1, d) : stringField(2, d)))));
  return message([stringField(1, name), field(2, message([field(1, message([varintField(1, 1 /* FLOAT */), dims]))]))]);
}

/** NodeProto; `ints` become INT attributes (type 2). */
export function node(op: string, inputs: string[], outputs: string[], ints: Record<string, number> = {}): Uint8Array {
  const attributes = Object.entries(ints).map(([name, value]) => field(5, message([stringField(1, name), varintField(3, value), varintField(20, 2)])));
  return message([...inputs.map((i) => stringField(1, i)), ...outputs.map((o) => stringField(2, o)), stringField(4, op), ...attributes]);
}

/** ModelProto (IR 8, default opset 13) around one graph. */
export function model(name: string, nodes: Uint8Array[], inputs: Uint8Array[], outputs: Uint8Array[]): Uint8Array {
  const graph = message([...nodes.map((n) => field(1, n)), stringField(2, name), ...inputs.map((i) => field(11, i)), ...outputs.map((o) => field(12, o))]);
  return message([varintField(1, 8), field(7, graph), field(8, message([stringField(1, ''), varintField(2, 13)]))]);
}
