/**
 * The case blocks read by the course decisions (scores.md §10): `taceRefractoriness`
 * (JSH-LCSGJ 2014, §7.6) and `postDownstaging` (successful downstaging, §6.5). Every error is
 * recorded on the shared {@link Reader}; absent stays absent.
 */
import { ABSENT, type Field, type FieldError, invalidField, present } from "../result.js";
import { dotted, isRecord, type Reader } from "./reader.js";
import type { PostDownstagingInput, TaceRefractorinessInput, Tumor } from "./types.js";

/** Tumour diameter guard, cm (scores.md §0.3: tumour 0–50 cm; as parse-case.ts). */
const MAX_TUMOR_DIAMETER_CM = 50;
/** Counts of consecutive sessions are guarded at 0–100 (an implementation guard). */
const MAX_SESSIONS = 100;

export function readTaceRefractoriness(r: Reader): TaceRefractorinessInput {
  const p = (k: string) => dotted("taceRefractoriness", k);
  return {
    consecutiveInsufficientResponses: r.num(p("consecutiveInsufficientResponses"), 0, MAX_SESSIONS, {
      integer: true,
    }),
    consecutiveIntrahepaticProgressions: r.num(p("consecutiveIntrahepaticProgressions"), 0, MAX_SESSIONS, {
      integer: true,
    }),
    continuousTumorMarkerElevation: r.bool(p("continuousTumorMarkerElevation")),
    newVascularInvasion: r.bool(p("newVascularInvasion")),
    newExtrahepaticSpread: r.bool(p("newExtrahepaticSpread")),
  };
}

function readViableTumors(r: Reader): Field<readonly Tumor[]> {
  const path = "postDownstaging.viableTumors";
  const raw = r.raw(path);
  if (raw === undefined || raw === null) return ABSENT;
  if (!Array.isArray(raw)) {
    return r.fail(path, "wrong-type", `${path} must be a list of viable nodules (empty = complete necrosis)`);
  }
  const errors: FieldError[] = [];
  const tumors: Tumor[] = [];
  raw.forEach((t, i) => {
    const tp = `${path}.${i}`;
    if (!isRecord(t)) {
      const f = r.fail(tp, "wrong-type", `${tp} must be an object with diameterCm`);
      if (f.state === "invalid") errors.push(...f.errors);
      return;
    }
    const d = t.diameterCm;
    if (d === undefined || d === null) {
      const f = r.fail(`${tp}.diameterCm`, "wrong-type", `${tp}.diameterCm is needed for a viable nodule`);
      if (f.state === "invalid") errors.push(...f.errors);
      return;
    }
    const f = r.checkNumber(`${tp}.diameterCm`, d, 0, MAX_TUMOR_DIAMETER_CM, { unit: "cm" });
    if (f.state === "invalid") errors.push(...f.errors);
    else if (f.state === "present") {
      if (f.value === 0) {
        const z = r.fail(`${tp}.diameterCm`, "must-be-positive", `${tp}.diameterCm must be greater than 0`);
        if (z.state === "invalid") errors.push(...z.errors);
      } else tumors.push({ id: typeof t.id === "string" ? t.id : undefined, diameterCm: f.value });
    }
  });
  return errors.length > 0 ? invalidField(errors) : present(tumors);
}

export function readPostDownstaging(r: Reader): Field<PostDownstagingInput> {
  const raw = r.raw("postDownstaging");
  if (raw === undefined || raw === null) return ABSENT;
  if (!isRecord(raw)) return r.fail("postDownstaging", "wrong-type", "postDownstaging must be an object");
  return present({
    viableTumors: readViableTumors(r),
    vascularInvasion: r.bool("postDownstaging.vascularInvasion.present"),
    extrahepaticSpread: r.bool("postDownstaging.extrahepaticSpread"),
    infiltrative: r.bool("postDownstaging.infiltrative"),
    afp: r.quantity("postDownstaging.afp", "afp"),
  });
}
