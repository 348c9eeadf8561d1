package main

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/hotpath-go/hotpath/bench/armcost"
)

// armcostSection measures hotpath's arm64 kernels against the standard
// library under QEMU and writes the section, or says loudly why it did not
// run (no qemu-aarch64 or gcc, an arm64 machine, a failure). It returns the
// result for the JSON file, nil when there is none.
func armcostSection(ctx context.Context, w, progress io.Writer, quick bool) *armcost.Result {
	skip := func(why string) *armcost.Result {
		fmt.Fprintf(w, "\n### %s\n\n**SKIPPED: %s**\n", armcost.Title, why)
		fmt.Fprintf(progress, "report: SKIPPED the arm64 cost model: %s\n", why)
		return nil
	}
	if runtime.GOARCH == "arm64" {
		return skip("this machine is arm64: the timed tables above are the real thing")
	}
	if _, err := armcost.FindTools(); err != nil {
		return skip(err.Error())
	}
	res, err := armcost.Run(ctx, armcost.Options{Quick: quick, Cycles: true, Progress: progress})
	if err != nil {
		return skip(fmt.Sprintf("armcost failed: %v", err))
	}
	fmt.Fprintln(w)
	res.WriteMarkdown(w, "###")
	return res
}
