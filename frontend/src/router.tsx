// A tiny client-side router: the History API, a route table matched by a pure
// function, and a Link that intercepts same-origin clicks. Passerelles has a
// handful of routes with at most one parameter; a library would bring loaders,
// nested layouts and data APIs that we do not use, and we need our own hooks
// anyway for what matters here: the document title and moving focus to the
// page heading after each navigation (RGAA 12.x, WCAG 2.4.3).
import {
  useEffect,
  useRef,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from "react";

/** Location is the part of the browser location the router renders from. */
export type Location = {
  pathname: string;
  /**
   * search is the query string ("?texte=data", or ""). A page that keeps its
   * state in it (the talent search) re-renders when it changes, but a change of
   * search alone is no navigation: the page stays mounted and focus stays put.
   */
  search: string;
  /**
   * hash is the fragment ("#agenda", or ""): the section of the page the
   * address names (see useHashTarget). A change of hash alone is no navigation.
   */
  hash: string;
  /** navigation counts client-side navigations (changes of pathname) since the page was loaded. */
  navigation: number;
};

const listeners = new Set<() => void>();
let current: Location = { pathname: readPathname(), search: readSearch(), hash: readHash(), navigation: 0 };

function readPathname(): string {
  return typeof window === "undefined" ? "/" : window.location.pathname;
}

function readSearch(): string {
  return typeof window === "undefined" ? "" : window.location.search;
}

function readHash(): string {
  return typeof window === "undefined" ? "" : window.location.hash;
}

function emit(): void {
  for (const listener of listeners) listener();
}

// popstate also fires on in-page anchors (the skip link): only a change of
// pathname is a navigation; a change of query string or hash alone (the back
// button on the talent search, « Choisir comment les recevoir ») updates the
// location without one.
function onPopState(): void {
  const pathname = readPathname();
  const search = readSearch();
  const hash = readHash();
  if (pathname === current.pathname && search === current.search && hash === current.hash) return;
  const navigation = pathname === current.pathname ? current.navigation : current.navigation + 1;
  current = { pathname, search, hash, navigation };
  emit();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener("popstate", onPopState);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener("popstate", onPopState);
  };
}

/** useLocation returns the current location and re-renders when it changes. */
export function useLocation(): Location {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => current,
  );
}

/** navigate goes to an in-app path, as a click on a link would. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (options.replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  const { pathname, search, hash } = url;
  if (pathname !== current.pathname) {
    current = { pathname, search, hash, navigation: current.navigation + 1 };
    window.scrollTo?.(0, 0);
    emit();
  } else if (search !== current.search || hash !== current.hash) {
    current = { pathname, search, hash, navigation: current.navigation };
    emit();
  }
}

/** Route is one entry of the route table. */
export type Route<C> = {
  /** pattern is a path such as "/referentiels/:code". */
  pattern: string;
  component: C;
  /** requiresAuth marks a page for signed-in people only; others see why and how to sign in. */
  requiresAuth?: boolean;
};

/** RouteMatch is the route that a path resolved to, with its parameters. */
export type RouteMatch<C> = { route: Route<C>; params: Record<string, string> };

/**
 * matchRoute returns the first route whose pattern matches pathname, or null.
 * A trailing slash is ignored; parameters are URL-decoded and never empty.
 */
export function matchRoute<C>(routes: readonly Route<C>[], pathname: string): RouteMatch<C> | null {
  const segments = split(pathname);
  if (segments === null) return null;
  for (const route of routes) {
    const pattern = split(route.pattern) ?? [];
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matched = pattern.every((part, i) => {
      const segment = segments[i] ?? "";
      if (part.startsWith(":")) {
        params[part.slice(1)] = segment;
        return segment !== "";
      }
      return part === segment;
    });
    if (matched) return { route, params };
  }
  return null;
}

function split(pathname: string): string[] | null {
  try {
    return pathname
      .split("/")
      .filter((s) => s !== "")
      .map((s) => decodeURIComponent(s));
  } catch {
    return null; // malformed percent-encoding: no route matches
  }
}

/** LinkProps are an anchor's props; href is required. */
export type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ReactNode };

/**
 * SERVER_PATHS are served by the Go server itself, never by the SPA: sign-in
 * and sign-out must be full-page navigations.
 */
const SERVER_PATHS = ["/auth", "/devidp", "/graphql", "/healthz", "/readyz", "/calendar", "/exports"];

/** isServerPath tells whether href (a path) leads to a route of the server rather than of the SPA. */
export function isServerPath(href: string): boolean {
  const path = href.split(/[?#]/, 1)[0] ?? "";
  return SERVER_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * isInAppClick tells whether a click on a link to href should be handled by
 * the router rather than by the browser.
 */
export function isInAppClick(
  event: Pick<MouseEvent, "button" | "metaKey" | "altKey" | "ctrlKey" | "shiftKey" | "defaultPrevented">,
  href: string,
  target?: string,
): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return false;
  if (target !== undefined && target !== "" && target !== "_self") return false;
  // In-page anchors ("#contenu"), other origins and the server's own routes
  // are left to the browser.
  return href.startsWith("/") && !href.startsWith("//") && !isServerPath(href);
}

/** Link renders an anchor that navigates without reloading the page. */
export function Link({ href, onClick, children, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(event) => {
        onClick?.(event);
        if (!isInAppClick(event, href, rest.target)) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

/** SITE_NAME ends every document title. */
export const SITE_NAME = "Passerelles";

/** documentTitle builds "Page — Section — Passerelles" from the most specific part first. */
export function documentTitle(...parts: string[]): string {
  return [...parts.filter((p) => p.trim() !== ""), SITE_NAME].join(" — ");
}

/** useDocumentTitle sets document.title while the calling page is shown. */
export function useDocumentTitle(...parts: string[]): void {
  const title = documentTitle(...parts);
  useEffect(() => {
    document.title = title;
  }, [title]);
}

// The navigation whose heading already received focus: a page heading that
// re-renders, or that appears only once its data has loaded, takes focus once.
let focusedNavigation = 0;

/**
 * useFocusOnNavigation moves focus to the element (the page's h1, with
 * tabIndex -1) after each client-side navigation, but not on the first load,
 * so that the skip link stays the first stop of the Tab key.
 */
export function useFocusOnNavigation(ref: RefObject<HTMLElement | null>): void {
  const { navigation } = useLocation();
  useEffect(() => {
    if (navigation > focusedNavigation && ref.current) {
      focusedNavigation = navigation;
      ref.current.focus();
    }
  });
}

// The (navigation, hash) whose section already received focus: a section
// takes it once per address, not again at each re-render.
let focusedHash = "";

/**
 * useHashTarget gives the focus (and the view) to the element, a section's
 * heading with an id and tabIndex -1, when the address names it
 * ("/mon-espace#agenda", "/notifications#preferences", the emails' links):
 * on the first load, after a client-side navigation and after a change of
 * hash alone, once ready is true (its content loaded, so that it does not move
 * away under the reader). It runs after the page heading took the focus.
 */
export function useHashTarget(ref: RefObject<HTMLElement | null>, ready = true): void {
  const { hash, navigation } = useLocation();
  useEffect(() => {
    const el = ref.current;
    if (!ready || el === null || el.id === "" || hash !== `#${el.id}`) return;
    const key = `${navigation}${hash}`;
    if (focusedHash === key) return;
    focusedHash = key;
    el.scrollIntoView?.({ block: "start" });
    el.focus({ preventScroll: true });
  });
}

/** PageHeading is the h1 of a page; it receives focus after navigation. */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(ref);
  return (
    <h1 ref={ref} tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}
