import { useEffect, useState } from "react";
import { request, type Operation } from "./client";

/** QueryState is the state of a query as a page renders it. */
export type QueryState<TData> =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "success"; data: TData };

/**
 * useQuery runs the operation when the component mounts and again when the
 * variables change (compared by value); a newer request aborts the older one.
 * With skip, nothing is requested and the state stays "loading".
 */
export function useQuery<TData, TVariables>(
  operation: Operation<TData, TVariables>,
  variables: TVariables,
  options: { skip?: boolean } = {},
): QueryState<TData> {
  const key = JSON.stringify(variables);
  const skip = options.skip ?? false;
  const [state, setState] = useState<{ key: string; value: QueryState<TData> }>({
    key,
    value: { status: "loading" },
  });

  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    request(operation, JSON.parse(key) as TVariables, { signal: controller.signal }).then(
      (data) => setState({ key, value: { status: "success", data } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, value: { status: "error", error } });
      },
    );
    return () => controller.abort();
  }, [operation, key, skip]);

  // A result for other variables is stale: show loading until ours arrives.
  return state.key === key ? state.value : { status: "loading" };
}
