//go:build !purego

package main

// buildTags are the tags this binary was built with, as cases.Impl.Tags
// spells them.
const buildTags = ""
