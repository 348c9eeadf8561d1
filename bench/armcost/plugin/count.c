// count.c: a QEMU TCG plugin that counts the guest instructions one thread
// executes between marker functions, and can record which translation
// blocks ran.
//
// Arguments (-plugin count.so,start=0x...,trace=0x...,stop=0x...,out=FILE):
//   start  entry address of the marker that opens a counting window
//   trace  entry address of the marker that opens a counting window that
//          also records every executed block
//   stop   entry address of the marker that closes the window
//   out    file that receives, when a window closes, one line per block it
//          executed if traced ("b VADDR NINSNS NNOPS"; the count leaves NOPs out) and then "w COUNT"
//
// No Debian package ships QEMU's include/qemu/qemu-plugin.h, so the few
// declarations used are written out below, matching QEMU 7.2's header
// (plugin API version 1). Later QEMUs keep these functions unchanged but
// may refuse version 1; armcost then rebuilds with -DPLUGIN_API_VERSION=N.
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct qemu_info_t qemu_info_t; // only passed through

enum qemu_plugin_cb_flags { CB_NO_REGS, CB_R_REGS, CB_RW_REGS };

typedef void (*vcpu_udata_cb)(unsigned int vcpu_index, void *userdata);
typedef void (*tb_trans_cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*udata_cb)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, tb_trans_cb cb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, vcpu_udata_cb cb,
                                          enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn, vcpu_udata_cb cb,
                                            enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, udata_cb cb, void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
char *qemu_plugin_insn_disas(const struct qemu_plugin_insn *insn);

#ifndef PLUGIN_API_VERSION
#define PLUGIN_API_VERSION 1
#endif
EXPORT int qemu_plugin_version = PLUGIN_API_VERSION;

// Each guest thread is a vCPU in user mode; only the thread that runs a
// marker counts, so the Go runtime's other threads add nothing.
#define MAX_VCPUS 1024

struct window {
	int on, trace;
	uint64_t count;
	// A traced window's blocks, kept in memory until it closes so that
	// tracing adds no I/O to the window's wall time (the Go runtime asks a
	// goroutine that runs for 10ms to yield, which would add instructions).
	uint64_t *blocks;
	size_t nblocks, cap;
};

static struct window windows[MAX_VCPUS];
static uint64_t start_addr, trace_addr, stop_addr;
static FILE *out;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

// A block's userdata packs its address (user-mode addresses fit in 48
// bits), its instruction count (TCG blocks hold at most 512, 10 bits) and
// how many of those are NOPs (6 bits), so executing it allocates nothing.
//
// NOPs are not counted as work: they do nothing, and Go's compiler puts one
// where an inlined call leaves no instruction of its own (an inline mark),
// so counting them would charge a function for being inlined. The trace
// keeps the whole block, NOPs included, for llvm-mca.
#define PACK(vaddr, n, nops) \
	((void *)(uintptr_t)((vaddr) | ((uint64_t)(n) << 48) | ((uint64_t)(nops) << 58)))
#define VADDR(ud) ((uint64_t)(ud) & (((uint64_t)1 << 48) - 1))
#define NINSNS(ud) (((uint64_t)(ud) >> 48) & 0x3ff)
#define NNOPS(ud) ((uint64_t)(ud) >> 58)

static void block_ran(unsigned int vcpu, void *ud)
{
	if (vcpu >= MAX_VCPUS || !windows[vcpu].on)
		return;
	struct window *w = &windows[vcpu];
	uint64_t packed = (uint64_t)(uintptr_t)ud;
	w->count += NINSNS(packed) - NNOPS(packed);
	if (!w->trace)
		return;
	if (w->nblocks == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 4096;
		uint64_t *b = realloc(w->blocks, cap * sizeof *b);
		if (!b) {
			fprintf(stderr, "count plugin: out of memory\n");
			abort();
		}
		w->blocks = b;
		w->cap = cap;
	}
	w->blocks[w->nblocks++] = packed;
}

static void marker_ran(unsigned int vcpu, void *ud)
{
	uint64_t kind = (uint64_t)(uintptr_t)ud;
	if (vcpu >= MAX_VCPUS)
		return;
	struct window *w = &windows[vcpu];
	if (kind == stop_addr) {
		if (!w->on)
			return;
		w->on = 0;
		pthread_mutex_lock(&out_lock);
		for (size_t i = 0; i < w->nblocks; i++)
			fprintf(out, "b %" PRIx64 " %" PRIu64 " %" PRIu64 "\n", VADDR(w->blocks[i]),
				NINSNS(w->blocks[i]), NNOPS(w->blocks[i]));
		fprintf(out, "w %" PRIu64 "\n", w->count);
		fflush(out);
		pthread_mutex_unlock(&out_lock);
		return;
	}
	w->on = 1;
	w->trace = kind == trace_addr;
	w->count = 0;
	w->nblocks = 0;
}

// is_nop reports whether a disassembled instruction is a NOP ("nop",
// however the disassembler pads it).
static int is_nop(const char *d)
{
	while (*d == ' ')
		d++;
	if (strncmp(d, "nop", 3) != 0)
		return 0;
	for (d += 3; *d; d++)
		if (*d != ' ')
			return 0;
	return 1;
}

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	(void)id;
	size_t n = qemu_plugin_tb_n_insns(tb);
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb);
	if (vaddr >> 48 || n >> 10)
		return; // cannot pack; no Go code lives there
	size_t nops = 0;
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint64_t a = qemu_plugin_insn_vaddr(insn);
		if (a == start_addr || a == trace_addr || a == stop_addr)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, marker_ran, CB_NO_REGS, (void *)(uintptr_t)a);
		char *d = qemu_plugin_insn_disas(insn);
		if (d && is_nop(d) && nops < 63)
			nops++;
		free(d);
	}
	qemu_plugin_register_vcpu_tb_exec_cb(tb, block_ran, CB_NO_REGS, PACK(vaddr, n, nops));
}

static void finished(qemu_plugin_id_t id, void *ud)
{
	(void)id;
	(void)ud;
	pthread_mutex_lock(&out_lock);
	fflush(out);
	pthread_mutex_unlock(&out_lock);
}

static int parse_addr(const char *arg, const char *key, uint64_t *dst)
{
	size_t k = strlen(key);
	if (strncmp(arg, key, k) != 0 || arg[k] != '=')
		return 0;
	*dst = strtoull(arg + k + 1, NULL, 0);
	return 1;
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
	(void)info;
	const char *path = NULL;
	for (int i = 0; i < argc; i++) {
		if (parse_addr(argv[i], "start", &start_addr) || parse_addr(argv[i], "trace", &trace_addr) ||
		    parse_addr(argv[i], "stop", &stop_addr))
			continue;
		if (strncmp(argv[i], "out=", 4) == 0) {
			path = argv[i] + 4;
			continue;
		}
		fprintf(stderr, "count plugin: unknown argument %s\n", argv[i]);
		return -1;
	}
	if (!start_addr || !trace_addr || !stop_addr || !path) {
		fprintf(stderr, "count plugin: needs start=, trace=, stop= and out=\n");
		return -1;
	}
	out = fopen(path, "w");
	if (!out) {
		perror(path);
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
	qemu_plugin_register_atexit_cb(id, finished, NULL);
	return 0;
}
