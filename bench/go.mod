module github.com/hotpath-go/hotpath/bench

go 1.26.0

require github.com/hotpath-go/hotpath v0.0.0

require golang.org/x/sys v0.50.0 // indirect

replace github.com/hotpath-go/hotpath => ../
