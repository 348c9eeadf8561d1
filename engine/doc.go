// Package engine is hotpath's own HTTP/1.1 server, for framework authors.
package engine
