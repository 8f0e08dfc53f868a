/** How many RegExp objects `fn` builds (constructor calls, literals excluded), counted by a proxy on the global. */
export function countRegExpBuilds(fn: () => void): number {
  const Original = globalThis.RegExp;
  let built = 0;
  globalThis.RegExp = new Proxy(Original, {
    construct(target, args: [string, string?]) {
      built++;
      return new target(...args);
    },
  });
  try {
    fn();
  } finally {
    globalThis.RegExp = Original;
  }
  return built;
}
