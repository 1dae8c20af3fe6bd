/**
 * Reading what prefetch lacks from the EHR's FHIR server, as CDS Hooks 2.0 allows
 * (https://cds-hooks.hl7.org/2.0/#fhir-resource-access): only from a `fhirServer` that belongs to
 * the calling issuer (its allow-list) over https (http only to loopback), with the EHR's own
 * `fhirAuthorization` token and never following a redirect (the token goes nowhere else). Search
 * results are paged through `next` links on the same server only. Any failure is data, not a
 * crash: the caller says which data could not be read.
 */
import type { Bundle } from "@medplum/fhirtypes";

const MAX_BYTES = 5 * 1024 * 1024;
const MAX_PAGES = 5;

export class EhrUnavailable extends Error {
  constructor(
    readonly what: string,
    message: string,
  ) {
    super(message);
    this.name = "EhrUnavailable";
  }
}

export interface EhrFhir {
  readonly base: string;
  readonly token: string | undefined;
}

async function getJson(ehr: EhrFhir, url: string, what: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      redirect: "error",
      headers: {
        accept: "application/fhir+json",
        ...(ehr.token ? { authorization: `Bearer ${ehr.token}` } : {}),
      },
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new EhrUnavailable(what, `the EHR's FHIR server could not be reached for ${what}`);
  }
  if (!res.ok) throw new EhrUnavailable(what, `the EHR's FHIR server answered ${res.status} for ${what}`);
  const text = await res.text();
  if (text.length > MAX_BYTES) throw new EhrUnavailable(what, `the EHR's answer for ${what} is too large`);
  try {
    return JSON.parse(text);
  } catch {
    throw new EhrUnavailable(what, `the EHR's answer for ${what} is not JSON`);
  }
}

/** Reads `path` (a filled prefetch template) from the EHR; a search is read through its pages. */
export async function readFromEhr(ehr: EhrFhir, path: string, what: string): Promise<unknown> {
  const first = await getJson(ehr, `${ehr.base}/${path}`, what);
  const bundle = first as Bundle;
  if (bundle?.resourceType !== "Bundle") return first;
  const entries = [...(bundle.entry ?? [])];
  let next = bundle.link?.find((l) => l.relation === "next")?.url;
  for (let page = 1; next && page < MAX_PAGES; page++) {
    // Only pages of the same server: a `next` link elsewhere would carry the token away.
    if (!next.startsWith(`${ehr.base}/`) && !next.startsWith(`${ehr.base}?`)) break;
    const more = (await getJson(ehr, next, what)) as Bundle;
    entries.push(...(more?.entry ?? []));
    next = more?.link?.find((l) => l.relation === "next")?.url;
  }
  return { ...bundle, entry: entries };
}
