package wire

import "errors"

// ErrIncomplete says buf does not hold a whole head yet, and what it holds
// may still begin a valid one: read more bytes after them and call again
// (ResumeRequest does not parse again what this call already did).
var ErrIncomplete = errors.New("wire: incomplete request head")

// A SyntaxError says the head breaks a rule of RFC 9112 (the package doc
// lists them): the request cannot be served, and a server answers 400 Bad
// Request and closes the connection. Each rule has its own error value
// below, so tests and logs can tell them apart; compare with ==, or use
// errors.As to tell a SyntaxError from a LimitError.
type SyntaxError struct{ msg string }

func (e *SyntaxError) Error() string { return e.msg }

// A LimitError says the head is larger than a limit the Request sets (more
// header fields than MaxHeaders, more bytes than MaxHeadBytes): a server
// answers 431 Request Header Fields Too Large and closes the connection.
type LimitError struct{ msg string }

func (e *LimitError) Error() string { return e.msg }

// The request-line errors.
var (
	// ErrEmptyLine: the head starts with CR or LF. RFC 9112 §2.2 lets a
	// server skip empty lines before the request line; ParseRequest does
	// not (see the package doc).
	ErrEmptyLine = &SyntaxError{"wire: empty line before the request line"}
	// ErrMethod: the method is empty, holds a byte that is not a tchar, or
	// is not followed by exactly one SP.
	ErrMethod = &SyntaxError{"wire: method is not a token followed by one SP"}
	// ErrTarget: the request-target is empty (two SPs after the method)
	// or holds a byte that is not visible ASCII (a control, DEL, a byte
	// >= 0x80).
	ErrTarget = &SyntaxError{"wire: request-target is empty or not visible ASCII"}
	// ErrVersion: the request-target is not followed by one SP and
	// exactly HTTP/1.0 or HTTP/1.1, then CRLF.
	ErrVersion = &SyntaxError{"wire: version is not exactly HTTP/1.0 or HTTP/1.1"}
)

// The line-framing errors, anywhere in the head.
var (
	// ErrBareCR: a CR not followed by LF.
	ErrBareCR = &SyntaxError{"wire: CR not followed by LF"}
	// ErrBareLF: an LF not preceded by CR.
	ErrBareLF = &SyntaxError{"wire: LF not preceded by CR"}
)

// The field-line errors.
var (
	// ErrObsFold: a field line starts with SP or HTAB (obs-fold, a
	// continuation of the line before; RFC 9112 §5.2 lets a server refuse
	// it, and ParseRequest does).
	ErrObsFold = &SyntaxError{"wire: obs-fold (a field line starting with SP or HTAB)"}
	// ErrFieldName: the field name is empty or holds a byte that is not a
	// tchar.
	ErrFieldName = &SyntaxError{"wire: field name is empty or not a token"}
	// ErrSpaceBeforeColon: SP or HTAB between the field name and the
	// colon (RFC 9112 §5.1: a server must reject it).
	ErrSpaceBeforeColon = &SyntaxError{"wire: whitespace between field name and colon"}
	// ErrNoColon: the field line ends before a colon.
	ErrNoColon = &SyntaxError{"wire: field line without a colon"}
	// ErrFieldValue: the field value holds a control byte other than
	// HTAB (NUL, for example), or DEL.
	ErrFieldValue = &SyntaxError{"wire: field value holds a control byte"}
)

// The limit errors.
var (
	// ErrTooManyHeaders: more field lines than Request.MaxHeaders.
	ErrTooManyHeaders = &LimitError{"wire: more header fields than the limit"}
	// ErrHeadTooLarge: the head is longer than Request.MaxHeadBytes.
	ErrHeadTooLarge = &LimitError{"wire: request head longer than the limit"}
)

// The response-side errors.
var (
	// ErrInvalidHeaderName: an appender was given a field name that is empty or
	// not a token.
	ErrInvalidHeaderName = errors.New("wire: invalid header field name")
	// ErrInvalidHeaderValue: an appender was given a field value that holds a
	// control byte other than HTAB (CR and LF among them), or DEL.
	ErrInvalidHeaderValue = errors.New("wire: invalid header field value")
)
