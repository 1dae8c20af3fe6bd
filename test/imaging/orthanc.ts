/**
 * Test tooling: a real Orthanc (Debian packages orthanc + orthanc-dicomweb) started by the test
 * itself, on free loopback ports, with its own temporary configuration and storage, and stopped
 * after. Nothing is started by hand or by .ci/run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ORTHANC_BIN = "/usr/sbin/Orthanc";
/** `dpkg -L orthanc-dicomweb`: the plugin Debian installs. */
export const DICOMWEB_PLUGIN = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface TestOrthanc {
  readonly url: string;
  readonly dicomweb: string;
  upload(dicom: Uint8Array): Promise<void>;
  stop(): Promise<void>;
}

export async function startOrthanc(): Promise<TestOrthanc> {
  if (!existsSync(ORTHANC_BIN) || !existsSync(DICOMWEB_PLUGIN)) {
    throw new Error(
      "Orthanc with DICOMweb is not installed: apt-get install orthanc orthanc-dicomweb (.ci/run does)",
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "hepatica-orthanc-"));
  const [http, dicom] = [await freePort(), await freePort()];
  const config = join(dir, "orthanc.json");
  writeFileSync(
    config,
    JSON.stringify({
      Name: "hepatica-test",
      StorageDirectory: join(dir, "db"),
      IndexDirectory: join(dir, "db"),
      HttpPort: http,
      DicomPort: dicom,
      RemoteAccessAllowed: false,
      AuthenticationEnabled: false,
      HttpBindAddress: "127.0.0.1",
      DicomServerEnabled: false,
      Plugins: [DICOMWEB_PLUGIN],
      DicomWeb: { Enable: true, Root: "/dicom-web/" },
    }),
  );
  const child: ChildProcess = spawn(ORTHANC_BIN, [config], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (c: Buffer) => {
    log = (log + c.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${http}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited (${child.exitCode}): ${log}`);
    try {
      if ((await fetch(`${url}/system`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Orthanc did not start within 30 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dicomweb: `${url}/dicom-web`,
    async upload(bytes) {
      const res = await fetch(`${url}/instances`, { method: "POST", body: bytes });
      if (!res.ok) throw new Error(`Orthanc refused the upload: ${res.status} ${await res.text()}`);
    },
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
