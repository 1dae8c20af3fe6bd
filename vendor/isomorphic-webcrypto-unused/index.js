throw new Error("isomorphic-webcrypto is not installed: Hepatica uses fhirclient on Node only");
