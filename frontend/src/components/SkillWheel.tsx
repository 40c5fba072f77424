import { polar, sectorAngles, sectorPath, sectors, wheelDescription, type DeclaredInput, type DomainInput } from "../profile/wheel";
import { Disclosure } from "./Disclosure";
import { plural } from "../format";

const SIZE = 300;
const CENTRE = { x: SIZE / 2, y: SIZE / 2 };
const RADIUS = 122;
// DSFR illustrative colours (sufficient contrast on white for graphics, 3:1).
const COLOURS = ["#000091", "#6a6af4", "#009081", "#c3992a", "#ce614a", "#a558a0", "#417dc4", "#716043"];

/** colour is the colour of the domain at index i. */
function colour(i: number): string {
  return COLOURS[i % COLOURS.length] ?? "#000091";
}

/**
 * SkillWheel draws the profile as Pix draws its wheel: one sector per
 * competence of the framework, coloured by domain, its radius the level
 * declared for that competence on the framework's scale (one ring per level).
 * The picture has an accessible name; a table says the same below it.
 */
export function SkillWheel({
  frameworkName,
  domains,
  declared,
  maxLevel,
}: {
  frameworkName: string;
  domains: readonly DomainInput[];
  declared: readonly DeclaredInput[];
  maxLevel: number;
}) {
  const all = sectors(domains, declared, maxLevel);
  const n = all.length;
  const count = all.filter((s) => s.level > 0).length;
  // Past 24 sectors (e-CF has 40) a code per sector would be too small to read on a phone:
  // the domains are labelled instead, and the table names every competence.
  const byDomain = n > 24;
  const domainLabels = byDomain
    ? domains.map((d, di) => {
        const first = all.findIndex((s) => s.domainIndex === di);
        const count = all.filter((s) => s.domainIndex === di).length;
        const mid = sectorAngles(first, n).start + (count * Math.PI) / Math.max(1, n);
        return { code: d.code, at: polar(CENTRE, RADIUS + 14, mid) };
      })
    : [];
  return (
    <div className="pl-wheel">
      <svg role="img" aria-label={wheelDescription(frameworkName, all, maxLevel)} viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE}>
        {all.map((s, i) => (
          <path key={`slot-${s.id}`} className="pl-wheel__slot" d={sectorPath(CENTRE, RADIUS, i, n)} fill={colour(s.domainIndex)} fillOpacity={0.1} />
        ))}
        {Array.from({ length: maxLevel }, (_, k) => (
          <circle key={k} cx={CENTRE.x} cy={CENTRE.y} r={(RADIUS * (k + 1)) / maxLevel} fill="none" stroke="#929292" strokeWidth={k + 1 === maxLevel ? 1.5 : 0.5} />
        ))}
        {all.map((s, i) => {
          const d = sectorPath(CENTRE, RADIUS * s.ratio, i, n);
          return d === "" ? null : (
            <path key={s.id} className="pl-wheel__sector" data-code={s.code} d={d} fill={colour(s.domainIndex)} fillOpacity={0.85} stroke="#fff" strokeWidth={1} />
          );
        })}
        {all.map((s, i) => {
          const { start, end } = sectorAngles(i, n);
          const edge = polar(CENTRE, RADIUS, start);
          const label = polar(CENTRE, RADIUS + 13, (start + end) / 2);
          const domainStart = i === 0 || all[i - 1]?.domainIndex !== s.domainIndex;
          return (
            <g key={`axis-${s.id}`}>
              {n > 1 && (
                <line x1={CENTRE.x} y1={CENTRE.y} x2={edge.x} y2={edge.y} stroke={domainStart ? "#666" : "#bbb"} strokeWidth={domainStart ? 1 : 0.5} />
              )}
              {!byDomain && (
                <text x={label.x} y={label.y} textAnchor="middle" dominantBaseline="middle" fontSize={10.5} fill="#161616">
                  {s.code}
                </text>
              )}
            </g>
          );
        })}
        {domainLabels.map((d) => (
          <text key={`domain-${d.code}`} x={d.at.x} y={d.at.y} textAnchor="middle" dominantBaseline="middle" fontSize={14} fontWeight={700} fill="#161616">
            {d.code}
          </text>
        ))}
      </svg>
      <ul className="pl-wheel__legend">
        {domains.map((d, i) => (
          <li key={d.code}>
            <span className="pl-wheel__swatch" style={{ background: colour(i) }} aria-hidden="true" />
            {d.code} — {d.name}
          </li>
        ))}
      </ul>
      <Disclosure label="Voir ces données sous forme de tableau" className="pl-wheel__table">
        <p className="fr-text--sm fr-mb-1w">
          {plural(count, "compétence déclarée", "compétences déclarées")} sur {n}, niveaux sur {maxLevel}.
        </p>
        <div className="fr-table fr-table--sm fr-table--no-caption fr-mb-0">
          <table>
            <caption>Niveau déclaré de chaque compétence {frameworkName}</caption>
            <thead>
              <tr>
                <th scope="col">Compétence</th>
                <th scope="col">Niveau déclaré</th>
              </tr>
            </thead>
            {domains.map((domain) => (
              <tbody key={domain.code}>
                <tr>
                  <th scope="colgroup" colSpan={2}>
                    Domaine {domain.code} — {domain.name}
                  </th>
                </tr>
                {all
                  .filter((s) => s.domainCode === domain.code)
                  .map((s) => (
                    <tr key={s.id}>
                      <th scope="row">
                        {s.code} {s.name}
                      </th>
                      <td>{s.level === 0 ? "Non déclarée" : `${s.levelCode} sur ${maxLevel}`}</td>
                    </tr>
                  ))}
              </tbody>
            ))}
          </table>
        </div>
      </Disclosure>
    </div>
  );
}
