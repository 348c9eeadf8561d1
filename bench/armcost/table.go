package armcost

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/hotpath-go/hotpath/bench/armcost/cases"
)

// Title is the heading of the table, in the command and in the report.
const Title = "arm64 cost model: QEMU instruction counts and llvm-mca estimates, not time"

// Limits is printed with every table.
const Limits = "**Limits:** counts are not time (a 64-byte load and a scalar add each count 1); " +
	"llvm-mca assumes every load hits L1 and every branch is predicted; " +
	"differences under about 15% are noise for the model."

// allowKey names one row of -check.
type allowKey struct {
	Case string
	N    int
}

// allowlist holds the rows where one of our kernels may run more arm64
// instructions than its standard-library counterpart, each with the
// measured reason it cannot do better. -check fails on every other row
// where ours runs more, and reports an entry that no longer fails as
// stale (remove it). An entry reads:
//
//	{"ValidHeaderValue", 1}: "httpguts inlines a one-byte loop (11 instructions); "+
//		"our inlined length test and call cost N: measured 2026-01-01, commit abc1234",
//
// Every entry below has one cause: below 4 bytes the work is a few loads,
// and the call does the rest. Our kernels are assembly, called with the
// stack-based ABI0 (the caller stores the arguments, the kernel loads them,
// stores its result, the caller loads it: about 8 instructions more than
// a register call), while bytes.Equal calls runtime.memequal with register
// arguments and httpguts' loops inline into the caller with no call at
// all. Each exported function inlines as a length test plus the call,
// which uses 61 of the inliner's 80 budget: what is left holds a Go path
// for one length only (1 byte for the header checks, where ours is 6-7
// instructions to httpguts' 12-14), not for 2 or 3 (84-86). Measured
// 2026-12-02 (QEMU 7.2, Go 1.26.8), issue 11.
var allowlist = map[allowKey]string{
	{"Equal", 1}: "ABI0 call beside memequal's register call: 31 instructions vs 24; " +
		"routing 1-2 bytes to memequal on arm64 costs 83 of the 80 inline budget",
	{"Equal", 2}:            "ABI0 call beside memequal's register call: 34 instructions vs 30 (as at 1 byte)",
	{"ValidHeaderName", 2}:  "httpguts' loop inlines (23 instructions); ours is the inlined length test, the ABI0 call and a 3-load path: 32",
	{"ValidHeaderName", 3}:  "httpguts' loop inlines (31 instructions); ours 32, as at 2 bytes",
	{"ValidHeaderValue", 2}: "httpguts' loop inlines (21 instructions); ours is the inlined length test, the ABI0 call and a 3-load path: 32",
	{"ValidHeaderValue", 3}: "httpguts' loop inlines (29 instructions); ours 32, as at 2 bytes",
}

// Violation is a row where ours runs more instructions than the peer.
type Violation struct {
	Case       string
	N          int
	Ours, Peer float64
	// Allowed is the allowlist's reason, or empty.
	Allowed string
}

func (v Violation) String() string {
	s := fmt.Sprintf("%s at %d: %s instructions vs %s", v.Case, v.N, fmtCount(v.Ours, true), fmtCount(v.Peer, true))
	if v.Allowed != "" {
		s += " (allowed: " + v.Allowed + ")"
	}
	return s
}

// Check compares the Check rows at cases.CheckSizes: fails are rows where
// ours runs more instructions than the peer and no allowlist entry says
// why; allowed are those with one; stale lists allowlist entries measured
// here that no longer fail.
func (r *Result) Check() (fails, allowed []Violation, stale []string) {
	return checkRows(r.Rows, allowlist)
}

func checkRows(rows []Row, allow map[allowKey]string) (fails, allowed []Violation, stale []string) {
	for _, row := range rows {
		if !row.Check || !slices.Contains(cases.CheckSizes, row.N) {
			continue
		}
		reason, listed := allow[allowKey{row.Case, row.N}]
		if row.Ours.Instructions <= row.Peer.Instructions {
			if listed {
				stale = append(stale, fmt.Sprintf("%s at %d: ours %s ≤ peer %s", row.Case, row.N,
					fmtCount(row.Ours.Instructions, true), fmtCount(row.Peer.Instructions, true)))
			}
			continue
		}
		v := Violation{Case: row.Case, N: row.N, Ours: row.Ours.Instructions, Peer: row.Peer.Instructions, Allowed: reason}
		if listed {
			allowed = append(allowed, v)
		} else {
			fails = append(fails, v)
		}
	}
	return fails, allowed, stale
}

// fmtCount prints a count: whole numbers as such, others with one decimal;
// a "~" marks a count whose repetitions disagreed.
func fmtCount(v float64, exact bool) string {
	s := fmt.Sprintf("%.1f", v)
	if v == math.Trunc(v) {
		s = fmt.Sprintf("%.0f", v)
	}
	if !exact {
		s = "~" + s
	}
	return s
}

// modelLabel shortens "neoverse-n1" to "N1".
func modelLabel(m string) string {
	return strings.ToUpper(strings.TrimPrefix(m, "neoverse-"))
}

func (m Measure) cyclesText(models []string) string {
	if len(m.Cycles) == 0 {
		return "—"
	}
	var parts []string
	for _, model := range models {
		c, ok := m.Cycles[model]
		if !ok {
			parts = append(parts, "—")
			continue
		}
		parts = append(parts, fmt.Sprintf("%.1f", c))
	}
	return strings.Join(parts, " / ")
}

