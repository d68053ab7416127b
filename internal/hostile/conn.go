package hostile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// limitListener holds at most cap(sem) connections open at once: Accept
// waits for a slot (the kernel's backlog queues the rest) until done.
type limitListener struct {
	net.Listener
	sem  chan struct{}
	done <-chan struct{}
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.sem <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.sem
		return nil, err
	}
	lc := &limitConn{Conn: c}
	lc.release = func() { <-l.sem }
	return lc, nil
}

// limitConn gives its listener's slot back when closed.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// NetConn returns the wrapped connection.
func (c *limitConn) NetConn() net.Conn { return c.Conn }

// reset closes c with SO_LINGER 0, so that the peer gets a TCP RST instead
// of an orderly FIN.
func reset(c net.Conn) {
	for inner := c; inner != nil; {
		if tc, ok := inner.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
			break
		}
		u, ok := inner.(interface{ NetConn() net.Conn })
		if !ok {
			break
		}
		inner = u.NetConn()
	}
	c.Close()
}

// track registers a connection for Close; it reports false (and closes the
// connection) when the server is closing.
func (s *Server) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed() {
		c.Close()
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

func (s *Server) untrack(c net.Conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
}

// hold keeps a connection open without answering, until the peer closes
// it, maxHold passes or the server closes. Whatever the peer sends is read
// and dropped. At most maxHeld connections are held at once; others are
// reset at once.
func (s *Server) hold(c net.Conn) {
	select {
	case s.held <- struct{}{}:
		defer func() { <-s.held }()
	default:
		reset(c)
		return
	}
	if !s.track(c) {
		return
	}
	defer s.untrack(c)
	_ = c.SetDeadline(time.Now().Add(maxHold))
	buf := make([]byte, 512)
	for {
		if _, err := c.Read(buf); err != nil {
			break
		}
	}
	c.Close()
}

// partialResponse is what the reset traps send before resetting: headers
// promising 1 MiB of HTML, and the first 16 KiB of it.
var partialResponse = func() []byte {
	var b bytes.Buffer
	body := []byte("<!doctype html><html lang=en><head><title>Reset mid-body</title></head><body>\n")
	for len(body) < 16<<10 {
		body = append(body, "<p>This page is cut off by a connection reset.</p>\n"...)
	}
	body = body[:16<<10]
	fmt.Fprintf(&b, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", 1<<20)
	b.Write(body)
	return b.Bytes()
}()

// partialHead is what the raw reset listener sends before resetting: a
// response cut after its first header line, so that HEAD and GET both see
// the reset.
var partialHead = []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n")

// resetAfter writes partial, pauses so that the peer reads it, and resets
// the connection.
func (s *Server) resetAfter(c net.Conn, partial []byte) {
	if !s.track(c) {
		return
	}
	defer s.untrack(c)
	_ = c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write(partial); err != nil {
		reset(c)
		return
	}
	s.sleep(nil, resetPause)
	reset(c)
}

// hijack takes over the request's connection; it answers 500 when the
// connection cannot be hijacked (HTTP/2).
func hijack(w http.ResponseWriter) (net.Conn, bool) {
	c, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		http.Error(w, "this trap needs HTTP/1.1", http.StatusInternalServerError)
		return nil, false
	}
	return c, true
}

// acceptRaw serves a raw listener until it is closed, one goroutine per
// connection (at most maxHeld at once: more are reset at once), counting
// accepts as "tcp:<name>". Close closes the connections in progress.
func (s *Server) acceptRaw(l net.Listener, name string, serve func(net.Conn)) {
	var wg sync.WaitGroup
	defer wg.Wait()
	sem := make(chan struct{}, maxHeld)
	for {
		c, err := l.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) || s.closed() {
				return
			}
			if !s.sleep(nil, 10*time.Millisecond) {
				return
			}
			continue
		}
		s.count("tcp:" + name)
		select {
		case sem <- struct{}{}:
		default:
			reset(c) // too many at once
			continue
		}
		if !s.track(c) {
			<-sem
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			defer s.untrack(c)
			defer c.Close()
			serve(c)
		}()
	}
}

// serveBlackhole accepts and never answers.
func (s *Server) serveBlackhole(c net.Conn) { s.hold(c) }

// serveRawReset reads the request head (bounded in size and time), then
// sends the start of a response's headers and resets.
func (s *Server) serveRawReset(c net.Conn) {
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	r := bufio.NewReaderSize(c, 4<<10)
	for n := 0; n < 16<<10; {
		line, err := r.ReadSlice('\n')
		n += len(line)
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			reset(c)
			return
		}
		if len(bytes.TrimSpace(line)) == 0 && err == nil {
			break
		}
	}
	s.resetAfter(c, partialHead)
}
