// Comlink ships node-adapter.d.ts beside node-adapter.mjs; TypeScript looks for .d.mts there.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
