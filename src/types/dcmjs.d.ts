/** The small part of dcmjs (no bundled types) that Hepatica uses. */
declare module "dcmjs" {
  export type NaturalDataset = { [key: string]: unknown };
  export interface DicomDictInstance {
    meta: NaturalDataset;
    dict: NaturalDataset;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }
  const dcmjs: {
    data: {
      DicomMessage: {
        readFile(
          buffer: ArrayBuffer,
          options?: { ignoreErrors?: boolean; untilTag?: string },
        ): DicomDictInstance;
      };
      DicomMetaDictionary: {
        naturalizeDataset(dataset: NaturalDataset): NaturalDataset;
        denaturalizeDataset(dataset: NaturalDataset): NaturalDataset;
        uid(): string;
      };
      DicomDict: new (meta: NaturalDataset) => DicomDictInstance;
    };
    log: { setLevel(level: "trace" | "debug" | "info" | "warn" | "error" | "silent"): void };
  };
  export default dcmjs;
}
