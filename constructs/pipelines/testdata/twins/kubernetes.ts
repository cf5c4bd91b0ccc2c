// Twin of kubernetes.py.
import { ContainerComponent, CREATE_PVC, DELETE_PVC, Param, PipelineComponent } from '../../index';

const c = ContainerComponent.define({ name: 'c', inputs: { x: Param.string() }, image: 'busybox', command: ['c'], args: ({ inputs }) => [inputs.x] });

export const pipeline = PipelineComponent.define({ name: 'kubernetes', inputs: { claim: Param.string({ default: 'c1' }) } }, (p, inputs) => {
  const pvc = p.task(CREATE_PVC, { pvc_name_suffix: '-data', access_modes: ['ReadWriteOnce'], size: '5Gi', storage_class_name: 'standard' });
  const t = p.task(c, { x: 'a' }, {
    kubernetes: {
      pvcMounts: [
        { pvcName: pvc.outputs.name, mountPath: '/data' },
        { pvcName: inputs.claim, mountPath: '/other' },
        { pvcName: 'fixed', mountPath: '/fixed', subPath: 'sub' },
      ],
      secretsAsVolumes: [{ secretName: 'sv', mountPath: '/s', optional: true }],
      secretsAsEnv: [{ secretName: 'se', keyToEnv: { k: 'K', j: 'J' } }],
      tolerations: [
        { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'spot', operator: 'Equal', value: 'true', effect: 'NoExecute', tolerationSeconds: 60 },
      ],
      podLabels: { team: 'a' },
      podAnnotations: { note: 'x' },
      imagePullSecrets: ['regcred'],
      nodeSelector: { pool: 'gpu' },
    },
  });
  p.task(DELETE_PVC, { pvc_name: pvc.outputs.name }, { after: [t] });
  p.parallelFor(['p', 'q'], (item) => {
    p.task(c, { x: item }, { kubernetes: { pvcMounts: [{ pvcName: pvc.outputs.name, mountPath: '/data' }] } });
  });
});
