package hashmap

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// keyGen makes the key shapes the issue asks for: empty, one byte, 1 KB and
// longer, binary (every byte value, NULs included), and long shared
// prefixes that differ only near the end.
type keyGen struct {
	r      *rand.Rand
	prefix string
}

func newKeyGen(seed uint64) *keyGen {
	return &keyGen{
		r:      rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		prefix: strings.Repeat("/api/v1/repos/owner/name/", 80), // 2000 bytes
	}
}

func (g *keyGen) key() string {
	r := g.r
	switch r.IntN(8) {
	case 0:
		return ""
	case 1:
		return string([]byte{byte(r.IntN(256))})
	case 2: // binary, 2..40 bytes
		b := make([]byte, 2+r.IntN(39))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return string(b)
	case 3: // 1 KB and more
		n := 1024 + r.IntN(700)
		return g.prefix[:n-4] + fmt.Sprintf("%04d", r.IntN(300))
	case 4: // long shared prefix, short distinct tail
		return g.prefix[:200+r.IntN(3)] + string(rune('a'+r.IntN(26)))
	default: // small printable space, so keys repeat
		return fmt.Sprintf("/k/%d", r.IntN(2000))
	}
}

// checkModel compares every observable of m with the model.
func checkModel(t testing.TB, m *Map[int], model map[string]int) {
	t.Helper()
	if m.Len() != len(model) {
		t.Fatalf("Len() = %d, want %d", m.Len(), len(model))
	}
	tab := m.c.tab.Load()
	for k, want := range model {
		if lookupGeneric(tab, k) == nil {
			t.Fatalf("lookupGeneric(%.40q) = nil for a present key", k)
		}
		checkProbes(t, tab, k)
		if got, ok := get(m, k); !ok || got != want {
			t.Fatalf("Get(%.40q) = %d, %v; want %d, true", k, got, ok, want)
		}
		if got, ok := getBytes(m, []byte(k)); !ok || got != want {
			t.Fatalf("GetBytes(%.40q) = %d, %v; want %d, true", k, got, ok, want)
		}
	}
	seen := make(map[string]bool, len(model))
	m.Range(func(k string, v int) bool {
		if seen[k] {
			t.Fatalf("Range yielded %.40q twice", k)
		}
		seen[k] = true
		if want, ok := model[k]; !ok || v != want {
			t.Fatalf("Range yielded %.40q=%d; model has %d, %v", k, v, want, ok)
		}
		return true
	})
	if len(seen) != len(model) {
		t.Fatalf("Range yielded %d keys, want %d", len(seen), len(model))
	}
}

// hashMasks are the collision modes: real hashes; every tag equal (keys
// spread over groups but every slot's tag matches); every key in the same
// probe sequence with distinct tags; and every hash equal.
var hashMasks = []struct {
	name string
	mask uint64
	max  int // most operations worth running (full collisions are O(n) each)
}{
	{"real", ^uint64(0), 1 << 30},
	{"equal-tags", ^uint64(0x7f), 1 << 30},
	{"same-group", 0x7f, 3000},
	{"all-equal", 0, 1500},
}

// runModel applies n random operations to m and the model, checking each
// result, and the whole map every so often.
func runModel(t testing.TB, m *Map[int], g *keyGen, n int) {
	model := map[string]int{}
	r := g.r
	for i := range n {
		k := g.key()
		switch op := r.IntN(10); {
		case op < 5:
			m.Set(k, i)
			model[k] = i
		case op < 8:
			_, want := model[k]
			if got := m.Delete(k); got != want {
				t.Fatalf("op %d: Delete(%.40q) = %v, want %v", i, k, got, want)
			}
			delete(model, k)
		default:
			want, wok := model[k]
			checkProbes(t, m.c.tab.Load(), k)
			if got, ok := get(m, k); got != want || ok != wok {
				t.Fatalf("op %d: Get(%.40q) = %d, %v; want %d, %v", i, k, got, ok, want, wok)
			}
		}
		if i%997 == 0 {
			checkModel(t, m, model)
		}
	}
	checkModel(t, m, model)
	// Delete everything: the map must end empty and still work.
	for k := range model {
		if !m.Delete(k) {
			t.Fatalf("Delete(%.40q) = false for a present key", k)
		}
	}
	checkModel(t, m, map[string]int{})
	m.Set("again", 1)
	checkModel(t, m, map[string]int{"again": 1})
}

