package crawler

import "sync"

// job is one unit of work for a worker.
type job struct {
	fetch *Fetch
}

// Queues of the frontier: in-scope work (pages and resources) and
// external link checks, each drained by its own bounded worker group so a
// slow external host never starves the crawl.
const (
	queueInternal = iota
	queueExternal
	numQueues
)

// frontier is a bounded-worker FIFO: workers block in pop until there is work
// or the crawl is over (every queue empty and no worker busy), or it is
// closed.
type frontier struct {
	mu     sync.Mutex
	cond   *sync.Cond
	queues [numQueues][]job
	heads  [numQueues]int
	active int
	closed bool
}

func newFrontier() *frontier {
	f := &frontier{}
	f.cond = sync.NewCond(&f.mu)
	return f
}

func (f *frontier) push(q int, j job) {
	f.mu.Lock()
	if !f.closed {
		f.queues[q] = append(f.queues[q], j)
		f.cond.Broadcast()
	}
	f.mu.Unlock()
}

// pop returns the next job of queue q, blocking while other workers may
// still add some. ok is false when the crawl is over.
func (f *frontier) pop(q int) (j job, ok bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for {
		if f.closed {
			return job{}, false
		}
		if f.heads[q] < len(f.queues[q]) {
			j = f.queues[q][f.heads[q]]
			f.queues[q][f.heads[q]] = job{}
			f.heads[q]++
			if f.heads[q] > 1024 && f.heads[q]*2 > len(f.queues[q]) {
				f.queues[q] = append([]job(nil), f.queues[q][f.heads[q]:]...)
				f.heads[q] = 0
			}
			f.active++
			return j, true
		}
		if f.active == 0 && f.pendingLocked() == 0 {
			f.closed = true
			f.cond.Broadcast()
			return job{}, false
		}
		f.cond.Wait()
	}
}

// done marks the end of a job taken with pop.
func (f *frontier) done() {
	f.mu.Lock()
	f.active--
	if f.active == 0 {
		f.cond.Broadcast()
	}
	f.mu.Unlock()
}

// close ends the crawl: pending jobs are dropped and pop returns false.
func (f *frontier) close() {
	f.mu.Lock()
	f.closed = true
	f.cond.Broadcast()
	f.mu.Unlock()
}

func (f *frontier) pendingLocked() int {
	n := 0
	for q := range f.queues {
		n += len(f.queues[q]) - f.heads[q]
	}
	return n
}

// pending returns the number of queued jobs.
func (f *frontier) pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.pendingLocked()
}
