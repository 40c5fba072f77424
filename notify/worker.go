package notify

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"passerelles"
)

// Worker sends the notifications due by email. Each look (Tick) reads the unread
// notifications not emailed yet, decides for each agent with the domain's rule
// (NotificationPreferences.EmailDue: at once outside quiet hours, or at the digest's
// day and time), sends one email per agent due, and marks what went.
//
// Guarantee: at least once. A notification is marked emailed only after the SMTP server
// accepted its message, in a write that marks only those not marked yet; a failure
// leaves it unmarked, and it is tried again after a pause that doubles from RetryMin up
// to RetryMax (per agent, so that one refused address does not hold back the others),
// for as long as it is younger than passerelles.MaxEmailDelay (it stays in the app
// after that). Only a stop between the server's acceptance and the mark — a crash, or
// the database refusing the write — sends it twice; the second copy has the same
// Message-ID. One worker runs per server, and the service runs as one process, so no
// two workers choose the same notification.
type Worker struct {
	svc     passerelles.NotificationService
	sender  Sender
	baseURL string
	logger  *slog.Logger

	// Now tells the time: tests set it to a controlled clock before use.
	Now func() time.Time
	// Interval is the pause between two looks of Run.
	Interval time.Duration
	// RetryMin and RetryMax bound the pause before a failed email is tried again.
	RetryMin, RetryMax time.Duration
	// BatchSize is how many messages go over one SMTP connection.
	BatchSize int

	mu    sync.Mutex // one look at a time
	retry map[int64]retryState
}

type retryState struct {
	failures int
	next     time.Time
}

// NewWorker returns a worker over the notification service, sending with sender and
// linking to baseURL.
func NewWorker(svc passerelles.NotificationService, sender Sender, baseURL string, logger *slog.Logger) *Worker {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Worker{svc: svc, sender: sender, baseURL: baseURL, logger: logger, Now: time.Now,
		Interval: 15 * time.Second, RetryMin: time.Minute, RetryMax: time.Hour, BatchSize: 50,
		retry: map[int64]retryState{}}
}

// Run looks every Interval until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(w.Interval)
	defer t.Stop()
	for {
		if _, err := w.Tick(ctx); err != nil && ctx.Err() == nil {
			w.logger.Error("notifications by email: look failed", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// TickReport tells what one look did.
type TickReport struct {
	Sent    int // emails the SMTP server accepted
	Failed  int // emails that will be tried again
	Marked  int // notifications marked emailed
	Waiting int // agents with notifications not due yet (quiet hours, digest, retry pause)
}

// Tick looks once, at w.Now(): sends what is due and marks it.
func (w *Worker) Tick(ctx context.Context) (TickReport, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var rep TickReport
	now := w.Now()
	sys := passerelles.NewSystemContext(ctx)
	var due []*passerelles.PendingEmail
	pending, err := w.svc.FindPendingEmails(sys, now)
	if err != nil {
		return rep, err
	}
	seen := map[int64]bool{}
	for _, pe := range pending {
		seen[pe.AgentID] = true
		if r, ok := w.retry[pe.AgentID]; ok && now.Before(r.next) {
			rep.Waiting++
			continue
		}
		if pe.Preferences.EmailDue(pe.Oldest, now) {
			due = append(due, pe)
		} else {
			rep.Waiting++
		}
	}
	for id := range w.retry {
		if !seen[id] {
			delete(w.retry, id) // read in the app, or too old: nothing left to retry
		}
	}
	for start := 0; start < len(due); start += w.BatchSize {
		batch, err := w.withNotifications(sys, now, due[start:min(start+w.BatchSize, len(due))])
		if err != nil {
			return rep, err
		}
		msgs := make([]*Message, len(batch))
		for i, pe := range batch {
			msgs[i] = Compose(pe, w.baseURL, now)
		}
		errs := w.sender.Send(ctx, msgs)
		var sent []int64
		for i, pe := range batch {
			if errs[i] != nil {
				rep.Failed++
				r := w.retry[pe.AgentID]
				r.failures++
				pause := w.RetryMin << min(r.failures-1, 20)
				if pause > w.RetryMax || pause <= 0 {
					pause = w.RetryMax
				}
				r.next = now.Add(pause)
				w.retry[pe.AgentID] = r
				// The agent's id and the error only: no address or name in the logs.
				w.logger.Warn("notifications by email: sending failed, will retry", "agent", pe.AgentID,
					"notifications", len(pe.Notifications), "failures", r.failures, "retry_in", pause, "error", errs[i])
				continue
			}
			rep.Sent++
			delete(w.retry, pe.AgentID)
			for _, n := range pe.Notifications {
				sent = append(sent, n.ID)
			}
		}
		if len(sent) > 0 {
			n, err := w.svc.MarkEmailed(sys, sent)
			rep.Marked += n
			if err != nil {
				// Sent but not marked: they go again at the next look (at least once).
				return rep, err
			}
		}
	}
	return rep, nil
}

// withNotifications reads the notifications of the agents due, and keeps the agents that
// still have some (one may have read them all in the app since).
func (w *Worker) withNotifications(ctx context.Context, now time.Time, due []*passerelles.PendingEmail) ([]*passerelles.PendingEmail, error) {
	ids := make([]int64, len(due))
	for i, pe := range due {
		ids[i] = pe.AgentID
	}
	byAgent, err := w.svc.FindPendingNotifications(ctx, now, ids)
	if err != nil {
		return nil, err
	}
	out := due[:0:0]
	for _, pe := range due {
		if pe.Notifications = byAgent[pe.AgentID]; len(pe.Notifications) > 0 {
			out = append(out, pe)
		}
	}
	return out, nil
}
