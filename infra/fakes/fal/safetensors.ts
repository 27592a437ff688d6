/**
 * A valid .safetensors file of an exact size, produced as a stream: an 8-byte little-endian
 * header length, a JSON header naming one F16 tensor, then the tensor's bytes.
 */
export function safetensorsHeader(totalBytes: number, metadata: Record<string, string>): { header: Buffer; dataBytes: number } {
  let dataBytes = totalBytes - 8 - 256;
  for (let i = 0; i < 4; i++) {
    const json = JSON.stringify({
      __metadata__: metadata,
      "lora_unet.weight": { dtype: "F16", shape: [Math.floor(dataBytes / 2)], data_offsets: [0, dataBytes] },
    });
    // Pad the header with spaces so the tensor data is 8-byte aligned and the total is exact.
    let headerLen = Buffer.byteLength(json);
    headerLen += (8 - (headerLen % 8)) % 8;
    const nextData = totalBytes - 8 - headerLen;
    if (nextData === dataBytes && nextData % 2 === 0) {
      const header = Buffer.alloc(8 + headerLen, 0x20);
      header.writeBigUInt64LE(BigInt(headerLen), 0);
      header.write(json, 8, "utf8");
      return { header, dataBytes };
    }
    dataBytes = nextData % 2 === 0 ? nextData : nextData - 8;
  }
  throw new Error(`cannot lay out a safetensors file of ${totalBytes} bytes`);
}

export function safetensorsStream(totalBytes: number, metadata: Record<string, string>, bytesPerSecond = 0): ReadableStream<Uint8Array> {
  const { header, dataBytes } = safetensorsHeader(totalBytes, metadata);
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
  let sent = -1;
  return new ReadableStream({
    async pull(controller) {
      if (sent < 0) {
        controller.enqueue(new Uint8Array(header));
        sent = 0;
        return;
      }
      if (sent >= dataBytes) {
        controller.close();
        return;
      }
      const n = Math.min(chunk.length, dataBytes - sent);
      if (bytesPerSecond > 0) await new Promise((r) => setTimeout(r, (n / bytesPerSecond) * 1000));
      controller.enqueue(new Uint8Array(chunk.subarray(0, n)));
      sent += n;
    },
  });
}