func TestModel(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for _, hm := range hashMasks {
			for _, hint := range []int{0, 1, 100, 5000} {
				t.Run(fmt.Sprintf("%s/hint%d", hm.name, hint), func(t *testing.T) {
					n := min(20000, hm.max)
					if testing.Short() {
						n /= 4
					}
					runModel(t, newMasked[int](hint, hm.mask), newKeyGen(uint64(hint)+1), n)
				})
			}
		}
	})
}

// TestEdgeKeys checks keys that differ only in length or in one byte at
// either end, NUL bytes, and the empty key, against each other.
func TestEdgeKeys(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for _, hm := range hashMasks {
			m := newMasked[int](0, hm.mask)
			model := map[string]int{}
			long := strings.Repeat("x", 2048)
			keys := []string{"", "\x00", "\x00\x00", "a", "ab", "\xff", long, long + "y", long[:1024]}
			for i := range 64 {
				keys = append(keys, long[:i], "y"+long[:i])
			}
			b := []byte(long)
			b[0] = 'z'
			keys = append(keys, string(b))
			b[0], b[len(b)-1] = 'x', 'z'
			keys = append(keys, string(b))
			for i, k := range keys {
				m.Set(k, i)
				model[k] = i
			}
			checkModel(t, m, model)
			for _, k := range []string{"b", "\x01", long + "z", long[:2047] + "w"} {
				if _, ok := get(m, k); ok {
					t.Fatalf("%s: Get(%.20q) found a missing key", hm.name, k)
				}
				checkProbes(t, m.c.tab.Load(), k)
			}
		}
	})
}

func TestGrowth(t *testing.T) {
	n := 1 << 20
	if testing.Short() {
		n = 1 << 16
	}
	for _, hint := range []int{0, n} {
		m := New[int](hint)
		keys := make([]string, n)
		for i := range keys {
			keys[i] = fmt.Sprintf("key-%x-%d", uint64(i)*2654435761, i)
		}
		for i, k := range keys {
			m.Set(k, i)
		}
		if m.Len() != n {
			t.Fatalf("Len() = %d, want %d", m.Len(), n)
		}
		if g := len(m.c.tab.Load().groups); g != groupsFor(n) {
			t.Errorf("hint %d: %d groups for %d keys, want %d", hint, g, n, groupsFor(n))
		}
		for i, k := range keys {
			if v, ok := m.Get(k); !ok || v != i {
				t.Fatalf("Get(%q) = %d, %v; want %d", k, v, ok, i)
			}
		}
		for i := 0; i < n; i += 2 {
			if !m.Delete(keys[i]) {
				t.Fatalf("Delete(%q) = false", keys[i])
			}
		}
		for i, k := range keys {
			v, ok := m.Get(k)
			if ok != (i%2 == 1) || (ok && v != i) {
				t.Fatalf("after deletes: Get(%q) = %d, %v", k, v, ok)
			}
		}
		if m.Len() != n/2 {
			t.Fatalf("Len() = %d, want %d", m.Len(), n/2)
		}
	}
}

// TestTombstonesSwept churns a small live set through many distinct keys:
// the table must not grow without bound, and probes must stay short.
func TestTombstonesSwept(t *testing.T) {
	m := New[int](0)
	const live = 100
	rounds := 200000
	if testing.Short() {
		rounds = 20000
	}
	for i := range rounds {
		m.Set(fmt.Sprint(i), i)
		if i >= live {
			if !m.Delete(fmt.Sprint(i - live)) {
				t.Fatalf("Delete(%d) = false", i-live)
			}
		}
	}
	tab := m.c.tab.Load()
	if g := len(tab.groups); g > 4*groupsFor(live) {
		t.Fatalf("%d groups for %d live keys after churn", g, live)
	}
	// Misses must end after a few groups on average: count the groups
	// probed. (A table full of tombstones would probe every group.)
	total, longest := 0, 0
	for i := range 1000 {
		h := tab.hash(fmt.Sprint("missing", i))
		pos, n := uintptr(h>>7), 0
		for step := uintptr(1); ; step++ {
			g := tab.group(pos)
			n++
			if swarEmpty(g.ctrl[0].Load())|swarEmpty(g.ctrl[1].Load()) != 0 {
				break
			}
			pos += step
		}
		total += n
		longest = max(longest, n)
	}
	if total > 4000 || longest >= len(tab.groups) {
		t.Fatalf("misses probed %.2f groups on average, at most %d, of %d", float64(total)/1000, longest, len(tab.groups))
	}
	if m.Len() != live {
		t.Fatalf("Len() = %d, want %d", m.Len(), live)
	}
}

