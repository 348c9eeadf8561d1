package framework

import (
	"encoding/json"
	"io"
)

// JSONCodec encodes and decodes JSON for Context.JSON and Context.Bind. The
// default is encoding/json; plug another (goccy/go-json, sonic,
// encoding/json/v2, ...) with App.JSONCodec, in a few lines of your own
// code, without the framework depending on it.
type JSONCodec interface {
	// Encode writes the JSON encoding of v to w. It should encode the whole
	// value before its first Write, so that a value that cannot be encoded
	// writes nothing (encoding/json's Encoder does). A final newline is
	// dropped from the body.
	Encode(w io.Writer, v any) error
	// Decode reads one JSON value from r into v. Data after the value
	// should be an error. Bind limits r to the App's BodyLimit.
	Decode(r io.Reader, v any) error
}

// JSONCodec sets the codec Context.JSON and Context.Bind use; nil restores
// the default, encoding/json (through an Encoder each Context keeps, which
// writes straight to the response without an allocation of its own).
func (a *App) JSONCodec(codec JSONCodec) { a.change(func(t *table) { t.json = codec }) }

// jsonState is a Context's JSON encoder, made on its first JSON call and
// kept with it. The encoder writes straight to the response through sink,
// so the encoding is not copied on its way.
type jsonState struct {
	enc  *json.Encoder
	sink jsonSink
}

// jsonSink is the writer JSON encodes to. encoding/json's Encoder calls
// Write only once v was encoded without error, so nothing is written for a
// value that cannot be encoded. The first Write commits the header; every
// Write holds back a final newline until more follows, so that the body is
// what json.Marshal returns, without the newline Encode adds. It never
// returns an error, which the Encoder would keep and return from every
// later Encode: the response's error is kept in err for JSON to return.
type jsonSink struct {
	c       *Context
	code    int
	started bool
	held    bool // a newline is held back
	err     error
}

var newline = []byte{'\n'}

func (s *jsonSink) Write(b []byte) (int, error) {
	n := len(b)
	if !s.started && !s.held && n > 1 && b[n-1] == '\n' {
		// The whole encoding in one Write, as Encode makes it.
		s.started, s.held = true, true
		c := s.c
		c.startBody(s.code, jsonContentType)
		// startBody committed the header, so a body under net/http goes
		// straight to its writer; c.rw.Write decides the rest.
		var err error
		if w := c.rw.w; w != nil && !c.rw.noBody && c.rw.written {
			var k int
			k, err = w.Write(b[:n-1])
			c.rw.size += int64(k)
		} else {
			_, err = c.rw.Write(b[:n-1])
		}
		if err != nil {
			s.err = err
		}
		return n, nil
	}
	s.writeParts(b)
	return n, nil
}

// writeParts is Write for any other split of the encoding into writes.
func (s *jsonSink) writeParts(b []byte) {
	if !s.started {
		s.started = true
		s.c.startBody(s.code, jsonContentType)
	}
	if len(b) == 0 {
		return
	}
	if s.held {
		s.held = false
		s.write(newline)
	}
	if n := len(b); b[n-1] == '\n' {
		b, s.held = b[:n-1], true
	}
	if len(b) > 0 {
		s.write(b)
	}
}

func (s *jsonSink) write(b []byte) {
	if _, err := s.c.rw.Write(b); err != nil && s.err == nil {
		s.err = err
	}
}

// JSON encodes v with the App's JSON codec (encoding/json by default) and
// writes it with status code and, unless already set, Content-Type
// application/json. With encoding/json the body is what json.Marshal(v)
// returns. When v cannot be encoded it returns the error and writes
// nothing; a code outside 100-999 is refused the same way.
func (c *Context) JSON(code int, v any) error {
	if !validStatus(code) {
		return errStatus(code)
	}
	js := c.jsonState()
	s := &js.sink
	s.code, s.started, s.held = code, false, false
	var err error
	if codec := c.app.state.Load().json; codec != nil {
		err = codec.Encode(s, v)
	} else {
		err = js.enc.Encode(v)
	}
	if err != nil {
		return err
	}
	if !s.started {
		s.writeParts(nil) // an empty encoding still answers
	}
	if err := s.err; err != nil {
		s.err = nil
		return err
	}
	return nil
}

func (c *Context) jsonState() *jsonState {
	if x := c.extra; x != nil && x.js != nil {
		return x.js
	}
	return c.newJSON()
}

//go:noinline
func (c *Context) newJSON() *jsonState {
	js := &jsonState{sink: jsonSink{c: c}}
	js.enc = json.NewEncoder(&js.sink)
	c.extras().js = js
	return js
}
