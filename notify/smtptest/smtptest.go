// Package smtptest is an SMTP server for tests: it listens on 127.0.0.1, speaks the
// commands of RFC 5321 that a client sending mail uses, keeps what it receives, and can
// refuse for a while or for good. Only tests import it.
package smtptest

import (
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"net/textproto"
	"strings"
	"sync"
	"testing"
)

// Server is a minimal SMTP server on 127.0.0.1.
type Server struct {
	ln net.Listener

	mu         sync.Mutex
	received   []Received
	failData   int
	rejectRcpt map[string]bool
	wg         sync.WaitGroup
}

// Received is one message the server accepted: its envelope and its data.
type Received struct {
	From string
	To   []string
	Data string
}

// Start starts a server that stops when the test ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	s := &Server{ln: ln, rejectRcpt: map[string]bool{}}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				s.serve(c)
			}()
		}
	}()
	tb.Cleanup(func() {
		ln.Close()
		s.wg.Wait()
	})
	return s
}

// Port returns the port the server listens on.
func (s *Server) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// Messages returns what the server accepted so far, in order.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// FailData answers the next n DATA commands with a temporary failure (451), as a server
// short of resources does.
func (s *Server) FailData(n int) {
	s.mu.Lock()
	s.failData = n
	s.mu.Unlock()
}

// RejectRecipient refuses the address for good (550).
func (s *Server) RejectRecipient(addr string) {
	s.mu.Lock()
	s.rejectRcpt[addr] = true
	s.mu.Unlock()
}

func (s *Server) serve(c net.Conn) {
	defer c.Close()
	tp := textproto.NewConn(c)
	_ = tp.PrintfLine("220 smtp.test ESMTP")
	var cur Received
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			_ = tp.PrintfLine("250-smtp.test")
			_ = tp.PrintfLine("250-8BITMIME")
			_ = tp.PrintfLine("250 SMTPUTF8")
		case "HELO", "NOOP":
			_ = tp.PrintfLine("250 OK")
		case "RSET":
			cur = Received{}
			_ = tp.PrintfLine("250 OK")
		case "MAIL":
			cur = Received{From: address(arg)}
			_ = tp.PrintfLine("250 OK")
		case "RCPT":
			to := address(arg)
			s.mu.Lock()
			reject := s.rejectRcpt[to]
			s.mu.Unlock()
			if reject {
				_ = tp.PrintfLine("550 No such user")
				continue
			}
			cur.To = append(cur.To, to)
			_ = tp.PrintfLine("250 OK")
		case "DATA":
			s.mu.Lock()
			fail := s.failData > 0
			if fail {
				s.failData--
			}
			s.mu.Unlock()
			if fail {
				_ = tp.PrintfLine("451 Try again later")
				continue
			}
			_ = tp.PrintfLine("354 Go ahead")
			b, err := io.ReadAll(tp.DotReader())
			if err != nil {
				return
			}
			cur.Data = string(b)
			s.mu.Lock()
			s.received = append(s.received, cur)
			s.mu.Unlock()
			cur = Received{}
			_ = tp.PrintfLine("250 OK queued")
		case "QUIT":
			_ = tp.PrintfLine("221 Bye")
			return
		default:
			_ = tp.PrintfLine("502 Command not implemented")
		}
	}
}

// address reads the address of "FROM:<a@b> BODY=8BITMIME" or "TO:<a@b>".
func address(arg string) string {
	_, rest, _ := strings.Cut(arg, ":")
	rest = strings.TrimSpace(rest)
	if i := strings.Index(rest, ">"); strings.HasPrefix(rest, "<") && i > 0 {
		return rest[1:i]
	}
	return rest
}

// Email is a received message, decoded.
type Email struct {
	Header mail.Header
	// Subject decoded from its encoded words.
	Subject string
	Text    string
	HTML    string
}

// ParseEmail decodes a message of multipart/alternative text and HTML parts in UTF-8,
// and fails the test otherwise.
func ParseEmail(tb testing.TB, data string) Email {
	tb.Helper()
	m, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		tb.Fatalf("not a message: %v\n%s", err, data)
	}
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		tb.Fatal(err)
	}
	out := Email{Header: m.Header, Subject: subject}
	mediaType, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		tb.Fatalf("Content-Type %q: want multipart/alternative", m.Header.Get("Content-Type"))
	}
	r := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(p) // multipart decodes quoted-printable itself
		if err != nil {
			tb.Fatal(err)
		}
		ct, ctParams, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if !strings.EqualFold(ctParams["charset"], "utf-8") {
			tb.Fatalf("part %s in charset %q, want UTF-8", ct, ctParams["charset"])
		}
		switch ct {
		case "text/plain":
			out.Text = string(b)
		case "text/html":
			out.HTML = string(b)
		}
	}
	if out.Text == "" || out.HTML == "" {
		tb.Fatalf("want a text and an HTML part:\n%s", data)
	}
	return out
}