// WriteMarkdown writes the tables under a heading of the given level
// ("###" in the report), with the method and its limits.
func (r *Result) WriteMarkdown(w io.Writer, level string) {
	fmt.Fprintf(w, "%s %s\n\n", level, Title)
	var builds []string
	for _, t := range sortedKeys(r.Kernels) {
		name := "default build"
		if t != "" {
			name = "-tags " + t
		}
		builds = append(builds, fmt.Sprintf("%s runs %s kernels, empty loop %s instructions", name, r.Kernels[t], fmtCount(r.Baseline[t], true)))
	}
	fmt.Fprintf(w, "- Instructions per call: guest instructions a QEMU TCG plugin counted between marker calls (%s, -cpu %s): "+
		"%s, minus the same for an empty loop; NOPs (the compiler's inline marks) are not counted.\n", r.QEMU, r.CPU, r.Window)
	if len(r.Models) > 0 {
		var ms []string
		for _, m := range r.Models {
			ms = append(ms, modelLabel(m))
		}
		fmt.Fprintf(w, "- Cycles per call: llvm-mca (%s), Neoverse %s models, steady state of one iteration's executed instructions, minus the empty loop's.\n",
			r.MCA, strings.Join(ms, " / "))
		if r.CyclesSkipped != "" {
			fmt.Fprintf(w, "- Models that gave no estimates: %s.\n", r.CyclesSkipped)
		}
	} else {
		fmt.Fprintf(w, "- No cycle estimates: %s.\n", r.CyclesSkipped)
	}
	fmt.Fprintf(w, "- Arm64 harness built by %s; %s. Took %.0fs.\n\n%s\n", r.Go, strings.Join(builds, "; "), r.Elapsed.Seconds(), Limits)

	cyc := "cycles"
	if len(r.Models) > 0 {
		var ms []string
		for _, m := range r.Models {
			ms = append(ms, modelLabel(m))
		}
		cyc = "cycles " + strings.Join(ms, " / ")
	}
	for i := 0; i < len(r.Rows); {
		j := i
		for j < len(r.Rows) && r.Rows[j].Case == r.Rows[i].Case {
			j++
		}
		rows := r.Rows[i:j]
		first := rows[0]
		fmt.Fprintf(w, "\n**%s**: %s vs %s\n\n", first.Case, sideLabel(first.Ours), sideLabel(first.Peer))
		head := fmt.Sprintf("| n (%s) | ours instr | peer instr | ours/peer |", first.Unit)
		sep := "|--:|--:|--:|--:|"
		if first.PerByte {
			head += " ours instr/B | peer instr/B |"
			sep += "--:|--:|"
		}
		head += fmt.Sprintf(" ours %s | peer %s |", cyc, cyc)
		sep += "--:|--:|"
		fmt.Fprintln(w, head)
		fmt.Fprintln(w, sep)
		for _, row := range rows {
			line := fmt.Sprintf("| %d | %s | %s | %s |", row.N, fmtCount(row.Ours.Instructions, row.Ours.Exact),
				fmtCount(row.Peer.Instructions, row.Peer.Exact), row.ratioText())
			if row.PerByte {
				line += fmt.Sprintf(" %.2f | %.2f |", row.Ours.Instructions/float64(row.N), row.Peer.Instructions/float64(row.N))
			}
			line += fmt.Sprintf(" %s | %s |", row.Ours.cyclesText(r.Models), row.Peer.cyclesText(r.Models))
			fmt.Fprintln(w, line)
		}
		for _, row := range rows {
			for _, m := range []Measure{row.Ours, row.Peer} {
				if m.CyclesError != "" && len(r.Models) > 0 {
					fmt.Fprintf(w, "\n- %s at %d: no cycles (%s)\n", m.Name, row.N, m.CyclesError)
				}
			}
		}
		i = j
	}
	fails, allowed, stale := r.Check()
	if len(fails)+len(allowed)+len(stale) > 0 {
		fmt.Fprintf(w, "\n-check rows (ours must not run more instructions than the peer at %v bytes):\n\n", cases.CheckSizes)
		for _, v := range fails {
			fmt.Fprintf(w, "- ✗ %s\n", v)
		}
		for _, v := range allowed {
			fmt.Fprintf(w, "- allowed: %s\n", v)
		}
		for _, s := range stale {
			fmt.Fprintf(w, "- stale allowlist entry (remove it): %s\n", s)
		}
	}
}

// ratioText is the ratio with a mark on -check rows: ✓ within, ✗ over,
// "allowed" over but on the allowlist.
func (row Row) ratioText() string {
	s := fmt.Sprintf("%.2f", row.Ratio)
	if !row.Check || !slices.Contains(cases.CheckSizes, row.N) {
		return s
	}
	switch _, listed := allowlist[allowKey{row.Case, row.N}]; {
	case row.Ours.Instructions <= row.Peer.Instructions:
		return s + " ✓"
	case listed:
		return s + " (allowed)"
	}
	return s + " ✗"
}

func sideLabel(m Measure) string {
	if m.Tags != "" && !strings.Contains(m.Name, "(") {
		return fmt.Sprintf("%s (-tags %s)", m.Name, m.Tags)
	}
	return m.Name
}

// WriteJSON writes the result as indented JSON.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
