import { asObject, subPath } from '../json';
import { Rule } from '../rule';
import { PIPELINE_KINDS, pipelineIrOf } from './ir';

/** KFP's pipeline name: what MLMD takes (backend/src/apiserver/common/utils.go pipelineNamePattern), and what kfp's compiler writes. */
const PIPELINE_NAME = /^[a-z0-9][a-z0-9-]{0,127}$/;

/** What KFP requires of every pipeline spec before it stores it. */
export const pipelineSpecRule: Rule = {
  id: 'pipelines/pipeline-spec',
  category: 'admission',
  severity: 'error',
  appliesTo: PIPELINE_KINDS,
  summary: 'A pipeline spec names its pipeline in pipelineInfo.name (1 to 128 lower-case letters, digits and "-", starting with a letter or digit) and has a root component.',
  why: 'KFP refuses a PipelineVersion whose pipeline spec has no name, a name MLMD cannot take or no root component (its webhook, and an upload through the API, parse the spec first); kfp\'s compiler never writes such a spec, so it comes from IR written or edited by hand.',
  source: 'kubeflow/pipelines backend/src/apiserver/webhook/pipelineversion_webhook.go ValidateCreate (common.ValidatePipelineName), backend/src/apiserver/template/v2_template.go NewV2SpecTemplate',
  *check(object) {
    const ir = pipelineIrOf(object);
    if (!ir) return;
    const name = asObject(ir.spec.pipelineInfo)?.name;
    const at = subPath(ir.at, 'pipelineInfo', 'name');
    if (typeof name !== 'string' || name === '') {
      yield { path: at, message: 'the pipeline has no name (pipelineInfo.name is empty)', fix: 'set pipelineInfo.name, e.g. "train-and-evaluate"' };
    } else if (!PIPELINE_NAME.test(name)) {
      const suggestion = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '').slice(0, 128);
      yield {
        path: at,
        message: `"${name.length > 60 ? `${name.slice(0, 57)}...` : name}" is not a pipeline name KFP accepts: ${name.length > 128 ? `${name.length} characters, at most 128` : 'only lower-case letters, digits and "-", starting with a letter or digit'}`,
        fix: suggestion ? `rename it, e.g. "${suggestion}"` : 'name it with lower-case letters, digits and "-"',
      };
    }
    if (!asObject(ir.spec.root)) yield { path: subPath(ir.at, 'root'), message: 'the pipeline has no root component', fix: 'set root: the component (a dag of tasks) the pipeline runs' };
  },
};
