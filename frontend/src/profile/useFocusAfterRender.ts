import { useCallback, useEffect, useRef } from "react";

/**
 * useFocusAfterRender returns focusAfterRender(find): after React's next
 * commit, find() is called and the element it returns takes the focus. Unlike
 * requestAnimationFrame, it cannot run before the re-render that brings the
 * element back (updates made after an await are not flushed synchronously).
 */
export function useFocusAfterRender(): (find: () => HTMLElement | null | undefined) => void {
  const pending = useRef<(() => HTMLElement | null | undefined) | null>(null);
  useEffect(() => {
    const find = pending.current;
    if (find === null) return;
    pending.current = null;
    find()?.focus();
  });
  return useCallback((find) => {
    pending.current = find;
  }, []);
}
