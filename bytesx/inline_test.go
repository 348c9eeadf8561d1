package bytesx

import (
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/asm"
)

// TestExportedFunctionsInline builds the package with -gcflags=-m=2, for this
// test's GOARCH and build tags, and fails if an exported kernel function no
// longer inlines into its callers: its short Go path for tiny inputs only
// pays when it runs in the caller, without a call (DESIGN.md, "One kernel,
// four files"). It skips only where the go command is not on PATH.
func TestExportedFunctionsInline(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command on PATH: %v", err)
	}
	args := []string{"build", "-gcflags=-m=2"}
	if asm.Purego {
		args = append(args, "-tags=purego")
	}
	cmd := exec.Command(goTool, append(args, ".")...)
	cmd.Env = append(os.Environ(), "GOARCH="+runtime.GOARCH, "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m=2: %v\n%s", err, out)
	}
	for _, f := range []string{"Equal", "EqualString", "EqualFold", "EqualFoldString",
		"ValidHeaderName", "ValidHeaderNameString", "ValidHeaderValue", "ValidHeaderValueString"} {
		re := regexp.MustCompile(`(?m)can inline ` + f + ` with cost \d+`)
		if m := re.Find(out); m == nil {
			t.Errorf("%s does not inline (GOARCH=%s purego=%v); the compiler says:\n%s",
				f, runtime.GOARCH, asm.Purego, grepLines(string(out), f))
		} else {
			t.Log(string(m))
		}
	}
}

// grepLines returns the lines of s that mention the function f.
func grepLines(s, f string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, " "+f+":") || strings.Contains(l, " "+f+" ") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}
