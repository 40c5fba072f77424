/** plural writes "1 compétence", "2 compétences", "0 compétence" (French: 0 and 1 are singular). */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${count.toLocaleString("fr-FR")} ${count <= 1 ? singular : pluralForm}`;
}
