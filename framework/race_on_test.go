//go:build race

package framework

const raceEnabled = true
