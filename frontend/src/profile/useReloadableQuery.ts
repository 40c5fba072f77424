import { useCallback, useEffect, useState } from "react";
import { request, type Operation } from "../graphql/client";
import type { QueryState } from "../graphql/useQuery";

/**
 * useReloadableQuery runs the operation like useQuery, and reload() runs it
 * again while the page keeps showing the previous data (open forms and focus
 * stay where they are).
 */
export function useReloadableQuery<TData, TVariables>(
  operation: Operation<TData, TVariables>,
  variables: TVariables,
): { state: QueryState<TData>; reload: () => Promise<void> } {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ key: string; value: QueryState<TData> }>({ key, value: { status: "loading" } });

  useEffect(() => {
    const controller = new AbortController();
    request(operation, JSON.parse(key) as TVariables, { signal: controller.signal }).then(
      (data) => setState({ key, value: { status: "success", data } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, value: { status: "error", error } });
      },
    );
    return () => controller.abort();
  }, [operation, key]);

  const reload = useCallback(async () => {
    try {
      const data = await request(operation, JSON.parse(key) as TVariables);
      setState({ key, value: { status: "success", data } });
    } catch (error) {
      setState({ key, value: { status: "error", error } });
    }
  }, [operation, key]);

  return { state: state.key === key ? state.value : { status: "loading" }, reload };
}
