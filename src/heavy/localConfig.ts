// Lazily loaded bundle: readers of the local AWS shared files and kubeconfig (SDK ini loader, yaml).
export { listAwsProfiles, type AwsProfile } from '../core/accounts/profiles';
export { listKubeContexts, type KubeContext } from '../core/clusters/kubeconfig';
