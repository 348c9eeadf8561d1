//go:build !linux

package loadtest

// floorServers is empty off Linux: the floor is an epoll loop.
var floorServers []Server
