#!/bin/bash
# Since Kubernetes v1.29 kubeadm's admin.conf gains its rights only at the end of "kubeadm init",
# but kube-vip must hold the virtual IP before that. On the node running "kubeadm init" (the only
# one with /run/kubeadm/kubeadm.yaml) kube-vip therefore starts with super-admin.conf; joining
# control-plane nodes have no super-admin.conf and keep admin.conf.
set -euo pipefail
if [[ -f /run/kubeadm/kubeadm.yaml ]]; then
  sed -i 's#path: /etc/kubernetes/admin.conf#path: /etc/kubernetes/super-admin.conf#' \
    /etc/kubernetes/manifests/kube-vip.yaml
fi
