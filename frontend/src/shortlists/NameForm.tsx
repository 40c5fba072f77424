import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { formError, type FormError } from "../profile/forms";
import { MAX_NAME, shortlistFieldErrors, shortlistNameSchema, type ShortlistNameDraft } from "./rules";

/**
 * NameForm names a list: the creation form of « Mes listes » and the rename
 * form of each list. save sends the name and throws the server's refusal; a
 * refusal of the name (blank, too long, already taken) goes under the field,
 * which takes the focus, any other in the alert. With focusOnOpen, the field
 * takes the focus when the form appears (« Renommer » opened it).
 */
export function NameForm({
  label,
  submitLabel,
  defaultName = "",
  focusOnOpen = false,
  save,
  onCancel,
  ariaLabel,
}: {
  label: string;
  submitLabel: string;
  defaultName?: string;
  focusOnOpen?: boolean;
  save: (name: string) => Promise<void>;
  onCancel?: () => void;
  ariaLabel: string;
}) {
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<ShortlistNameDraft>({ resolver: zodResolver(shortlistNameSchema), defaultValues: { name: defaultName } });
  const [error, setError] = useState<FormError | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnOpen) setFocus("name");
  }, [focusOnOpen, setFocus]);

  const submit = async ({ name }: ShortlistNameDraft) => {
    setError(null);
    try {
      await save(name);
      reset({ name: defaultName });
    } catch (e) {
      const onName = shortlistFieldErrors(e).find((f) => f.field === "name");
      if (onName) {
        setFieldError("name", { type: "server", message: onName.message }, { shouldFocus: true });
      } else {
        setError(formError(e));
        requestAnimationFrame(() => alertRef.current?.focus());
      }
    }
  };

  return (
    <form className="pl-name-form" onSubmit={(event) => void handleSubmit(submit)(event)} noValidate aria-label={ariaLabel}>
      <div ref={alertRef} tabIndex={-1} className="pl-focus-target">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h4" className="fr-mb-2w" />}
      </div>
      <div className="pl-top-add">
        <Input
          label={label}
          hintText={`${MAX_NAME} caractères au plus.`}
          state={errors.name ? "error" : "default"}
          stateRelatedMessage={errors.name?.message}
          nativeInputProps={{ autoComplete: "off", ...register("name") }}
        />
        <ul className="pl-actions pl-name-form__actions">
          <li>
            <Button type="submit" disabled={isSubmitting}>
              {submitLabel}
            </Button>
          </li>
          {onCancel && (
            <li>
              <Button type="button" priority="secondary" onClick={onCancel}>
                Annuler
              </Button>
            </li>
          )}
        </ul>
      </div>
    </form>
  );
}
