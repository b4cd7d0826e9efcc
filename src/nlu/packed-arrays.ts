// Typed arrays kept in a model file as base64: a handful of strings rather than a number per weight.

/** The bytes of a typed array as base64. */
export const toBase64 = (array: Uint32Array | Uint16Array | Float32Array): string => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

/** The bytes written by `toBase64`, in a buffer of their own. */
// Copied into a fresh buffer: a Buffer may sit at any offset of a shared pool, a typed array may not.
export const fromBase64 = (text: string): ArrayBuffer => {
  const bytes = Buffer.from(text, 'base64');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};
