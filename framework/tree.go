package framework

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/hotpath-go/hotpath/internal/swar"
)

// The routes of one method that hold a wildcard live in a radix tree of
// nodes. A node matches a run of static bytes (prefix), or, for a parameter
// node, one non-empty path segment. Static children are found in O(1) by a
// table indexed by their first byte (kids[b-lo]); a node has at most one
// parameter child and one catch-all route. Routes without wildcards are not
// in the tree: they live in the method's staticTable, which is looked up
// first, and since a fully static route always beats any wildcard route
// matching the same path, leaving them out of the tree changes no answer.
//
// Published trees are immutable: adding a route copies the nodes on the way
// down (path copying) and publishes the new root with one atomic store, so
// readers never lock and never see a half-built node.

type node struct {
	prefix   string  // static bytes matched by this node; "" for a parameter node
	word     uint64  // the first (up to) 8 bytes of prefix, little-endian
	mask     uint64  // the bits of word that prefix fills
	alt      bool    // param != nil || catchAll != nil: a branch to come back to
	kids     []*node // static children, indexed by first byte - lo
	lo       byte    // first byte of kids[0]
	param    *node   // the ":name" child, matching one non-empty segment
	catchAll *route  // the "*name" route at this node, matching the rest
	slash    *node   // the only child when its prefix is exactly "/" (see lookup)
	chain    *node   // slash.param when slash has nothing else (see setChain)
	seg      *node   // param when n has nothing else (see setChain)
	route    *route  // the route that ends exactly here
}

// A paramSpan is a parameter's value as its distances from the end of the
// path routed: the value is path[len(path)-from : len(path)-to]. The tree
// sees only what is left of the path, whose length is that distance, and
// a span holds no pointer, so writing one needs no write barrier and a
// pooled Context keeps no part of a past request alive through them.
type paramSpan struct{ from, to uint32 }

// lookup matches path (what is left after n's own prefix or segment) below
// n, writing parameter values from ps[np] on. It tries static children,
// then the parameter child, then the catch-all, and backtracks when a branch
// fails further down.
//
// It is the router's hot loop, shaped for it: it walks nodes without
// alternatives and parameter segments in one loop with the child test and
// the segment scan written out, so that it makes no call on the common
// paths; the rare branch that may have to backtrack (a static child that
// matched at a node that also has a wildcard) is handed to lookupKid,
// which recurses.
func (n *node) lookup(path string, ps []paramSpan, np int) *route {
walk:
	for {
		var p *node // the parameter node whose segment path begins with
		if path == "" {
			if n.route != nil {
				return n.route
			}
			if n.catchAll != nil {
				ps[np] = paramSpan{}
				return n.catchAll
			}
			return nil
		}
		if i := uint(path[0]) - uint(n.lo); i < uint(len(n.kids)) {
			if k := n.kids[i]; k != nil {
				// k.match(path), the common cases written out: byte 0
				// chose k, and a prefix of up to 8 bytes is one masked
				// compare when the path has 8 bytes.
				l := len(k.prefix)
				ok := l == 1
				if !ok {
					if l > 8 || len(path) < 8 {
						return n.lookupKid(k, path, ps, np)
					}
					ok = swar.Head64(path)&k.mask == k.word
				}
				if ok {
					if n.alt {
						return n.lookupKid(k, path, ps, np)
					}
					path = path[l:]
					if p = k.seg; p == nil {
						n = k
						continue
					}
				}
			}
		}
		if p == nil {
			if p = n.param; p == nil {
				if n.catchAll != nil {
					ps[np] = paramSpan{uint32(len(path)), 0}
					return n.catchAll
				}
				return nil
			}
			if n.catchAll != nil {
				return n.lookupWild(path, ps, np)
			}
		}
		// Parameter segments, one after another while a segment's node
		// goes on only through "/" to another parameter (chain).
		for {
			// The segment's end (segmentEnd, written out): 8 bytes at a
			// time in a register, the last partial word as an overlapping
			// load; under 8 bytes left, a one-byte segment by its own test,
			// else two overlapping 4-byte loads.
			var i int
			if l := len(path); l >= 8 {
				for {
					x := swar.Head64(path[i:]) ^ slashes
					if m := (x - swar.Lsb) &^ x & swar.Msb; m != 0 {
						i += bits.TrailingZeros64(m) / 8
						break
					}
					i += 8
					if i+8 > l {
						if i < l {
							i = l - 8
							x := swar.Head64(path[i:]) ^ slashes
							if m := (x - swar.Lsb) &^ x & swar.Msb; m != 0 {
								i += bits.TrailingZeros64(m) / 8
								break
							}
						}
						i = l
						break
					}
				}
			} else if l >= 2 && path[1] == '/' && path[0] != '/' {
				i = 1 // one-byte segments are common enough for their own test
			} else if l >= 4 {
				x := (uint64(swar.Head32(path[l-4:]))<<32 | uint64(swar.Head32(path))) ^ slashes
				if m := (x - swar.Lsb) &^ x & swar.Msb; m == 0 {
					i = l
				} else if i = bits.TrailingZeros64(m) / 8; i >= 4 {
					i += l - 8
				}
			} else {
				for i < l && path[i] != '/' {
					i++
				}
			}
			if i == 0 {
				return nil // the node before p has no catch-all
			}
			ps[np] = paramSpan{uint32(len(path)), uint32(len(path) - i)}
			// After a segment the path is empty or goes on with '/'. A
			// parameter node has no wildcard children, so when its only
			// child is "/", that is the way on.
			if i < len(path) {
				if c := p.chain; c != nil {
					p, path, np = c, path[i+1:], np+1
					if c.chain == nil || len(path) > 64 {
						continue
					}
					// Three or more consecutive parameters: their segments
					// end at the slashes of one bitmap of the rest of the
					// path, found with no load each, where a scan per
					// segment would wait on the one before (as many
					// instructions, a shorter critical path).
					bm, pos := slashBits(path), 0
					for {
						e := len(path)
						if bm != 0 {
							e = bits.TrailingZeros64(bm)
						}
						if e == pos {
							return nil // the "/" node has no catch-all
						}
						ps[np] = paramSpan{uint32(len(path) - pos), uint32(len(path) - e)}
						if e < len(path) {
							if c := p.chain; c != nil {
								p, np, pos = c, np+1, e+1
								bm &= bm - 1 // that slash
								continue
							}
							if p.slash != nil {
								n, path, np = p.slash, path[e+1:], np+1
								continue walk
							}
						} else if p.route != nil {
							return p.route
						}
						n, path, np = p, path[e:], np+1
						continue walk
					}
				}
				if p.slash != nil {
					n, path, np = p.slash, path[i+1:], np+1
					break
				}
			} else if p.route != nil {
				return p.route // the next round's answer, sooner
			}
			n, path, np = p, path[i:], np+1
			break
		}
	}
}