func TestRangeStop(t *testing.T) {
	m := New[int](0)
	for i := range 100 {
		m.Set(fmt.Sprint(i), i)
	}
	n := 0
	m.Range(func(string, int) bool { n++; return n < 10 })
	if n != 10 {
		t.Fatalf("Range called f %d times after it returned false at 10", n)
	}
	// f may write to the map.
	m.Range(func(k string, v int) bool { m.Delete(k); m.Set(k+"!", v); return true })
	if m.Len() != 100 {
		t.Fatalf("Len() = %d after renaming during Range", m.Len())
	}
}

func TestNegativeHintAndValueTypes(t *testing.T) {
	m := New[[]byte](-5)
	m.Set("a", []byte("x"))
	if v, ok := m.Get("a"); !ok || !bytes.Equal(v, []byte("x")) {
		t.Fatal("Get after Set with negative hint")
	}
	if v, ok := m.Get("b"); ok || v != nil {
		t.Fatal("Get of a missing key returned a value")
	}
	if m.Delete("b") {
		t.Fatal("Delete of a missing key = true")
	}
	type big struct{ a [100]int }
	mb := New[big](0)
	mb.Set("k", big{a: [100]int{99: 7}})
	if v, _ := mb.Get("k"); v.a[99] != 7 {
		t.Fatal("large value lost")
	}
}

func TestGetBytesNoAlloc(t *testing.T) {
	m := New[int](0)
	m.Set("/repos/:owner/:repo", 1)
	k := []byte("/repos/:owner/:repo")
	miss := []byte("/repos/:owner/:repo/x")
	if n := testing.AllocsPerRun(100, func() {
		if v, ok := m.GetBytes(k); !ok || v != 1 {
			panic("GetBytes hit failed")
		}
		if _, ok := m.GetBytes(miss); ok {
			panic("GetBytes miss found")
		}
	}); n != 0 {
		t.Fatalf("GetBytes allocates %v times per call", n)
	}
}

// TestSeedPerMap checks that two maps hash the same key differently, so
// keys that collide in one do not collide in another.
func TestSeedPerMap(t *testing.T) {
	a, b := New[int](0), New[int](0)
	same := 0
	for i := range 64 {
		k := fmt.Sprint(i)
		if a.c.tab.Load().hash(k) == b.c.tab.Load().hash(k) {
			same++
		}
	}
	if same > 1 {
		t.Fatalf("%d of 64 keys hash equal in two maps", same)
	}
}

func FuzzMap(f *testing.F) {
	f.Add([]byte("\x00a\x01a\x02a\x00\x00\x01"), uint8(0))
	f.Add(bytes.Repeat([]byte("\x00k\x00l\x01k\x02l"), 30), uint8(1))
	f.Add([]byte("\x00\xff\xfe\x00\x00\x00"), uint8(3))
	f.Fuzz(func(t *testing.T, ops []byte, mode uint8) {
		testutil.EachKernel(&kernel, func(k asm.Family) {
			m := newMasked[int](0, hashMasks[int(mode)%len(hashMasks)].mask)
			model := map[string]int{}
			// Each op: a byte (op kind, key length) then that many key
			// bytes taken from the input.
			for i, p := 0, ops; len(p) > 0; i++ {
				c := p[0]
				p = p[1:]
				n := min(int(c>>2), len(p))
				key := string(p[:n])
				p = p[n:]
				switch c & 3 {
				case 0, 3:
					m.Set(key, i)
					model[key] = i
				case 1:
					_, want := model[key]
					if got := m.Delete(key); got != want {
						t.Fatalf("%s: Delete(%q) = %v, want %v", k, key, got, want)
					}
					delete(model, key)
				case 2:
					want, wok := model[key]
					if got, ok := get(m, key); got != want || ok != wok {
						t.Fatalf("%s: Get(%q) = %d, %v; want %d, %v", k, key, got, ok, want, wok)
					}
				}
			}
			checkModel(t, m, model)
		})
	})
}

// sortedKeys is used by the example-style tests.
func sortedKeys(m *Map[int]) []string {
	var ks []string
	m.Range(func(k string, _ int) bool { ks = append(ks, k); return true })
	slices.Sort(ks)
	return ks
}

func TestSortedKeys(t *testing.T) {
	m := New[int](0)
	for _, k := range []string{"b", "a", "c"} {
		m.Set(k, 0)
	}
	if got := sortedKeys(m); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Fatalf("keys = %q", got)
	}
}
