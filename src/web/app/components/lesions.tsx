import type { ApiRecord } from "../api.js";
import type { CourseAssessment } from "../clinical-types.js";
import { date, num, round, str } from "../format.js";

interface Measurement {
  readonly lesionLabel: string;
  readonly role: string;
  readonly longestDiameterMm: number | undefined;
  readonly viableDiameterMm: number | undefined;
}

function measurementsOf(i: ApiRecord): Measurement[] {
  const list = Array.isArray(i.measurements) ? (i.measurements as Record<string, unknown>[]) : [];
  return list.map((m) => ({
    lesionLabel: str(m.lesionLabel) ?? "?",
    role: str(m.role) ?? "target",
    longestDiameterMm: num(m.longestDiameterMm),
    viableDiameterMm: num(m.viableDiameterMm),
  }));
}

const RESPONSE_TEXT: Readonly<Record<string, string>> = {
  CR: "complete response",
  PR: "partial response",
  SD: "stable disease",
  PD: "progressive disease",
  NE: "not evaluable",
  NON_CR_NON_PD: "non-CR/non-PD",
};

export const responseText = (r: string) => `${r} (${RESPONSE_TEXT[r] ?? r})`;

/** Lesion table (rows: lesions; columns: time points) and response per time point under both criteria. */
export function LesionTable({
  imaging,
  response,
}: {
  imaging: readonly ApiRecord[];
  response: CourseAssessment | null;
}) {
  const points = [...imaging].sort((a, b) => (date(a.studyDate) < date(b.studyDate) ? -1 : 1));
  const labels = [...new Set(points.flatMap((p) => measurementsOf(p).map((m) => m.lesionLabel)))];
  const byDate = new Map(
    response?.status === "ok" ? response.timepoints.map((t) => [t.date.slice(0, 10), t]) : [],
  );
  return (
    <section className="card" aria-labelledby="lesions-h">
      <h2 id="lesions-h">Lesions and response</h2>
      {points.length === 0 ? (
        <p className="muted">No imaging recorded yet.</p>
      ) : (
        <div className="scroll">
          <table className="grid lesions">
            <caption className="sr-only">Longest / viable diameter (mm) per lesion and time point</caption>
            <thead>
              <tr>
                <th scope="col">Lesion</th>
                {points.map((p) => (
                  <th scope="col" key={p.id}>
                    {date(p.studyDate)}
                    <br />
                    <span className="muted">{str(p.modality)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((l) => (
                <tr key={l}>
                  <th scope="row">{l}</th>
                  {points.map((p) => {
                    const m = measurementsOf(p).find((x) => x.lesionLabel === l);
                    return (
                      <td key={p.id}>
                        {m ? `${round(m.longestDiameterMm)} / ${round(m.viableDiameterMm)}` : "—"}
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr className="response-row">
                <th scope="row">RECIST 1.1</th>
                {points.map((p) => {
                  const t = byDate.get(date(p.studyDate));
                  return <td key={p.id}>{t ? responseText(t.recist11.overall) : "baseline"}</td>;
                })}
              </tr>
              <tr className="response-row">
                <th scope="row">mRECIST</th>
                {points.map((p) => {
                  const t = byDate.get(date(p.studyDate));
                  return (
                    <td key={p.id} data-testid={t ? `mrecist-${date(p.studyDate)}` : undefined}>
                      {t ? responseText(t.mrecist.overall) : "baseline"}
                    </td>
                  );
                })}
              </tr>
            </tbody>
          </table>
        </div>
      )}
      <p className="fineprint">Diameters in mm: longest / viable (enhancing). </p>
      {response?.status === "ok" && (
        <p>
          Best overall response: mRECIST{" "}
          <strong data-testid="best-mrecist">{responseText(response.bestOverallResponse.mrecist)}</strong>,
          RECIST 1.1 <strong>{responseText(response.bestOverallResponse.recist11)}</strong>.{" "}
          {response.taceFailure.failing && <span className="bad">{response.taceFailure.reason}</span>}
        </p>
      )}
      {response?.status === "invalid" && (
        <p className="muted">Response not assessed: {response.errors.map((e) => e.message).join("; ")}</p>
      )}
    </section>
  );
}

/** Sum of viable diameters of target lesions over time, with procedures marked (SVG, no library). */
export function BurdenChart({
  imaging,
  procedures,
}: {
  imaging: readonly ApiRecord[];
  procedures: readonly ApiRecord[];
}) {
  const points = [...imaging]
    .map((i) => ({
      day: date(i.studyDate),
      sum: measurementsOf(i)
        .filter((m) => m.role === "target")
        .reduce((s, m) => s + (m.viableDiameterMm ?? 0), 0),
    }))
    .sort((a, b) => (a.day < b.day ? -1 : 1));
  if (points.length === 0) return null;
  const marks = procedures.map((p) => ({
    day: date(p.performedOn),
    label: (str(p.modality) ?? "").toUpperCase(),
  }));
  const t = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const days = [...points.map((p) => t(p.day)), ...marks.map((m) => t(m.day))];
  const t0 = Math.min(...days);
  const t1 = Math.max(...days, t0 + 86_400_000);
  const maxSum = Math.max(10, ...points.map((p) => p.sum));
  const W = 640;
  const H = 240;
  const pad = { l: 48, r: 48, t: 16, b: 40 };
  const x = (d: string) => pad.l + ((t(d) - t0) / (t1 - t0)) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - (v / maxSum) * (H - pad.t - pad.b);
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(p.day).toFixed(1)},${y(p.sum).toFixed(1)}`)
    .join(" ");
  const summary = points.map((p) => `${p.day}: ${round(p.sum)} mm`).join("; ");
  return (
    <section className="card" aria-labelledby="burden-h">
      <h2 id="burden-h">Tumour burden over time</h2>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="chart"
        role="img"
        aria-label={`Sum of viable target diameters. ${summary}`}
      >
        <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} className="axis" />
        <line x1={pad.l} y1={pad.t} x2={pad.l} y2={H - pad.b} className="axis" />
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <text x={pad.l - 6} y={y(maxSum * f) + 4} className="tick" textAnchor="end">
              {Math.round(maxSum * f)}
            </text>
          </g>
        ))}
        <text x={12} y={pad.t + 4} className="tick">
          mm
        </text>
        {marks.map((m) => (
          <g key={m.day + m.label} className="treatment">
            <line x1={x(m.day)} x2={x(m.day)} y1={pad.t} y2={H - pad.b} />
            <text x={x(m.day) + 3} y={pad.t + 10}>
              {m.label}
            </text>
          </g>
        ))}
        <path d={path} className="series" />
        {points.map((p) => (
          <g key={p.day}>
            <circle cx={x(p.day)} cy={y(p.sum)} r={4} className="dot" />
            <text x={x(p.day)} y={H - pad.b + 16} className="tick" textAnchor="middle">
              {p.day}
            </text>
          </g>
        ))}
      </svg>
      <p className="fineprint">
        Sum of viable (enhancing) diameters of target lesions; vertical lines mark procedures.
      </p>
    </section>
  );
}
