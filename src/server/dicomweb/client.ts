/**
 * A small DICOMweb client (PS3.18): QIDO-RS to find a study's SEG series and instances, WADO-RS
 * to retrieve each instance as `application/dicom` from a multipart/related response. Tested
 * against Orthanc with its DICOMweb plugin. `fetch` is passed in, so tests and production share it.
 */

export interface DicomwebInstance {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  readonly modality?: string;
}

export class DicomwebError extends Error {
  constructor(
    readonly url: string,
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

type Fetch = typeof fetch;
type DicomJson = readonly Readonly<Record<string, { readonly Value?: readonly unknown[] } | undefined>>[];

const UID = /^[0-9]+(\.[0-9]+)*$/;

/** The base URL without credentials, and the Basic authorization they stand for (fetch refuses URLs with credentials). */
function endpoint(base: string): { root: string; headers: Record<string, string> } {
  let u: URL;
  try {
    u = new URL(base);
  } catch {
    throw new DicomwebError(base, undefined, `${JSON.stringify(base)} is not a URL`);
  }
  const headers: Record<string, string> = {};
  if (u.username || u.password) {
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
    u.username = "";
    u.password = "";
  }
  return { root: u.toString().replace(/\/+$/, ""), headers };
}

/** A URL for messages: never with its password. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@]*@/, "//");
}

function tagString(item: DicomJson[number] | undefined, tag: string): string | undefined {
  const v = item?.[tag]?.Value?.[0];
  return typeof v === "string" ? v : undefined;
}

async function qido(f: Fetch, url: string, auth: Record<string, string>): Promise<DicomJson> {
  let res: Response;
  try {
    res = await f(url, { headers: { ...auth, accept: "application/dicom+json" } });
  } catch (e) {
    throw new DicomwebError(url, undefined, `cannot reach the PACS at ${url}: ${(e as Error).message}`);
  }
  if (res.status === 204) return [];
  if (!res.ok) throw new DicomwebError(url, res.status, `QIDO-RS ${url} answered ${res.status}`);
  const body = (await res.json()) as unknown;
  if (!Array.isArray(body))
    throw new DicomwebError(url, res.status, `QIDO-RS ${url} did not return a JSON array`);
  return body as DicomJson;
}

/** The SEG instances of a study (QIDO-RS series with Modality=SEG, then their instances). */
export async function segInstances(
  base: string,
  studyUid: string,
  f: Fetch = fetch,
): Promise<DicomwebInstance[]> {
  if (!UID.test(studyUid))
    throw new DicomwebError(base, undefined, `study UID ${JSON.stringify(studyUid)} is not a DICOM UID`);
  const { root, headers } = endpoint(base);
  const series = await qido(f, `${root}/studies/${studyUid}/series?Modality=SEG`, headers);
  const out: DicomwebInstance[] = [];
  for (const s of series) {
    const seriesUid = tagString(s, "0020000E");
    if (!seriesUid || !UID.test(seriesUid)) continue;
    for (const i of await qido(f, `${root}/studies/${studyUid}/series/${seriesUid}/instances`, headers)) {
      const sop = tagString(i, "00080018");
      if (sop && UID.test(sop)) {
        out.push({
          studyInstanceUid: studyUid,
          seriesInstanceUid: seriesUid,
          sopInstanceUid: sop,
          modality: "SEG",
        });
      }
    }
  }
  return out;
}

/** Splits a multipart/related body into its parts' bodies. */
export function multipartParts(body: Uint8Array, contentType: string): Uint8Array[] {
  const m = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!m?.[1]) throw new Error(`no multipart boundary in ${contentType}`);
  const delimiter = Buffer.from(`--${m[1]}`);
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const parts: Uint8Array[] = [];
  let at = buf.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (buf[start] === 0x2d && buf[start + 1] === 0x2d) break; // closing delimiter
    const headersEnd = buf.indexOf("\r\n\r\n", start);
    const next = buf.indexOf(delimiter, start);
    if (headersEnd < 0 || next < 0) break;
    let end = next;
    if (buf[end - 2] === 0x0d && buf[end - 1] === 0x0a) end -= 2;
    parts.push(new Uint8Array(buf.subarray(headersEnd + 4, end)));
    at = next;
  }
  return parts;
}

/** WADO-RS: one instance as DICOM Part 10 bytes. */
export async function retrieveInstance(
  base: string,
  i: DicomwebInstance,
  f: Fetch = fetch,
): Promise<Uint8Array> {
  const { root, headers } = endpoint(base);
  const url = `${root}/studies/${i.studyInstanceUid}/series/${i.seriesInstanceUid}/instances/${i.sopInstanceUid}`;
  let res: Response;
  try {
    res = await f(url, { headers: { ...headers, accept: 'multipart/related; type="application/dicom"' } });
  } catch (e) {
    throw new DicomwebError(url, undefined, `cannot reach the PACS at ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new DicomwebError(url, res.status, `WADO-RS ${url} answered ${res.status}`);
  const parts = multipartParts(
    new Uint8Array(await res.arrayBuffer()),
    res.headers.get("content-type") ?? "",
  );
  const first = parts[0];
  if (parts.length !== 1 || !first)
    throw new DicomwebError(url, res.status, `WADO-RS ${url} returned ${parts.length} parts, expected 1`);
  return first;
}
