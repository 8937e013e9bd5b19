/**
 * A native `import()` that survives every compilation of this file. The build
 * (module node16) keeps `import()` in CommonJS output, but ts-jest compiles
 * with module commonjs and turns it into `require()`, which cannot load an
 * ES-only package such as glpk.js. A Function body is never compiled, so the
 * import stays native in both (under jest it then needs
 * --experimental-vm-modules, which `npm test` sets). Bare specifiers resolve
 * from this file's location.
 *
 * The body differs per load of this module: V8 caches compiled Function
 * bodies by source, and a cached one keeps the dynamic-import hook of the
 * first jest test file that compiled it — a later file's import then fails
 * ("reading 'identifier'") once that first environment is torn down.
 */
const nativeImport = new Function('specifier', `return import(specifier); // ${Date.now()}-${Math.random()}`) as (specifier: string) => Promise<unknown>;

export function importEsm<T>(specifier: string): Promise<T> {
  return nativeImport(specifier) as Promise<T>;
}
