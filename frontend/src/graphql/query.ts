// The SPA's data layer: TanStack Query over request(). A query's cache key is
// [operation name, variables], so that a mutation invalidates what it changes
// by operation name (every Profile query, whatever its id) and the pages that
// show it refetch while they keep showing the previous data.
import {
  useIsFetching,
  QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
} from "@tanstack/react-query";
import { GraphQLRequestError, request, type Operation } from "./client";

/**
 * createQueryClient returns the SPA's cache. Errors are not retried: the
 * server's refusals are final and a network failure is shown at once with its
 * French message (the person retries). Data is refetched when a page mounts
 * again, not when the window regains focus, which would redraw open forms.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}

/** operationName reads the name of a named operation (« query Profile(…) » gives Profile). */
export function operationName(operation: Operation<unknown, unknown>): string {
  const match = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(operation.toString());
  if (!match?.[1]) throw new Error("operationName: every operation of the SPA is named");
  return match[1];
}

/** queryKey is the cache key of an operation run with variables. */
export function queryKey<TVariables>(operation: Operation<unknown, TVariables>, variables: TVariables) {
  return [operationName(operation as Operation<unknown, unknown>), variables] as const;
}

/**
 * useGraphQLQuery runs a query when the component mounts and again when the
 * variables change; with enabled false it waits (status pending).
 */
export function useGraphQLQuery<TData, TVariables>(
  operation: Operation<TData, TVariables>,
  variables: TVariables,
  options: { enabled?: boolean } = {},
): UseQueryResult<TData, unknown> {
  return useQuery({
    queryKey: queryKey(operation, variables),
    queryFn: ({ signal }) => request(operation, variables, { signal }),
    enabled: options.enabled ?? true,
  });
}

/**
 * useGraphQLMutation runs a mutation; once it succeeded, the queries named in
 * invalidates are refetched before mutateAsync resolves, so that the page
 * shows the change when the caller announces it.
 */
export function useGraphQLMutation<TData, TVariables>(
  operation: Operation<TData, TVariables>,
  invalidates: readonly string[],
): UseMutationResult<TData, unknown, TVariables> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (variables: TVariables) => request(operation, variables),
    onSuccess: () => Promise.all(invalidates.map((name) => client.invalidateQueries({ queryKey: [name] }))),
  });
}

/**
 * usePagedQuery loads a connection page by page (first, after): pages() reads
 * the connection of one page's data.
 */
export function usePagedQuery<TData, TVariables extends { first: number; after?: string | null }>(
  operation: Operation<TData, TVariables>,
  variables: TVariables,
  pageInfo: (data: TData) => { hasNextPage: boolean; endCursor: string | null },
): UseInfiniteQueryResult<InfiniteData<TData, string | null>, unknown> {
  return useInfiniteQuery({
    queryKey: queryKey(operation, variables),
    queryFn: ({ signal, pageParam }) => request(operation, { ...variables, after: pageParam }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => {
      const info = pageInfo(last);
      return info.hasNextPage ? info.endCursor : undefined;
    },
  });
}

/** isNotFound tells whether a query failed because what it asked for does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof GraphQLRequestError && error.code === "NOT_FOUND";
}

/**
 * usePageSettled tells whether no query of the page is loading: a section the
 * address names (useHashTarget) takes the focus then, so that nothing loading
 * above it pushes it out of view afterwards.
 */
export function usePageSettled(): boolean {
  return useIsFetching() === 0;
}
