//go:build purego

package main

const buildTags = "purego"
