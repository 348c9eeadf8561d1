package armcost

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
)

// pluginBuilder compiles the embedded plugin, once per plugin API version.
type pluginBuilder struct {
	gcc, dir string
	mu       sync.Mutex
	built    map[int]string
}

// get returns the plugin built for API version v.
func (p *pluginBuilder) get(ctx context.Context, v int) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if so, ok := p.built[v]; ok {
		return so, nil
	}
	src := filepath.Join(p.dir, "count.c")
	if err := os.WriteFile(src, pluginSource, 0o644); err != nil {
		return "", err
	}
	so := filepath.Join(p.dir, fmt.Sprintf("count-v%d.so", v))
	out, err := exec.CommandContext(ctx, p.gcc, "-shared", "-fPIC", "-O2", "-Wall",
		fmt.Sprintf("-DPLUGIN_API_VERSION=%d", v), "-o", so, src).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("gcc: %v\n%s", err, out)
	}
	if p.built == nil {
		p.built = map[int]string{}
	}
	p.built[v] = so
	return so, nil
}

var minVersion = regexp.MustCompile(`plugin requires API version (\d+), but this QEMU supports only a minimum version of (\d+)`)

// pluginMinVersion reads QEMU's refusal of a plugin built for too old an
// API: the version to rebuild it for.
func pluginMinVersion(stderr string) (int, bool) {
	m := minVersion.FindStringSubmatch(stderr)
	if m == nil {
		return 0, false
	}
	v, err := strconv.Atoi(m[2])
	return v, err == nil
}
