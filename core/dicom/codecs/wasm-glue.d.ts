// The cornerstone codec packages ship Emscripten glue without type declarations. Each default export is
// the module factory; wasm-codecs.ts gives the instances their real shapes.
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: (options: object) => Promise<unknown>;
  export default factory;
}
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (options: object) => Promise<unknown>;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (options: object) => Promise<unknown>;
  export default factory;
}
