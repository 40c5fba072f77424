import { useId, useState, type ReactNode } from "react";

/**
 * Disclosure is a button that shows or hides its content (WAI-ARIA disclosure
 * pattern). The content is rendered only while open, to keep the DOM small.
 */
export function Disclosure({
  label,
  children,
  className,
  defaultOpen = false,
}: {
  label: ReactNode;
  children: ReactNode;
  className?: string;
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <div className={className}>
      <button
        type="button"
        className={`fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-btn--icon-left ${open ? "fr-icon-arrow-up-s-line" : "fr-icon-arrow-down-s-line"}`}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
      <div id={id} hidden={!open}>
        {open && children}
      </div>
    </div>
  );
}
