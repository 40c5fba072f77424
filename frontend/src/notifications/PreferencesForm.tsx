import "../communities/communities.css";
import { useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { NotificationPreferencesQuery } from "../gql/graphql";
import { useGraphQLMutation } from "../graphql/query";
import { fieldErrors, formError, type FormError } from "../profile/forms";
import { preferencesSchema, preferencesSummary, toDraft, toInput, WEEKDAYS, type PreferencesDraft } from "./preferences";
import { UPDATE_NOTIFICATION_PREFERENCES_MUTATION } from "./queries";

type Preferences = NonNullable<NonNullable<NotificationPreferencesQuery["me"]>["notificationPreferences"]>;

const FIELDS = ["delivery", "byEmail", "quietHoursStart", "quietHoursEnd", "digestDay", "digestTime"] as const;

/**
 * PreferencesForm sets how notifications reach the agent: by email or not,
 * immediate or weekly digest (day and time), quiet hours. The rules are
 * preferencesSchema's (the server's); a refused field shows its message under
 * it and takes the focus; done, a confirmation that says what will happen
 * takes the focus. When this server sends no email, the form says so.
 */
export function PreferencesForm({ preferences, email }: { preferences: Preferences; email: string }) {
  const save = useGraphQLMutation(UPDATE_NOTIFICATION_PREFERENCES_MUTATION, ["NotificationPreferences"]);
  const [error, setError] = useState<FormError | null>(null);
  const [done, setDone] = useState("");
  const alertRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    control,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<PreferencesDraft>({ resolver: zodResolver(preferencesSchema), defaultValues: toDraft(preferences) });
  const byEmail = useWatch({ control, name: "byEmail" });
  const delivery = useWatch({ control, name: "delivery" });
  const quiet = useWatch({ control, name: "quiet" });

  const onValid = async (draft: PreferencesDraft) => {
    setError(null);
    setDone("");
    try {
      const input = toInput(draft);
      const result = await save.mutateAsync({ input });
      const saved = result.updateNotificationPreferences?.preferences;
      setDone(preferencesSummary(input, saved?.emailAvailable ?? preferences.emailAvailable));
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (e) {
      const onFields = fieldErrors(e).flatMap((f) => {
        const name = FIELDS.find((n) => n === f.field);
        return name ? [{ name, message: f.message }] : [];
      });
      if (onFields.length > 0) {
        onFields.forEach((f, i) => setFieldError(f.name, { type: "server", message: f.message }, { shouldFocus: i === 0 }));
        setError({ title: "Vos préférences n’ont pas été enregistrées", description: "Corrigez le champ signalé.", invalid: true });
      } else {
        setError(formError(e));
        requestAnimationFrame(() => alertRef.current?.focus());
      }
    }
  };
  const onInvalid = () =>
    setError({ title: "Votre saisie contient des erreurs", description: "Corrigez les champs signalés.", invalid: true });

  return (
    <form aria-labelledby="preferences" noValidate onSubmit={(e) => void handleSubmit(onValid, onInvalid)(e)} className="pl-preferences">
      <div ref={alertRef} tabIndex={-1} role="alert">
        {error && <Alert severity="error" small title={error.title} description={error.description} as="h3" className="fr-mb-2w" />}
      </div>
      {!preferences.emailAvailable && (
        <Alert
          severity="info"
          small
          className="fr-mb-3w"
          description="Ce serveur n’envoie pas de courriel pour le moment : vos notifications restent dans Passerelles, quels que soient vos choix ci-dessous. Ils serviront dès que l’envoi sera configuré."
        />
      )}
      <Checkbox
        options={[
          {
            label: "Recevoir aussi mes notifications par courriel",
            hintText: email !== "" ? `À l’adresse ${email}, celle de votre compte professionnel.` : undefined,
            nativeInputProps: register("byEmail"),
          },
        ]}
      />
      <fieldset className="fr-fieldset" disabled={!byEmail} aria-describedby={!byEmail ? "pl-pref-disabled" : undefined}>
        <legend className="fr-fieldset__legend">Envoi des courriels</legend>
        {!byEmail && (
          <p id="pl-pref-disabled" className="fr-fieldset__element fr-text--sm">
            Cochez « Recevoir aussi mes notifications par courriel » pour choisir quand ils partent.
          </p>
        )}
        <div className="fr-fieldset__element">
          <RadioButtons
            legend="Rythme"
            state={errors.delivery ? "error" : "default"}
            stateRelatedMessage={errors.delivery?.message}
            options={[
              {
                label: "Au fil de l’eau",
                hintText: "Un courriel dès qu’une notification arrive (hors heures de calme).",
                nativeInputProps: { value: "IMMEDIATE", ...register("delivery") },
              },
              {
                label: "Résumé hebdomadaire",
                hintText: "Un seul courriel par semaine, le jour et à l’heure choisis.",
                nativeInputProps: { value: "WEEKLY_DIGEST", ...register("delivery") },
              },
            ]}
          />
        </div>
        {delivery === "WEEKLY_DIGEST" && (
          <div className="fr-fieldset__element pl-pref-row">
            <Select
              label="Jour du résumé"
              state={errors.digestDay ? "error" : "default"}
              stateRelatedMessage={errors.digestDay?.message}
              nativeSelectProps={register("digestDay")}
            >
              {WEEKDAYS.map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label.charAt(0).toUpperCase() + d.label.slice(1)}
                </option>
              ))}
            </Select>
            <Input
              label="Heure du résumé"
              hintText="Heure de Paris, HH:MM."
              state={errors.digestTime ? "error" : "default"}
              stateRelatedMessage={errors.digestTime?.message}
              nativeInputProps={{ type: "time", ...register("digestTime") }}
            />
          </div>
        )}
        <div className="fr-fieldset__element">
          <Checkbox
            options={[
              {
                label: "Heures de calme",
                hintText:
                  "Aucun courriel pendant ces heures, chaque jour : ceux qui arrivent partent ensemble à leur fin. Pour une nuit, la fin est plus tôt que le début (22:00 à 07:00).",
                nativeInputProps: register("quiet"),
              },
            ]}
          />
        </div>
        {quiet && (
          <div className="fr-fieldset__element pl-pref-row">
            <Input
              label="Début des heures de calme"
              hintText="Heure de Paris, HH:MM."
              state={errors.quietHoursStart ? "error" : "default"}
              stateRelatedMessage={errors.quietHoursStart?.message}
              nativeInputProps={{ type: "time", ...register("quietHoursStart") }}
            />
            <Input
              label="Fin des heures de calme"
              hintText="Heure de Paris, HH:MM (exclue)."
              state={errors.quietHoursEnd ? "error" : "default"}
              stateRelatedMessage={errors.quietHoursEnd?.message}
              nativeInputProps={{ type: "time", ...register("quietHoursEnd") }}
            />
          </div>
        )}
      </fieldset>
      <Button type="submit" disabled={isSubmitting}>
        Enregistrer mes préférences
      </Button>
      <div ref={doneRef} tabIndex={-1} role="status" className="fr-mt-2w">
        {done !== "" && <Alert severity="success" small title="Vos préférences sont enregistrées" description={done} as="h3" />}
      </div>
    </form>
  );
}
