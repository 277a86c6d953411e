// Prism's server library requires @faker-js/faker at load time (~1 s: every locale) only to hand it
// to json-schema-faker for dynamic mode, which our mocks never use unless asked
// (`Prefer: dynamic=true`). Importing this module first makes that require return a stand-in whose
// faker loads the real one on first use, so start-up skips it and dynamic mode still works.
import Module from "node:module";

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
const original = loader._load;

/** An object that loads its target on first use (json-schema-faker stores faker at start-up). */
function lazyObject(load: () => object): object {
  return new Proxy(
    {},
    {
      get: (_t, key) => Reflect.get(load(), key),
      has: (_t, key) => Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_t, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}

loader._load = function lazyFaker(this: unknown, request, parent, isMain) {
  if (request !== "@faker-js/faker") return original.call(this, request, parent, isMain);
  let real: Record<string, object> | undefined;
  const load = () => (real ??= original.call(this, request, parent, isMain) as Record<string, object>);
  return { __esModule: true, default: lazyObject(() => load().default!), faker: lazyObject(() => load().faker!) };
};
