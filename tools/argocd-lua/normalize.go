package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	log "github.com/sirupsen/logrus"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	appv1 "github.com/argoproj/argo-cd/v3/pkg/apis/application/v1alpha1"
	"github.com/argoproj/argo-cd/v3/util/argo/normalizers"
)

// Normalize mode: what Argo CD compares of each object once an Application's ignoreDifferences
// are applied (util/argo/normalizers, the normalizer its diff uses, gojq for jqPathExpressions).
//
// Input: <ignore.json> holds the Application's spec.ignoreDifferences (a JSON array; unknown
// fields are refused, as a misspelt field would silently ignore nothing); stdin holds the
// objects (a JSON array). Output (stdout, JSON): [{"object": {...}, "error": "..."}, ...], one
// per object, in order. "error" is set when a matching rule failed on the object: Argo CD then
// skips that rule (it only logs it at debug level) and compares the object as printed.

// failedPatch starts the debug message Argo CD's normalizer logs for a rule it skips.
const failedPatch = "Failed to apply normalization patch: "

type normalized struct {
	Object map[string]any `json:"object"`
	Error  string         `json:"error,omitempty"`
}

// skipped collects the rules the normalizer skips, which it reports only through logrus.
type skipped struct{ messages []string }

func (s *skipped) Levels() []log.Level { return []log.Level{log.DebugLevel} }

func (s *skipped) Fire(e *log.Entry) error {
	if msg, ok := strings.CutPrefix(e.Message, failedPatch); ok {
		s.messages = append(s.messages, msg)
	}
	return nil
}

func fail(code int, format string, args ...any) {
	fmt.Fprintf(os.Stderr, "argocd-lua normalize: "+format+"\n", args...)
	os.Exit(code)
}

func readIgnore(file string) []appv1.ResourceIgnoreDifferences {
	data, err := os.ReadFile(file)
	if err != nil {
		fail(2, "%v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var ignore []appv1.ResourceIgnoreDifferences
	if err := dec.Decode(&ignore); err != nil {
		fail(2, "%s is not an Application's spec.ignoreDifferences ([{\"group\", \"kind\", \"jsonPointers\" | \"jqPathExpressions\"}, ...]): %v", file, err)
	}
	for i, rule := range ignore {
		if rule.Kind == "" {
			fail(2, "%s: ignoreDifferences[%d]: kind is required", file, i)
		}
	}
	return ignore
}

func normalizeMain(args []string) {
	if len(args) != 1 {
		fail(2, "usage: argocd-lua normalize <ignore.json> < objects.json")
	}
	normalizer, err := normalizers.NewIgnoreNormalizer(readIgnore(args[0]), nil, normalizers.IgnoreNormalizerOpts{})
	if err != nil {
		fail(2, "%s: Argo CD refuses these ignoreDifferences: %v", args[0], err)
	}
	var objects []map[string]any
	if err := json.NewDecoder(os.Stdin).Decode(&objects); err != nil {
		fail(2, "stdin is not a JSON array of objects: %v", err)
	}

	hook := &skipped{}
	log.SetOutput(io.Discard)
	log.SetLevel(log.DebugLevel)
	log.AddHook(hook)

	out := make([]normalized, 0, len(objects))
	for i, obj := range objects {
		if obj == nil {
			fail(2, "stdin[%d] is not an object", i)
		}
		hook.messages = nil
		un := &unstructured.Unstructured{Object: obj}
		if err := normalizer.Normalize(un); err != nil {
			fail(1, "stdin[%d]: %v", i, err)
		}
		out = append(out, normalized{Object: un.Object, Error: strings.Join(hook.messages, "; ")})
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail(1, "%v", err)
	}
}
