import { type DependencyList, useCallback, useEffect, useState } from "react";

export type Async<T> =
  | { readonly state: "loading" }
  | { readonly state: "ok"; readonly value: T }
  | { readonly state: "error"; readonly error: Error };

/** Runs `load` when `deps` change; `reload` runs it again (after a write). */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): [Async<T>, () => void] {
  const [result, setResult] = useState<Async<T>>({ state: "loading" });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to reload
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setResult({ state: "ok", value }),
      (error: unknown) =>
        live &&
        setResult({ state: "error", error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [result, reload];
}
