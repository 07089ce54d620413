package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteText renders the report for people: for each finding, Python's
// words first, then a Spark-style serialization stack (innermost first),
// the offset and a fix; then a summary line.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	name := r.File
	if name == "" {
		name = "payload"
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		fmt.Fprintf(&b, "%s: %s: %s\n", name, f.Severity, f.Rule)
		if f.Exception != "" {
			fmt.Fprintf(&b, "%s: %s\n", f.Exception, f.Message)
		} else {
			fmt.Fprintf(&b, "%s\n", f.Message)
		}
		if len(f.Path) > 0 {
			b.WriteString("Serialization stack:\n")
			for j := len(f.Path) - 1; j >= 0; j-- {
				fmt.Fprintf(&b, "    - %s\n", f.Path[j])
			}
		}
		at := fmt.Sprintf("at offset %d", f.Offset)
		switch {
		case f.Opcode != "" && f.Global != "":
			at += fmt.Sprintf(" (%s %s)", f.Opcode, f.Global)
		case f.Opcode != "":
			at += fmt.Sprintf(" (%s)", f.Opcode)
		case f.Global != "":
			at += fmt.Sprintf(" (%s)", f.Global)
		}
		b.WriteString(at + "\n")
		if f.Fix != "" {
			fmt.Fprintf(&b, "fix: %s\n", f.Fix)
		}
		b.WriteString("\n")
	}
	b.WriteString(r.summary(name) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// summary is the report's last text line.
func (r *Report) summary(name string) string {
	if len(r.Findings) == 0 {
		return name + ": no findings"
	}
	counts := map[Severity]int{}
	for i := range r.Findings {
		counts[r.Findings[i].Severity]++
	}
	var parts []string
	for _, s := range []Severity{Error, Warning, Info} {
		if n := counts[s]; n > 0 {
			word := s.String()
			if n > 1 {
				word += "s"
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, word))
		}
	}
	status := "ok"
	switch r.ExitCode() {
	case 1:
		status = "FAILED"
	case 2:
		status = "MALFORMED"
	}
	return fmt.Sprintf("%s: %s (%s at or above %s)", name, strings.Join(parts, ", "), status, r.Threshold)
}

// String renders the report as text.
func (r *Report) String() string {
	var b strings.Builder
	_ = r.WriteText(&b)
	return b.String()
}

// MarshalJSON encodes the report as {"file", "python", "findings"}; each
// finding's path is ordered root → culprit.
func (r *Report) MarshalJSON() ([]byte, error) {
	type doc struct {
		File     string    `json:"file"`
		Python   string    `json:"python"`
		Findings []Finding `json:"findings"`
	}
	fs := r.Findings
	if fs == nil {
		fs = []Finding{}
	}
	for i := range fs {
		if fs[i].Path == nil {
			fs[i].Path = []Step{}
		}
	}
	return json.Marshal(doc{r.File, r.Python, fs})
}

// WriteJSON writes the report as one indented JSON document.
func (r *Report) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ruleInfo describes the rules for SARIF.
var ruleInfo = []struct{ id, short string }{
	{RuleResource, "Object that cannot be pickled or would become a live resource on the worker"},
	{RuleDangerousCall, "Global that executes code or touches the host when the payload is loaded"},
	{RuleDangerousCode, "Pickled code that calls code-execution or host functions"},
	{RuleUnknownGlobal, "Global that is neither allowlisted nor known to be dangerous"},
	{RuleMalformed, "Payload the decoder refuses or that holds extra data"},
}

// WriteSARIF writes the reports as one SARIF 2.1.0 log with one run.
func WriteSARIF(w io.Writer, reports ...*Report) error {
	type msg struct {
		Text string `json:"text"`
	}
	type rule struct {
		ID               string         `json:"id"`
		Name             string         `json:"name"`
		ShortDescription msg            `json:"shortDescription"`
		DefaultConfig    map[string]any `json:"defaultConfiguration"`
	}
	type region struct {
		ByteOffset int64 `json:"byteOffset"`
		ByteLength int64 `json:"byteLength"`
	}
	type physical struct {
		ArtifactLocation map[string]string `json:"artifactLocation"`
		Region           region            `json:"region"`
	}
	type logical struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	type location struct {
		PhysicalLocation physical  `json:"physicalLocation"`
		LogicalLocations []logical `json:"logicalLocations,omitempty"`
		Message          *msg      `json:"message,omitempty"`
	}
	type result struct {
		RuleID     string         `json:"ruleId"`
		RuleIndex  int            `json:"ruleIndex"`
		Level      string         `json:"level"`
		Message    msg            `json:"message"`
		Locations  []location     `json:"locations"`
		Properties map[string]any `json:"properties"`
	}
	rules := make([]rule, len(ruleInfo))
	index := map[string]int{}
	for i, ri := range ruleInfo {
		level := "error"
		if ri.id == RuleUnknownGlobal {
			level = "warning"
		}
		rules[i] = rule{ID: ri.id, Name: ri.id, ShortDescription: msg{ri.short},
			DefaultConfig: map[string]any{"level": level}}
		index[ri.id] = i
	}
	results := []result{}
	var artifacts []map[string]any
	for _, r := range reports {
		uri := r.File
		if uri == "" || uri == "-" {
			uri = "stdin"
		}
		artifacts = append(artifacts, map[string]any{"location": map[string]string{"uri": uri}})
		for _, f := range r.Findings {
			level := map[Severity]string{Error: "error", Warning: "warning", Info: "note"}[f.Severity]
			text := f.Message
			if f.Exception != "" {
				text = f.Exception + ": " + text
			}
			if f.Fix != "" {
				text += "\nfix: " + f.Fix
			}
			path := make([]string, len(f.Path))
			for i, s := range f.Path {
				path[i] = s.String()
			}
			loc := location{PhysicalLocation: physical{ArtifactLocation: map[string]string{"uri": uri},
				Region: region{ByteOffset: f.Offset, ByteLength: 1}}}
			if len(path) > 0 {
				loc.LogicalLocations = []logical{{FullyQualifiedName: strings.Join(path, " -> "), Kind: "object"}}
			}
			props := map[string]any{"path": f.Path, "severity": f.Severity.String()}
			if f.Global != "" {
				props["global"] = f.Global
			}
			if f.Fix != "" {
				props["fix"] = f.Fix
			}
			if r.Python != "" {
				props["python"] = r.Python
			}
			results = append(results, result{RuleID: f.Rule, RuleIndex: index[f.Rule], Level: level,
				Message: msg{text}, Locations: []location{loc}, Properties: props})
		}
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name":           "pybridge check",
				"informationUri": "https://github.com/pybridge/pybridge",
				"rules":          rules,
			}},
			"artifacts": artifacts,
			"results":   results,
		}},
	}
	b, err := json.MarshalIndent(log, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
