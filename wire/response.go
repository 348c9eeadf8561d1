package wire

import (
	"strconv"

	"github.com/hotpath-go/hotpath/bytesx"
)

// AppendStatusLine appends the status line of a response, such as
// "HTTP/1.1 200 OK\r\n", to dst and returns the extended slice. minor is
// the HTTP/1.x minor version: 0 writes HTTP/1.0, anything else HTTP/1.1.
// The codes of the IANA status code registry get their registered reason
// phrase from a preformatted line; any other code from 100 to 999 gets an
// empty one ("HTTP/1.1 599 \r\n", which RFC 9112 §4 allows). A code outside
// 100..999 cannot be sent, and writes the line of 500 Internal Server Error
// instead, so that a bad code in a handler never puts a malformed line on
// the wire.
func AppendStatusLine(dst []byte, minor, code int) []byte {
	if code < 100 || code > 999 {
		code = 500
	}
	at := len(dst)
	if code < len(statusLines) && statusLines[code] != "" {
		dst = append(dst, statusLines[code]...)
	} else {
		dst = append(dst, "HTTP/1.1 "...)
		dst = append(dst, byte('0'+code/100), byte('0'+code/10%10), byte('0'+code%10), ' ', '\r', '\n')
	}
	if minor == 0 {
		dst[at+len("HTTP/1.")] = '0'
	}
	return dst
}

// AppendHeader appends the header field line "name: value\r\n" to dst and
// returns the extended slice. It checks both parts first, with the bytesx
// kernels: name must be a token (bytesx.ValidHeaderName) and value may hold
// no control byte but HTAB and no DEL (bytesx.ValidHeaderValue), so CR and
// LF from a request can never split a response. On a bad name or value it
// returns dst unchanged and ErrInvalidHeaderName or ErrInvalidHeaderValue.
// value is written as given: leading or trailing whitespace is the caller's
// to avoid.
func AppendHeader(dst, name, value []byte) ([]byte, error) {
	if !bytesx.ValidHeaderName(name) {
		return dst, ErrInvalidHeaderName
	}
	if !bytesx.ValidHeaderValue(value) {
		return dst, ErrInvalidHeaderValue
	}
	dst = append(dst, name...)
	dst = append(dst, ':', ' ')
	dst = append(dst, value...)
	return append(dst, '\r', '\n'), nil
}

// AppendHeaderString is AppendHeader for strings.
func AppendHeaderString(dst []byte, name, value string) ([]byte, error) {
	if !bytesx.ValidHeaderNameString(name) {
		return dst, ErrInvalidHeaderName
	}
	if !bytesx.ValidHeaderValueString(value) {
		return dst, ErrInvalidHeaderValue
	}
	dst = append(dst, name...)
	dst = append(dst, ':', ' ')
	dst = append(dst, value...)
	return append(dst, '\r', '\n'), nil
}

// AppendHeaderInt appends the header field line "name: v\r\n", v in
// decimal, as for Content-Length. name is checked as AppendHeader checks
// it; a decimal number is always a valid value.
func AppendHeaderInt(dst []byte, name string, v int64) ([]byte, error) {
	if !bytesx.ValidHeaderNameString(name) {
		return dst, ErrInvalidHeaderName
	}
	dst = append(dst, name...)
	dst = append(dst, ':', ' ')
	dst = strconv.AppendInt(dst, v, 10)
	return append(dst, '\r', '\n'), nil
}

// AppendEndOfHead appends the empty line (CRLF) that ends a head.
func AppendEndOfHead(dst []byte) []byte { return append(dst, '\r', '\n') }

// statusLines holds the HTTP/1.1 status line of every registered code.
var statusLines = func() (t [600]string) {
	for code, reason := range reasons {
		t[code] = "HTTP/1.1 " + strconv.Itoa(code) + " " + reason + "\r\n"
	}
	return t
}()

// reasons are the reason phrases of the IANA HTTP Status Code Registry
// (RFC 9110 §15 and the RFCs it lists), for the registered codes.
var reasons = map[int]string{
	100: "Continue",
	101: "Switching Protocols",
	102: "Processing",
	103: "Early Hints",
	200: "OK",
	201: "Created",
	202: "Accepted",
	203: "Non-Authoritative Information",
	204: "No Content",
	205: "Reset Content",
	206: "Partial Content",
	207: "Multi-Status",
	208: "Already Reported",
	226: "IM Used",
	300: "Multiple Choices",
	301: "Moved Permanently",
	302: "Found",
	303: "See Other",
	304: "Not Modified",
	305: "Use Proxy",
	307: "Temporary Redirect",
	308: "Permanent Redirect",
	400: "Bad Request",
	401: "Unauthorized",
	402: "Payment Required",
	403: "Forbidden",
	404: "Not Found",
	405: "Method Not Allowed",
	406: "Not Acceptable",
	407: "Proxy Authentication Required",
	408: "Request Timeout",
	409: "Conflict",
	410: "Gone",
	411: "Length Required",
	412: "Precondition Failed",
	413: "Content Too Large",
	414: "URI Too Long",
	415: "Unsupported Media Type",
	416: "Range Not Satisfiable",
	417: "Expectation Failed",
	421: "Misdirected Request",
	422: "Unprocessable Content",
	423: "Locked",
	424: "Failed Dependency",
	425: "Too Early",
	426: "Upgrade Required",
	428: "Precondition Required",
	429: "Too Many Requests",
	431: "Request Header Fields Too Large",
	451: "Unavailable For Legal Reasons",
	500: "Internal Server Error",
	501: "Not Implemented",
	502: "Bad Gateway",
	503: "Service Unavailable",
	504: "Gateway Timeout",
	505: "HTTP Version Not Supported",
	506: "Variant Also Negotiates",
	507: "Insufficient Storage",
	508: "Loop Detected",
	511: "Network Authentication Required",
}
