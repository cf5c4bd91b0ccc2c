# Twin of kubernetes.ts: kfp-kubernetes platform config (PVC create/mount/delete, secrets as env
# and volumes, node selector, tolerations, pod labels/annotations, image pull secrets).
from kfp import dsl, kubernetes


@dsl.container_component
def c(x: str):
    return dsl.ContainerSpec(image='busybox', command=['c'], args=[x])


@dsl.pipeline(name='kubernetes')
def pipeline(claim: str = 'c1'):
    pvc = kubernetes.CreatePVC(pvc_name_suffix='-data', access_modes=['ReadWriteOnce'], size='5Gi',
                               storage_class_name='standard')
    t = c(x='a')
    kubernetes.mount_pvc(t, pvc_name=pvc.outputs['name'], mount_path='/data')
    kubernetes.mount_pvc(t, pvc_name=claim, mount_path='/other')
    kubernetes.mount_pvc(t, pvc_name='fixed', mount_path='/fixed', sub_path='sub')
    kubernetes.use_secret_as_volume(t, secret_name='sv', mount_path='/s', optional=True)
    kubernetes.use_secret_as_env(t, secret_name='se', secret_key_to_env={'k': 'K', 'j': 'J'})
    kubernetes.add_toleration(t, key='nvidia.com/gpu', operator='Exists', effect='NoSchedule')
    kubernetes.add_toleration(t, key='spot', operator='Equal', value='true', effect='NoExecute',
                              toleration_seconds=60)
    kubernetes.add_pod_label(t, 'team', 'a')
    kubernetes.add_pod_annotation(t, 'note', 'x')
    kubernetes.set_image_pull_secrets(t, ['regcred'])
    kubernetes.add_node_selector(t, 'pool', 'gpu')
    kubernetes.DeletePVC(pvc_name=pvc.outputs['name']).after(t)
    with dsl.ParallelFor(['p', 'q']) as item:
        inner = c(x=item)
        kubernetes.mount_pvc(inner, pvc_name=pvc.outputs['name'], mount_path='/data')
