/**
 * The PACS, a real one: the tests start Orthanc (Debian orthanc + orthanc-dicomweb) on free ports
 * with a temporary storage, upload the phantom SEG, and `hepatica imaging --pacs URL --study UID`
 * (QIDO-RS + WADO-RS) must give the same numbers as the same file read from disk.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { multipartParts, redactUrl, segInstances } from "../../src/server/dicomweb/client.js";
import { runCli } from "../cli-io.js";
import { startOrthanc, type TestOrthanc } from "./orthanc.js";
import { axialGrid, type Ellipsoid, voxelise } from "./phantom.js";
import { writeSeg } from "./seg-writer.js";

const STUDY = "1.2.826.0.1.3680043.8.498.15001";
const GRID = axialGrid([96, 96, 40], [1, 1, 2.5]);
const LIVER: Ellipsoid = { center: [48, 48, 50], radii: [40, 35, 40], label: 1 };
const T1: Ellipsoid = { center: [35, 48, 50], radii: [12, 12, 12], label: 2 };
const T2: Ellipsoid = { center: [65, 55, 60], radii: [6, 6, 6], label: 2 };
const seg = writeSeg(GRID, voxelise(GRID, [LIVER, T1, T2]), {
  studyInstanceUid: STUDY,
  studyDate: "20261120",
});

let pacs: TestOrthanc;
const dir = mkdtempSync(join(tmpdir(), "hepatica-pacs-"));
beforeAll(async () => {
  pacs = await startOrthanc();
  await pacs.upload(seg);
});
afterAll(async () => {
  await pacs?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("Orthanc (DICOMweb) → volumetry", () => {
  it("QIDO-RS finds the study's SEG instance", async () => {
    const found = await segInstances(pacs.dicomweb, STUDY);
    expect(found).toHaveLength(1);
    expect(found[0]?.studyInstanceUid).toBe(STUDY);
  });

  it("the same phantom through Orthanc and from a file gives the same numbers", async () => {
    const file = join(dir, "seg.dcm");
    writeFileSync(file, seg);
    const fromFile = JSON.parse((await runCli(["imaging", file, "--json"])).stdout);
    const r = await runCli(["imaging", "--pacs", pacs.dicomweb, "--study", STUDY, "--json"]);
    expect(r.code).toBe(0);
    const fromPacs = JSON.parse(r.stdout);
    expect(fromPacs.liver).toEqual(fromFile.liver);
    expect(fromPacs.tumors).toEqual(fromFile.tumors);
    expect(fromPacs.tumorToLiverPercent).toBe(fromFile.tumorToLiverPercent);
    expect(fromPacs.series.studyDate).toBe("2026-11-20");
    expect(fromPacs.tumorCount).toBe(2);
  });

  it("an unknown study: exit 1 saying no SEG was found; an unreachable PACS: exit 1", async () => {
    const r = await runCli(["imaging", "--pacs", pacs.dicomweb, "--study", "1.2.3.4", "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors[0].message).toMatch(/no DICOM SEG in study 1\.2\.3\.4/);
    const u = await runCli(["imaging", "--pacs", "http://127.0.0.1:1/dicom-web", "--study", STUDY, "--json"]);
    expect(u.code).toBe(1);
    expect(JSON.parse(u.stdout).errors[0].message).toMatch(/cannot reach the PACS/);
  });
});

describe("credentials in the PACS URL", () => {
  it("become a Basic authorization header and never appear in messages", async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const fake = (async (url: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(url), auth: new Headers(init?.headers).get("authorization") });
      return new Response("[]", { status: 200, headers: { "content-type": "application/dicom+json" } });
    }) as typeof fetch;
    expect(await segInstances("http://hep:s%40cret@127.0.0.1:9/dicom-web/", STUDY, fake)).toEqual([]);
    expect(seen[0]?.url).toBe(`http://127.0.0.1:9/dicom-web/studies/${STUDY}/series?Modality=SEG`);
    expect(seen[0]?.auth).toBe(`Basic ${Buffer.from("hep:s@cret").toString("base64")}`);
    expect(redactUrl("http://hep:s%40cret@127.0.0.1:9/dicom-web")).toBe("http://127.0.0.1:9/dicom-web");
  });
});

describe("multipart/related", () => {
  it("splits parts on the boundary", () => {
    const body = Buffer.from(
      "--b1\r\nContent-Type: application/dicom\r\n\r\nABC\r\n--b1\r\nContent-Type: application/dicom\r\n\r\nDE\r\n--b1--\r\n",
    );
    expect(
      multipartParts(new Uint8Array(body), 'multipart/related; type="application/dicom"; boundary=b1').map(
        (p) => Buffer.from(p).toString(),
      ),
    ).toEqual(["ABC", "DE"]);
  });
});
