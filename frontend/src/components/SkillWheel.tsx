import { formatMean, sectorPath, polar, sectorAngles, summarise, wheelDescription, type DeclaredInput, type DomainInput } from "../profile/wheel";
import { Disclosure } from "./Disclosure";
import { plural } from "../format";

const SIZE = 260;
const CENTRE = { x: SIZE / 2, y: SIZE / 2 };
const RADIUS = 110;
// DSFR illustrative colours (sufficient contrast on white for graphics, 3:1).
const COLOURS = ["#000091", "#6a6af4", "#009081", "#c3992a", "#ce614a", "#a558a0", "#417dc4", "#716043"];

/**
 * SkillWheel draws the profile by domain, as Pix draws its wheel: one sector
 * per domain, its radius the mean declared level on the framework's scale.
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
  const summaries = summarise(domains, declared, maxLevel);
  const n = summaries.length;
  return (
    <div className="pl-wheel">
      <svg role="img" aria-label={wheelDescription(frameworkName, summaries, maxLevel)} viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE}>
        {[0.25, 0.5, 0.75, 1].map((r) => (
          <circle key={r} cx={CENTRE.x} cy={CENTRE.y} r={RADIUS * r} fill="none" stroke="#929292" strokeWidth={r === 1 ? 1.5 : 0.75} />
        ))}
        {summaries.map((s, i) => {
          const d = sectorPath(CENTRE, RADIUS * s.ratio, i, n);
          return d === "" ? null : <path key={s.code} d={d} fill={COLOURS[i % COLOURS.length]} fillOpacity={0.85} stroke="#fff" strokeWidth={1} />;
        })}
        {summaries.map((s, i) => {
          const { start, end } = sectorAngles(i, n);
          const edge = polar(CENTRE, RADIUS, start);
          const label = polar(CENTRE, RADIUS + 12, (start + end) / 2);
          return (
            <g key={`axis-${s.code}`}>
              {n > 1 && <line x1={CENTRE.x} y1={CENTRE.y} x2={edge.x} y2={edge.y} stroke="#929292" strokeWidth={0.75} />}
              <text x={label.x} y={label.y} textAnchor="middle" dominantBaseline="middle" fontSize={12} fill="#161616">
                {s.code}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="pl-wheel__legend">
        {summaries.map((s, i) => (
          <li key={s.code}>
            <span className="pl-wheel__swatch" style={{ background: COLOURS[i % COLOURS.length] }} aria-hidden="true" />
            {s.code} — {s.name}
          </li>
        ))}
      </ul>
      <Disclosure label="Voir ces données sous forme de tableau" className="pl-wheel__table">
        <div className="fr-table fr-table--sm fr-mb-0">
          <table>
            <caption className="fr-sr-only">Compétences {frameworkName} déclarées par domaine</caption>
            <thead>
              <tr>
                <th scope="col">Domaine</th>
                <th scope="col">Compétences déclarées</th>
                <th scope="col">Niveau moyen</th>
              </tr>
            </thead>
            <tbody>
              {summaries.map((s) => (
                <tr key={s.code}>
                  <th scope="row">
                    {s.code} — {s.name}
                  </th>
                  <td>{plural(s.count, "compétence", "compétences")}</td>
                  <td>{s.count === 0 ? "—" : `${formatMean(s.mean)} sur ${maxLevel}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Disclosure>
    </div>
  );
}
