declare module "@lhncbc/ucum-lhc" {
  interface ValidateResult {
    status: "valid" | "invalid" | "error";
    ucumCode: string | null;
    msg: string[];
  }
  interface ConvertResult {
    status: "succeeded" | "failed" | "error";
    toVal: number;
    msg: string[];
  }
  interface UcumLhcUtilsInstance {
    validateUnitString(unit: string, suggest?: boolean): ValidateResult;
    convertUnitTo(
      fromUnit: string,
      fromVal: number,
      toUnit: string,
      options?: { molecularWeight?: number },
    ): ConvertResult;
  }
  const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtilsInstance } };
  export default ucum;
}