// lookupKid is lookup at node n from its static child k on, for the cases
// lookup's loop leaves out: k's prefix has to be compared the long way, or
// n has a parameter child or a catch-all to backtrack to when k's branch
// fails.
func (n *node) lookupKid(k *node, path string, ps []paramSpan, np int) *route {
	if k.match(path) {
		if !n.alt {
			return k.lookup(path[len(k.prefix):], ps, np)
		}
		if r := k.lookup(path[len(k.prefix):], ps, np); r != nil {
			return r
		}
	}
	if n.param == nil && n.catchAll == nil {
		return nil
	}
	return n.lookupWild(path, ps, np)
}

// lookupWild matches path (not empty) against n's parameter child, then
// its catch-all.
func (n *node) lookupWild(path string, ps []paramSpan, np int) *route {
	if p := n.param; p != nil {
		if i := segmentEnd(path); i > 0 {
			ps[np] = paramSpan{uint32(len(path)), uint32(len(path) - i)}
			if r := p.lookup(path[i:], ps, np+1); r != nil {
				return r
			}
		}
	}
	if n.catchAll != nil {
		ps[np] = paramSpan{uint32(len(path)), 0}
		return n.catchAll
	}
	return nil
}

// match reports whether path begins with n.prefix. Prefixes are short, so
// the first 8 bytes are compared as one word, and only longer prefixes pay
// for a call to memequal.
func (n *node) match(path string) bool {
	l := len(n.prefix)
	if l == 1 { // byte 0 chose n
		return true
	}
	if len(path) < l {
		return false
	}
	if len(path) >= 8 {
		if swar.Head64(path)&n.mask != n.word {
			return false
		}
		return l <= 8 || path[8:l] == n.prefix[8:]
	}
	if l >= 4 { // two overlapping words cover l bytes
		return swar.Head32(path) == swar.Head32(n.prefix) && swar.Head32(path[l-4:]) == swar.Head32(n.prefix[l-4:])
	}
	return path[1:l] == n.prefix[1:] // byte 0 chose n
}

