/** Loading tells, politely to screen readers, that content is on its way. */
export function Loading({ label }: { label: string }) {
  return (
    <p role="status" className="fr-text--lg fr-mt-4w">
      {label}
    </p>
  );
}
