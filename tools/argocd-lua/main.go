// Command argocd-lua assesses objects with Argo CD's own health code, as its application
// controller does: argocd-cm `resource.customizations.health.<group>_<Kind>` scripts run in
// Argo CD's Lua VM (util/lua, standard libraries off, as for any argocd-cm script), and kinds
// without such a script get Argo CD's built-in assessment (gitops-engine's health package and
// the Lua scripts embedded in Argo CD).
//
//	argocd-lua < {"data": {<argocd-cm data>}, "objects": [<object>, ...]}
//
// Output (stdout, JSON): [{"status": "...", "message": "..."} | {"error": "..."}, ...], one per
// object, in order; "status" is "" when Argo CD has no assessment for the kind.
//
//	argocd-lua normalize <ignore.json> < [<object>, ...]
//
// applies an Application's ignoreDifferences with Argo CD's own normalizer instead (normalize.go).
//
//	argocd-lua permitted < {"project": <AppProject>, "application": <Application>, "objects": [...]}
//
// checks an Application and its objects against its AppProject (permitted.go).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/argoproj/argo-cd/gitops-engine/v3/pkg/health"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	appv1 "github.com/argoproj/argo-cd/v3/pkg/apis/application/v1alpha1"
	argolua "github.com/argoproj/argo-cd/v3/util/lua"
)

const healthPrefix = "resource.customizations.health."

type input struct {
	Data    map[string]string `json:"data"`
	Objects []map[string]any  `json:"objects"`
}

type result struct {
	Status  string `json:"status,omitempty"`
	Message string `json:"message,omitempty"`
	Error   string `json:"error,omitempty"`
}

// overrides reads argocd-cm's split health keys the way util/settings does: `<group>_<Kind>`
// becomes `<group>/<Kind>`, a bare `<Kind>` stays (core kinds).
func overrides(data map[string]string) (map[string]appv1.ResourceOverride, error) {
	out := map[string]appv1.ResourceOverride{}
	for k, script := range data {
		if !strings.HasPrefix(k, healthPrefix) {
			continue
		}
		groupKind := strings.TrimPrefix(k, healthPrefix)
		parts := strings.Split(groupKind, "_")
		switch {
		case len(parts) == 2:
			groupKind = parts[0] + "/" + parts[1]
		case len(parts) == 1 && groupKind != "":
		default:
			return nil, fmt.Errorf("argocd-cm key %q: expected %s<group>_<Kind> or %s<Kind>", k, healthPrefix, healthPrefix)
		}
		out[groupKind] = appv1.ResourceOverride{HealthLua: script}
	}
	return out, nil
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "normalize" {
		normalizeMain(os.Args[2:])
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "permitted" {
		permittedMain(os.Args[2:])
		return
	}
	if len(os.Args) > 1 {
		fmt.Fprintf(os.Stderr, "argocd-lua: unknown arguments %q; usage: argocd-lua < health.json | argocd-lua normalize <ignore.json> < objects.json | argocd-lua permitted < project.json\n", os.Args[1:])
		os.Exit(2)
	}
	healthMain()
}

func healthMain() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintf(os.Stderr, "argocd-lua: stdin is not {\"data\": {...}, \"objects\": [...]}: %v\n", err)
		os.Exit(2)
	}
	ov, err := overrides(in.Data)
	if err != nil {
		fmt.Fprintf(os.Stderr, "argocd-lua: %v\n", err)
		os.Exit(2)
	}
	results := make([]result, 0, len(in.Objects))
	for _, obj := range in.Objects {
		hs, err := health.GetResourceHealth(&unstructured.Unstructured{Object: obj}, argolua.ResourceHealthOverrides(ov))
		switch {
		case err != nil:
			results = append(results, result{Error: err.Error()})
		case hs == nil:
			results = append(results, result{})
		default:
			results = append(results, result{Status: string(hs.Status), Message: hs.Message})
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		fmt.Fprintf(os.Stderr, "argocd-lua: %v\n", err)
		os.Exit(1)
	}
}
