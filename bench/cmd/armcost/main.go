// Command armcost measures hotpath's arm64 kernels against the standard
// library's arm64 code without ARM hardware: guest instructions per call
// under QEMU (a TCG plugin counting between marker calls) and estimated
// cycles per call (llvm-mca's Neoverse N1 and V1 models). Counts are not
// time; see package armcost for the method and its limits.
//
// Usage, from the bench directory of a checkout:
//
//	go run ./cmd/armcost                 # every case and size, Markdown tables
//	go run ./cmd/armcost -quick          # the report's subset
//	go run ./cmd/armcost -run 'Equal'    # cases whose name matches
//	go run ./cmd/armcost -json out.json  # also the numbers as JSON ("-": standard output only)
//	go run ./cmd/armcost -check          # exit 1 if a kernel runs more instructions than its peer
//	go run ./cmd/armcost -mca=false      # instruction counts only
//
// It needs qemu-aarch64 (Debian package qemu-user: the dynamic build, as
// qemu-aarch64-static cannot load plugins) and gcc; cycles also need LLVM
// 19 or later (llvm-mca, llvm-objdump; Debian package llvm-19). It builds a
// small QEMU plugin (bench/armcost/plugin/count.c, embedded) and the arm64
// harness (bench/armcost/harness) in a temporary directory.
//
// -check exits 1 when, at 1, 2, 3, 4, 8, 16, 64 or 1024 bytes, one of the
// kernels (the cases with Check set) runs more arm64 instructions than its
// standard-library counterpart, unless the allowlist in
// bench/armcost/table.go names that row with the measured reason.
//
// Adding a case (for example wire.ParseRequest on a 500-byte head, its NEON
// kernels against its generic code, instructions per byte): in a new file
// bench/armcost/cases/wire.go,
//
//	var sinkErr error // results go to package-level sinks
//
//	func init() {
//		head := func(n int) Loop {
//			req := []byte(sampleHead(n)) // prepared outside the markers
//			var r wire.Request
//			return func(iters int) {
//				for range iters {
//					sinkErr = wire.ParseRequest(req, &r)
//				}
//			}
//		}
//		Register(Case{
//			Name: "ParseRequest", Sizes: []int{500}, Quick: []int{500}, Unit: "B head", PerByte: true,
//			Ours: Impl{Name: "wire.ParseRequest", Setup: head},
//			Peer: Impl{Name: "wire.ParseRequest (generic)", Tags: "purego", Setup: head},
//		})
//	}
//
// A side with Tags "purego" runs in the harness built with -tags purego,
// where every hotpath package uses its generic code; the standard library
// is the same in both builds. Loops call the function directly so that it
// inlines as in a caller, and store results to a package-level sink.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/hotpath-go/hotpath/bench/armcost"
	"github.com/hotpath-go/hotpath/bench/armcost/cases"
)

func main() {
	var o armcost.Options
	var jsonOut, out string
	var list bool
	flag.StringVar(&o.Run, "run", "", "measure only the cases whose name matches this regular expression")
	flag.BoolVar(&o.Quick, "quick", false, "measure each case's quick sizes only (the report's -quick subset)")
	flag.BoolVar(&o.Check, "check", false, "measure the checked kernels at 1..1024 bytes (instructions only, unless -mca is given) and exit 1 if one runs more instructions than its peer outside the allowlist")
	flag.BoolVar(&o.Cycles, "mca", true, "estimate cycles with llvm-mca (off under -check unless given)")
	flag.StringVar(&jsonOut, "json", "", "write the numbers as JSON to this file (\"-\": standard output, instead of the tables)")
	flag.StringVar(&out, "o", "", "write the tables to this file as well as standard output")
	flag.StringVar(&o.Work, "work", "", "keep the plugin, harness binaries and intermediate files in this directory")
	flag.IntVar(&o.N1, "n1", 2, "iterations of the short counting window")
	flag.IntVar(&o.N2, "n2", 10, "iterations of the long counting window")
	flag.IntVar(&o.Reps, "reps", 3, "repetitions of each counting window (the minimum counts)")
	flag.BoolVar(&list, "list", false, "list the cases and their sizes, and exit")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "armcost: unexpected arguments %v\n", flag.Args())
		os.Exit(2)
	}
	if list {
		for _, c := range cases.All() {
			fmt.Printf("%s: %s vs %s, sizes %v, quick %v, check %v\n", c.Name, c.Ours.Name, c.Peer.Name, c.Sizes, c.Quick, c.Check)
		}
		return
	}
	if o.Check {
		mcaGiven := false
		flag.Visit(func(f *flag.Flag) { mcaGiven = mcaGiven || f.Name == "mca" })
		o.Cycles = o.Cycles && mcaGiven
	}
	o.Progress = os.Stderr

	res, err := armcost.Run(context.Background(), o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "armcost:", err)
		os.Exit(1)
	}
	var w io.Writer = os.Stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "armcost:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = io.MultiWriter(os.Stdout, f)
	}
	switch jsonOut {
	case "-":
		err = res.WriteJSON(os.Stdout)
	case "":
		res.WriteMarkdown(w, "##")
	default:
		res.WriteMarkdown(w, "##")
		var f *os.File
		if f, err = os.Create(jsonOut); err == nil {
			err = res.WriteJSON(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "armcost:", err)
		os.Exit(1)
	}
	if o.Check {
		fails, allowed, stale := res.Check()
		for _, s := range stale {
			fmt.Fprintln(os.Stderr, "armcost -check: stale allowlist entry (remove it):", s)
		}
		for _, v := range allowed {
			fmt.Fprintln(os.Stderr, "armcost -check: allowed:", v)
		}
		for _, v := range fails {
			fmt.Fprintln(os.Stderr, "armcost -check: FAIL:", v)
		}
		if len(fails) > 0 {
			fmt.Fprintf(os.Stderr, "armcost -check: %d row(s) where a kernel runs more arm64 instructions than its peer\n", len(fails))
			os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, "armcost -check: ok")
	}
}
