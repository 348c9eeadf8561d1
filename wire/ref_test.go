package wire

// refParse is the request-head rules of the package doc written a byte at
// a time, with no kernel, no incremental state and no shortcut: the oracle
// the parser's tests and fuzz target compare ParseRequest with, error
// values included.
func refParse(b []byte, maxHeaders, maxBytes int) (n int, r refRequest, err error) {
	if maxHeaders <= 0 {
		maxHeaders = DefaultMaxHeaders
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxHeadBytes
	}
	whole := len(b)
	if len(b) > maxBytes {
		b = b[:maxBytes]
	}
	n, r, err = refHead(b, maxHeaders)
	if err == ErrIncomplete {
		if whole >= maxBytes {
			return 0, r, ErrHeadTooLarge
		}
		return 0, r, err
	}
	return n, r, err
}

type refRequest struct {
	method, target string
	minor          int
	names, values  []string
}

func isTchar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	for _, t := range []byte("!#$%&'*+-.^_`|~") {
		if c == t {
			return true
		}
	}
	return false
}

func refHead(b []byte, maxHeaders int) (int, refRequest, error) {
	var r refRequest
	i := 0
	// Method.
	for ; i < len(b); i++ {
		c := b[i]
		if c == ' ' && i > 0 {
			break
		}
		if !isTchar(c) {
			if i == 0 && (c == '\r' || c == '\n') {
				return 0, r, ErrEmptyLine
			}
			return 0, r, ErrMethod
		}
	}
	if i == len(b) {
		return 0, r, ErrIncomplete
	}
	r.method = string(b[:i])
	i++
	// Target.
	start := i
	for ; i < len(b); i++ {
		c := b[i]
		if c > 0x20 && c < 0x7f {
			continue
		}
		if c == ' ' && i > start {
			break
		}
		if (c == '\r' || c == '\n') && i > start {
			return 0, r, ErrVersion
		}
		return 0, r, ErrTarget
	}
	if i == len(b) {
		return 0, r, ErrIncomplete
	}
	r.target = string(b[start:i])
	i++
	// Version and CRLF.
	const v11 = "HTTP/1.1\r\n"
	for k := 0; k < 10; k, i = k+1, i+1 {
		if i == len(b) {
			return 0, r, ErrIncomplete
		}
		c := b[i]
		switch {
		case k == 7 && (c == '0' || c == '1'):
			r.minor = int(c - '0')
		case k == 8 && c == '\n':
			return 0, r, ErrBareLF
		case k == 9 && c != '\n':
			return 0, r, ErrBareCR
		case c != v11[k]:
			return 0, r, ErrVersion
		}
	}
	// Field lines.
	for {
		if i == len(b) {
			return 0, r, ErrIncomplete
		}
		switch b[i] {
		case '\r':
			if i+1 == len(b) {
				return 0, r, ErrIncomplete
			}
			if b[i+1] != '\n' {
				return 0, r, ErrBareCR
			}
			return i + 2, r, nil
		case '\n':
			return 0, r, ErrBareLF
		case ' ', '\t':
			return 0, r, ErrObsFold
		}
		if len(r.names) == maxHeaders {
			return 0, r, ErrTooManyHeaders
		}
		ns := i
		for ; i < len(b) && b[i] != ':'; i++ {
			c := b[i]
			if isTchar(c) {
				continue
			}
			switch {
			case c == ' ' || c == '\t':
				return 0, r, ErrSpaceBeforeColon
			case c == '\r' || c == '\n':
				return 0, r, ErrNoColon
			}
			return 0, r, ErrFieldName
		}
		if i == len(b) {
			return 0, r, ErrIncomplete
		}
		if i == ns {
			return 0, r, ErrFieldName
		}
		name := string(b[ns:i])
		i++
		vs := i
		for ; i < len(b); i++ {
			c := b[i]
			if c == '\t' || c >= 0x20 && c != 0x7f {
				continue
			}
			if c == '\r' {
				if i+1 == len(b) {
					return 0, r, ErrIncomplete
				}
				if b[i+1] != '\n' {
					return 0, r, ErrBareCR
				}
				break
			}
			if c == '\n' {
				return 0, r, ErrBareLF
			}
			return 0, r, ErrFieldValue
		}
		if i == len(b) {
			return 0, r, ErrIncomplete
		}
		v := b[vs:i]
		for len(v) > 0 && (v[0] == ' ' || v[0] == '\t') {
			v = v[1:]
		}
		for len(v) > 0 && (v[len(v)-1] == ' ' || v[len(v)-1] == '\t') {
			v = v[:len(v)-1]
		}
		r.names = append(r.names, name)
		r.values = append(r.values, string(v))
		i += 2
	}
}

// sameAsRef reports whether ParseRequest's result matches refParse's.
func sameAsRef(n int, err error, r *Request, rn int, rr refRequest, rerr error) bool {
	if n != rn || err != rerr {
		return false
	}
	if err != nil {
		return true
	}
	if string(r.Method) != rr.method || string(r.Target) != rr.target || r.Minor != rr.minor ||
		len(r.Headers) != len(rr.names) {
		return false
	}
	for i, h := range r.Headers {
		if string(h.Name) != rr.names[i] || string(h.Value) != rr.values[i] {
			return false
		}
	}
	return true
}