// segmentEnd returns the index of the first '/' in s, or len(s): 8 bytes
// at a time in a register (SWAR), which beats a call into assembly for the
// lengths of path segments, with the last partial word loaded so that it
// overlaps the previous one (whose bytes are known not to be '/'). lookup
// has its own copy.
func segmentEnd(s string) int {
	l := len(s)
	if l < 8 {
		return shortSegmentEnd(s)
	}
	i := 0
	for ; i+8 <= l; i += 8 {
		x := swar.Head64(s[i:]) ^ slashes
		if m := (x - swar.Lsb) &^ x & swar.Msb; m != 0 {
			// The lowest flagged byte is always a real match (a borrow only
			// flags bytes above one).
			return i + bits.TrailingZeros64(m)/8
		}
	}
	if i < l {
		i = l - 8
		x := swar.Head64(s[i:]) ^ slashes
		if m := (x - swar.Lsb) &^ x & swar.Msb; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	return l
}

// shortSegmentEnd is segmentEnd for len(s) < 8. From 4 bytes on, the first
// and the last 4 bytes (which may overlap) go in one register: a '/' in the
// first half is the first one; otherwise the first in the second half is
// (the bytes it shares with the first half are not '/').
func shortSegmentEnd(s string) int {
	l := len(s)
	if l >= 4 {
		x := (uint64(swar.Head32(s[l-4:]))<<32 | uint64(swar.Head32(s))) ^ slashes
		m := (x - swar.Lsb) &^ x & swar.Msb
		if m == 0 {
			return l
		}
		if b := bits.TrailingZeros64(m) / 8; b < 4 {
			return b
		} else {
			return l - 8 + b
		}
	}
	for i := 0; i < l; i++ {
		if s[i] == '/' {
			return i
		}
	}
	return l
}

// slashBits returns the bitmap of the slashes in s (at most 64 bytes):
// bit k is set when s[k] is '/'.
func slashBits(s string) uint64 {
	l := len(s)
	var b uint64
	i := 0
	for ; i+8 <= l; i += 8 {
		b |= wordSlashes(swar.Head64(s[i:])) << (i & 63)
	}
	if i < l {
		if l >= 8 { // the last word, overlapping the one before
			b |= wordSlashes(swar.Head64(s[l-8:])) >> ((i - (l - 8)) & 63) << (i & 63)
		} else {
			for ; i < l; i++ {
				if s[i] == '/' {
					b |= 1 << i
				}
			}
		}
	}
	return b
}

// wordSlashes returns one bit per byte of the little-endian word x, set
// for the bytes that are '/'. Unlike the scans' flags, every flag is exact
// (no borrow crosses bytes), and the multiply gathers the eight flags in
// the top byte (its terms land on distinct bits, so nothing carries).
func wordSlashes(x uint64) uint64 {
	x ^= slashes
	m := ^((x&(swar.Lsb*0x7f) + swar.Lsb*0x7f) | x) & swar.Msb
	return (m >> 7) * 0x0102040810204080 >> 56
}

// slashes is '/' in every byte. The scans flag the bytes of x that are zero
// with (x - Lsb) &^ x & Msb: the lowest flagged byte is always a real zero
// (a borrow only flags bytes above one), and only the lowest is used.
const slashes = swar.Lsb * '/'

// setPrefix sets n.prefix and the word and mask match compares.
func (n *node) setPrefix(p string) {
	n.prefix = p
	var b [8]byte
	m := [8]byte{}
	for i := 0; i < len(p) && i < 8; i++ {
		b[i], m[i] = p[i], 0xff
	}
	n.word, n.mask = binary.LittleEndian.Uint64(b[:]), binary.LittleEndian.Uint64(m[:])
}

func (n *node) clone() *node {
	c := *n
	c.kids = slices.Clone(n.kids)
	return &c
}

func (n *node) kid(b byte) *node {
	if i := uint(b) - uint(n.lo); i < uint(len(n.kids)) {
		return n.kids[i]
	}
	return nil
}

// setKid stores k as the child for its first byte, growing the table.
// n must be unpublished (a clone or a new node).
func (n *node) setKid(k *node) {
	b := k.prefix[0]
	switch {
	case len(n.kids) == 0:
		n.lo = b
		n.kids = []*node{k}
	case b < n.lo:
		kids := make([]*node, int(n.lo-b)+len(n.kids))
		copy(kids[n.lo-b:], n.kids)
		n.kids, n.lo = kids, b
		n.kids[0] = k
	case int(b-n.lo) >= len(n.kids):
		kids := make([]*node, int(b-n.lo)+1)
		copy(kids, n.kids)
		n.kids = kids
		n.kids[b-n.lo] = k
	default:
		n.kids[b-n.lo] = k
	}
	n.slash = nil
	if len(n.kids) == 1 && n.kids[0].prefix == "/" {
		n.slash = n.kids[0]
	}
}

// insert returns a new root holding everything under root plus rt, sharing
// every node it did not need to change. It panics, naming both routes, when
// rt conflicts with a route already in the tree.
//
// The root matches the leading '/' of every pattern (the first part of a
// pattern is always static and begins with it).
func insert(root *node, rt *route, parts []part) *node {
	if root == nil {
		root = new(node)
		root.setPrefix("/")
	} else {
		root = root.clone()
	}
	n := root
	// The nodes on rt's way, all unpublished: the only ones whose chain
	// may change.
	way := []*node{root}
	for i, p := range parts {
		switch p.kind {
		case partStatic:
			if i == 0 {
				p.s = p.s[1:]
			}
			n = n.addStatic(p.s, &way)
		case partParam:
			if n.param == nil {
				n.param = new(node)
			} else {
				n.param = n.param.clone()
			}
			n.alt = true
			n = n.param
			way = append(way, n)
		case partCatchAll:
			if n.catchAll != nil {
				conflict(n.catchAll, rt)
			}
			n.catchAll = rt
			n.alt = true
			setChains(way)
			return root
		}
	}
	if n.route != nil {
		conflict(n.route, rt)
	}
	n.route = rt
	setChains(way)
	return root
}

func setChains(way []*node) {
	for _, n := range way {
		n.setChain()
	}
}

// setChain sets n.chain, the parameter child of n's "/" child, and n.seg,
// n's own parameter child, when the node they are children of has nothing
// else (no route, static child nor catch-all): lookup then goes on to the
// parameter's segment without the tests of that node.
func (n *node) setChain() {
	n.chain, n.seg = nil, nil
	if s := n.slash; s != nil && s.pure() {
		n.chain = s.param
	}
	if n.pure() {
		n.seg = n.param
	}
}

// pure reports whether n has nothing but its parameter child (or nothing).
func (n *node) pure() bool { return n.route == nil && n.catchAll == nil && len(n.kids) == 0 }

// addStatic walks (copying) or creates the nodes for s below n and returns
// the node where s ends. n must be unpublished.
func (n *node) addStatic(s string, way *[]*node) *node {
	for s != "" {
		k := n.kid(s[0])
		if k == nil {
			k = new(node)
			k.setPrefix(s)
			n.setKid(k)
			*way = append(*way, k)
			return k
		}
		k = k.clone()
		l := commonPrefix(k.prefix, s)
		if l < len(k.prefix) {
			head := new(node)
			head.setPrefix(k.prefix[:l])
			k.setPrefix(k.prefix[l:])
			head.setKid(k)
			k = head
		}
		n.setKid(k)
		*way = append(*way, k)
		n, s = k, s[l:]
	}
	return n
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

func conflict(old, rt *route) {
	if old.pattern == rt.pattern {
		panic(fmt.Sprintf("framework: duplicate route %s %s", rt.method, rt.pattern))
	}
	panic(fmt.Sprintf("framework: route %s %s conflicts with %s %s: they match the same requests",
		rt.method, rt.pattern, old.method, old.pattern))
}

// Pattern parsing.

const (
	partStatic = iota
	partParam
	partCatchAll
)

type part struct {
	kind int
	s    string // static text
}

// parsePattern splits a route pattern into static runs and wildcards and
// returns the wildcard names in order. It panics on a malformed pattern.
func parsePattern(method, pattern string) (parts []part, names []string) {
	bad := func(why string) {
		panic(fmt.Sprintf("framework: bad route %s %q: %s", method, pattern, why))
	}
	if pattern == "" || pattern[0] != '/' {
		bad("the path must begin with '/'")
	}
	static := ""
	segs := strings.Split(pattern[1:], "/")
	for i, seg := range segs {
		static += "/"
		if seg == "" || (seg[0] != ':' && seg[0] != '*') {
			if strings.ContainsAny(seg, ":*") {
				bad(fmt.Sprintf("wildcard inside segment %q: a wildcard must start a segment and fill it", seg))
			}
			static += seg
			continue
		}
		name := seg[1:]
		switch {
		case name == "":
			bad(fmt.Sprintf("empty wildcard name in segment %q", seg))
		case strings.ContainsAny(name, ":*"):
			bad(fmt.Sprintf("two wildcards in one segment %q", seg))
		case slices.Contains(names, name):
			bad(fmt.Sprintf("wildcard name %q used twice", name))
		}
		parts = append(parts, part{kind: partStatic, s: static})
		static = ""
		names = append(names, name)
		if seg[0] == ':' {
			parts = append(parts, part{kind: partParam})
			continue
		}
		if i != len(segs)-1 {
			bad(fmt.Sprintf("catch-all %q must be the last segment", seg))
		}
		parts = append(parts, part{kind: partCatchAll})
		return parts, names
	}
	if static != "" {
		parts = append(parts, part{kind: partStatic, s: static})
	}
	return parts, names
}
