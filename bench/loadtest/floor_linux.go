//go:build linux

package loadtest

import (
	"bytes"
	"net"
	"net/http"
	"os"
	"strconv"
	"syscall"
	"time"
	"unsafe"
)

// floorServers is the floor: not an HTTP server but the least a server on
// this kernel can do per request, so that the table shows what rate the
// load generator allows. One goroutine owns a level-triggered epoll set of
// its own; per ready connection it makes one read, counts the heads in it
// (each ends at an empty line), and answers all of them with canned bytes
// in one write. No parsing, no routing, no per-request Go scheduling:
// about one read, one write and a share of an epoll_wait a request, the
// non-blocking calls made with RawSyscall (no entersyscall/exitsyscall).
// When epoll has nothing, it parks in Go's netpoller on the epoll
// descriptor itself.
//
// It is for measuring only: it trusts the client (a head over 4 KiB, a
// write the socket cannot take at once, or any error closes the
// connection) and never answers anything but GET / and GET /json.
var floorServers = []Server{{"floor", serveFloor}}

const floorBuf = 4096

func floorResponse(date, ctype, body string) []byte {
	return []byte("HTTP/1.1 200 OK\r\nServer: floor\r\nDate: " + date + "\r\nContent-Type: " + ctype +
		"\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body)
}

func serveFloor(ln net.Listener) error {
	tl, ok := ln.(*net.TCPListener)
	if !ok {
		return errNotTCP
	}
	lf, err := tl.File() // a dup: ours to make non-blocking and poll
	if err != nil {
		return err
	}
	lfd := int(lf.Fd())
	if err := syscall.SetNonblock(lfd, true); err != nil {
		return err
	}
	ep, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
	if err != nil {
		return err
	}
	if err := syscall.SetNonblock(ep, true); err != nil {
		return err
	}
	if err := syscall.EpollCtl(ep, syscall.EPOLL_CTL_ADD, lfd, &syscall.EpollEvent{Events: syscall.EPOLLIN, Fd: int32(lfd)}); err != nil {
		return err
	}
	// Parking on the epoll descriptor through the runtime's poller: its
	// readiness means some connection is ready.
	rc, err := os.NewFile(uintptr(ep), "epoll").SyscallConn()
	if err != nil {
		return err
	}
	var (
		bufs   = map[int32][]byte{}
		out    = make([]byte, 0, 64<<10)
		events = make([]syscall.EpollEvent, 256)
		sec    int64
		hello  []byte
		js     []byte
		n      int
	)
	for {
		if n = floorWait(ep, events); n == 0 {
			if err := rc.Read(func(uintptr) bool { n = floorWait(ep, events); return n > 0 }); err != nil {
				return err
			}
		}
		if now := time.Now(); now.Unix() != sec {
			sec = now.Unix()
			date := now.UTC().Format(http.TimeFormat)
			hello = floorResponse(date, "text/plain; charset=utf-8", Hello)
			js = floorResponse(date, "application/json", JSONBody)
		}
		for _, ev := range events[:n] {
			fd := ev.Fd
			if int(fd) == lfd {
				for {
					nfd, _, err := syscall.Accept4(lfd, syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC)
					if err != nil {
						break
					}
					syscall.SetsockoptInt(nfd, syscall.IPPROTO_TCP, syscall.TCP_NODELAY, 1)
					if syscall.EpollCtl(ep, syscall.EPOLL_CTL_ADD, nfd, &syscall.EpollEvent{Events: syscall.EPOLLIN, Fd: int32(nfd)}) != nil {
						syscall.Close(nfd)
						continue
					}
					bufs[int32(nfd)] = make([]byte, 0, floorBuf)
				}
				continue
			}
			b, ok := bufs[fd]
			if !ok {
				continue
			}
			k, errno := floorIO(syscall.SYS_READ, fd, b[len(b):cap(b)])
			if errno == syscall.EAGAIN {
				continue
			}
			if k <= 0 {
				floorClose(ep, fd, bufs)
				continue
			}
			b = b[:len(b)+k]
			out = out[:0]
			rest := b
			for {
				i := bytes.Index(rest, []byte("\r\n\r\n"))
				if i < 0 {
					break
				}
				if bytes.HasPrefix(rest, []byte("GET /json ")) {
					out = append(out, js...)
				} else {
					out = append(out, hello...)
				}
				rest = rest[i+4:]
			}
			if len(rest) == cap(b) {
				floorClose(ep, fd, bufs) // a head that does not fit
				continue
			}
			bufs[fd] = b[:copy(b, rest)]
			if len(out) > 0 {
				if w, _ := floorIO(syscall.SYS_WRITE, fd, out); w != len(out) {
					floorClose(ep, fd, bufs)
				}
			}
		}
	}
}

var errNotTCP = &net.OpError{Op: "floor", Err: syscall.EINVAL}

// floorWait is a non-blocking epoll_wait.
func floorWait(ep int, events []syscall.EpollEvent) int {
	n, _, e := syscall.RawSyscall6(syscall.SYS_EPOLL_PWAIT, uintptr(ep), uintptr(unsafe.Pointer(&events[0])), uintptr(len(events)), 0, 0, 0)
	if e != 0 {
		return 0
	}
	return int(n)
}

// floorIO is read or write on a non-blocking socket: it never blocks, so
// it needs no entersyscall.
func floorIO(trap uintptr, fd int32, p []byte) (int, syscall.Errno) {
	if len(p) == 0 {
		return 0, syscall.ENOBUFS
	}
	n, _, e := syscall.RawSyscall(trap, uintptr(fd), uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)))
	if e != 0 {
		return -1, e
	}
	return int(n), 0
}

func floorClose(ep int, fd int32, bufs map[int32][]byte) {
	syscall.EpollCtl(ep, syscall.EPOLL_CTL_DEL, int(fd), nil)
	syscall.Close(int(fd))
	delete(bufs, fd)
}
