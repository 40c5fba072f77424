import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";

/**
 * Confirm asks before something that cannot be undone: the question takes the
 * focus when it appears (no destructive default), then « confirm » or
 * « cancel ». The caller gives the focus back when it goes.
 */
export function Confirm({
  question,
  confirmLabel,
  cancelLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  question: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="pl-confirm pl-focus-target" role="group" aria-labelledby={id}>
      <p id={id} className="fr-mb-1w">
        {question}
      </p>
      <ul className="pl-actions">
        <li>
          <Button type="button" disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            {cancelLabel}
          </Button>
        </li>
      </ul>
    </div>
  );
}
