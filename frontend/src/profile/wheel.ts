// Geometry of the skills wheel: one sector per domain of a framework (as Pix
// draws its wheel), whose radius is the mean declared level of the domain
// normalised to the framework's scale. Pure functions, unit-tested.

/** DomainInput is a domain of the framework, in referential order. */
export type DomainInput = { code: string; name: string };
/** DeclaredInput is a declared skill: its domain and its level value (1…max). */
export type DeclaredInput = { domainCode: string; level: number };

/** DomainSummary is what the wheel and its table alternative show for a domain. */
export type DomainSummary = {
  code: string;
  name: string;
  /** count is how many competences of the domain are declared. */
  count: number;
  /** mean is the mean declared level, 0 when none is declared. */
  mean: number;
  /** ratio is mean / maxLevel, clamped to [0, 1]. */
  ratio: number;
};

/** normalise returns value / max clamped to [0, 1]; 0 when max is not positive. */
export function normalise(value: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value / max));
}

/** summarise gives each domain its count of declared skills and mean level, in the domains' order. */
export function summarise(domains: readonly DomainInput[], declared: readonly DeclaredInput[], maxLevel: number): DomainSummary[] {
  return domains.map((domain) => {
    const levels = declared.filter((d) => d.domainCode === domain.code).map((d) => d.level);
    const mean = levels.length === 0 ? 0 : levels.reduce((a, b) => a + b, 0) / levels.length;
    return { code: domain.code, name: domain.name, count: levels.length, mean, ratio: normalise(mean, maxLevel) };
  });
}

/** Point is a point of the SVG plane. */
export type Point = { x: number; y: number };

/** polar returns the point at radius r and angle (radians, 0 at the top, clockwise) from the centre. */
export function polar(centre: Point, r: number, angle: number): Point {
  return { x: round(centre.x + r * Math.sin(angle)), y: round(centre.y - r * Math.cos(angle)) };
}

function round(n: number): number {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}

/** sectorAngles returns the start and end angles of sector i of n, from the top, clockwise. */
export function sectorAngles(i: number, n: number): { start: number; end: number } {
  const step = (2 * Math.PI) / Math.max(1, n);
  return { start: i * step, end: (i + 1) * step };
}

/**
 * sectorPath returns the SVG path of sector i of n with radius r around centre;
 * an empty string when r is 0 (nothing declared), a full circle when n is 1.
 */
export function sectorPath(centre: Point, r: number, i: number, n: number): string {
  if (!(r > 0)) return "";
  if (n <= 1) {
    const top = polar(centre, r, 0);
    const bottom = polar(centre, r, Math.PI);
    return `M ${top.x} ${top.y} A ${r} ${r} 0 1 1 ${bottom.x} ${bottom.y} A ${r} ${r} 0 1 1 ${top.x} ${top.y} Z`;
  }
  const { start, end } = sectorAngles(i, n);
  const a = polar(centre, r, start);
  const b = polar(centre, r, end);
  const large = end - start > Math.PI ? 1 : 0;
  return `M ${centre.x} ${centre.y} L ${a.x} ${a.y} A ${round(r)} ${round(r)} 0 ${large} 1 ${b.x} ${b.y} Z`;
}

/** formatMean writes a mean level the French way, one decimal at most ("2,5", "3"). */
export function formatMean(mean: number): string {
  return new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(mean);
}

/** wheelDescription is the accessible name of the wheel: one phrase per domain. */
export function wheelDescription(frameworkName: string, summaries: readonly DomainSummary[], maxLevel: number): string {
  const parts = summaries.map((s) =>
    s.count === 0 ? `${s.name} : aucune compétence déclarée` : `${s.name} : niveau moyen ${formatMean(s.mean)} sur ${maxLevel}`,
  );
  return `Roue des compétences ${frameworkName}. ${parts.join(" ; ")}.`;
}
