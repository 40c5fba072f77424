package notify_test

import (
	"bufio"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/textproto"
	"strings"
	"sync"
	"testing"
)

// smtpServer is a minimal SMTP server on 127.0.0.1 for the tests (RFC 5321's commands
// that a client sending mail uses), which keeps what it receives and can refuse.
type smtpServer struct {
	ln net.Listener

	mu       sync.Mutex
	received []received
	// failData answers the next DATA commands with a temporary failure (451), as a
	// server short of resources does.
	failData int
	// rejectRcpt refuses these recipients for good (550).
	rejectRcpt map[string]bool
	wg         sync.WaitGroup
}

type received struct {
	From string
	To   []string
	Data string
}

func startSMTP(tb testing.TB) *smtpServer {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	s := &smtpServer{ln: ln, rejectRcpt: map[string]bool{}}
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

func (s *smtpServer) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *smtpServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.received...)
}

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	tp := textproto.NewConn(c)
	_ = tp.PrintfLine("220 smtp.test ESMTP")
	var cur received
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
			cur = received{}
			_ = tp.PrintfLine("250 OK")
		case "MAIL":
			cur = received{From: address(arg)}
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
			cur = received{}
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

// email is a received message, decoded.
type email struct {
	Header mail.Header
	// Subject decoded from its encoded words.
	Subject string
	Text    string
	HTML    string
}

func parseEmail(tb testing.TB, data string) email {
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
	out := email{Header: m.Header, Subject: subject}
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
		var body io.Reader = p // multipart decodes quoted-printable itself
		if p.Header.Get("Content-Transfer-Encoding") != "" && strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			body = quotedprintable.NewReader(p)
		}
		b, err := io.ReadAll(bufio.NewReader(body))
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
