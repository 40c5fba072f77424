// Geometry of the skills wheel: one sector per competence of a framework, as Pix
// draws its wheel, grouped and coloured by domain; a sector's radius is the
// competence's declared level on the framework's scale (none when not declared).
// Pure functions, unit-tested.

/** DomainInput is a domain of the framework with its competences, in referential order. */
export type DomainInput = {
  code: string;
  name: string;
  skills: readonly { id: string; code: string; name: string }[];
};
/** DeclaredInput is a declared competence: its id, level value (1…max) and level code. */
export type DeclaredInput = { skillId: string; level: number; levelCode: string };

/** Sector is what the wheel and its table alternative show for one competence. */
export type Sector = {
  id: string;
  code: string;
  name: string;
  /** domainIndex is the position of the competence's domain (its colour). */
  domainIndex: number;
  domainCode: string;
  domainName: string;
  /** level is the declared level value, 0 when not declared. */
  level: number;
  /** levelCode is the declared level's code ("3", "e-4"), "" when not declared. */
  levelCode: string;
  /** ratio is level / maxLevel, clamped to [0, 1]. */
  ratio: number;
};

/** normalise returns value / max clamped to [0, 1]; 0 when max is not positive. */
export function normalise(value: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value / max));
}

/**
 * sectors gives each competence of the framework, in referential order, its
 * own declared level (never a mean of its domain); declarations of other
 * frameworks are ignored.
 */
export function sectors(domains: readonly DomainInput[], declared: readonly DeclaredInput[], maxLevel: number): Sector[] {
  const byId = new Map(declared.map((d) => [d.skillId, d]));
  return domains.flatMap((domain, domainIndex) =>
    domain.skills.map((skill) => {
      const d = byId.get(skill.id);
      return {
        id: skill.id,
        code: skill.code,
        name: skill.name,
        domainIndex,
        domainCode: domain.code,
        domainName: domain.name,
        level: d?.level ?? 0,
        levelCode: d?.levelCode ?? "",
        ratio: normalise(d?.level ?? 0, maxLevel),
      };
    }),
  );
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

/**
 * wheelDescription is the accessible name of the wheel: how it is drawn, each
 * declared competence with its level, and how many are not declared.
 */
export function wheelDescription(frameworkName: string, all: readonly Sector[], maxLevel: number): string {
  const declared = all.filter((s) => s.level > 0);
  const head = `Roue des compétences ${frameworkName}, une part par compétence.`;
  if (declared.length === 0) return `${head} Aucune compétence déclarée.`;
  const parts = declared.map((s) => `${s.code} ${s.name} : niveau ${s.levelCode} sur ${maxLevel}`);
  const rest = all.length - declared.length;
  const tail = rest === 0 ? "" : rest === 1 ? " 1 autre compétence non déclarée." : ` ${rest} autres compétences non déclarées.`;
  return `${head} ${parts.join(" ; ")}.${tail}`;
}
