// mathjs publishes its UMD bundle as a public export (`mathjs/lib/browser/math.js`) without
// a types mapping. It loads in ~0.15 s against ~1.2 s for the ESM entry (1,000+ modules),
// which keeps `headroom validate` start-up light. Same API, same types.
declare module 'mathjs/lib/browser/math.js' {
  const math: typeof import('mathjs');
  export default math;
}
