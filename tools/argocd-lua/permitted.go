package main

import (
	"encoding/json"
	"fmt"
	"os"

	"k8s.io/apimachinery/pkg/runtime/schema"

	appv1 "github.com/argoproj/argo-cd/v3/pkg/apis/application/v1alpha1"
)

// Permitted mode: whether an AppProject lets an Application deploy where it says and manage
// the objects it holds, with the project's own checks (AppProject.IsDestinationPermitted, which
// Argo CD's spec validation turns into an InvalidSpecError, and IsResourcePermitted, which
// fails the sync of a kind or namespace the project does not permit).
//
// Input (stdin, JSON): {"project": <AppProject>, "application": <Application>, "objects": [...]}.
// An object without metadata.namespace is taken as cluster-scoped (as Argo CD takes it once it
// has set the destination namespace on namespaced ones). Output (stdout, JSON):
// {"destination": true|false, "objects": [true|false, ...]}, one per object, in order.

type permittedInput struct {
	Project     appv1.AppProject  `json:"project"`
	Application appv1.Application `json:"application"`
	Objects     []permittedObject `json:"objects"`
}

type permittedObject struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name      string `json:"name"`
		Namespace string `json:"namespace"`
	} `json:"metadata"`
}

type permittedOutput struct {
	Destination bool   `json:"destination"`
	Objects     []bool `json:"objects"`
}

func permittedMain(args []string) {
	die := func(format string, a ...any) {
		fmt.Fprintf(os.Stderr, "argocd-lua permitted: "+format+"\n", a...)
		os.Exit(2)
	}
	if len(args) != 0 {
		die("usage: argocd-lua permitted < {\"project\": ..., \"application\": ..., \"objects\": [...]}")
	}
	var in permittedInput
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		die("stdin is not {\"project\", \"application\", \"objects\"}: %v", err)
	}
	dest := in.Application.Spec.Destination
	// The cluster as Argo CD's cluster cache resolves it: by server or by name.
	cluster := &appv1.Cluster{Server: dest.Server, Name: dest.Name}
	noClusters := func(string) ([]*appv1.Cluster, error) { return nil, nil }
	ok, err := in.Project.IsDestinationPermitted(cluster, dest.Namespace, noClusters)
	if err != nil {
		die("%v", err)
	}
	out := permittedOutput{Destination: ok, Objects: make([]bool, 0, len(in.Objects))}
	for _, o := range in.Objects {
		gv, err := schema.ParseGroupVersion(o.APIVersion)
		if err != nil {
			die("object %s/%s: %v", o.Kind, o.Metadata.Name, err)
		}
		allowed, err := in.Project.IsResourcePermitted(schema.GroupKind{Group: gv.Group, Kind: o.Kind}, o.Metadata.Name, o.Metadata.Namespace, cluster, noClusters)
		if err != nil {
			die("%v", err)
		}
		out.Objects = append(out.Objects, allowed)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		die("%v", err)
	}
}
