// The normalization under which our compiled pipelines equal kfp's (README "Pipelines"):
// 1. compare parsed documents (YAML formatting, key order, kfp's header comment and `1` vs `1.0` do not matter);
// 2. drop `sdkVersion` (kfp writes `kfp-2.17.0`, we write `cdk8s-kubeflow`);
// 3. drop `description` of the inputs of kfp-kubernetes' createpvc/deletepvc components (its docstrings, which we do not copy).
export function normalizeKfpOutput(docs: any[]): any[] {
  return docs.map((doc) => {
    const d = structuredClone(doc);
    delete d.sdkVersion;
    for (const [name, comp] of Object.entries<any>(d.components ?? {})) {
      if (!/^comp-(create|delete)pvc(-\d+)?$/.test(name)) continue;
      for (const p of Object.values<any>(comp.inputDefinitions?.parameters ?? {})) delete p.description;
    }
    return d;
  });
}
