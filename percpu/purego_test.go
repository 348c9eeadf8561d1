//go:build purego

package percpu

const purego = true
