package portfolio

import (
	"runtime"
	"sync"

	"github.com/connectedstrategy/connected/internal/num"
)

// chunkSize is the fixed number of units per chunk of a per-unit pass. Sums
// are taken per chunk and the chunk sums merged in chunk order, so a result
// depends on the number of units only, never on GOMAXPROCS or scheduling.
const chunkSize = 1 << 14

// parChunks runs f(c, lo, hi) for every chunk c = [lo, hi) of [0, n), on up
// to GOMAXPROCS goroutines when there are several chunks. f must write only
// to state owned by its chunk.
func parChunks(n int, f func(c, lo, hi int)) {
	nc := (n + chunkSize - 1) / chunkSize
	workers := min(runtime.GOMAXPROCS(0), nc)
	if workers <= 1 {
		for c := 0; c < nc; c++ {
			f(c, c*chunkSize, min(n, (c+1)*chunkSize))
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, nc)
	for c := 0; c < nc; c++ {
		next <- c
	}
	close(next)
	for range workers {
		wg.Go(func() {
			for c := range next {
				f(c, c*chunkSize, min(n, (c+1)*chunkSize))
			}
		})
	}
	wg.Wait()
}

// parSum returns Σ over [0, n) of the per-chunk compensated sums that
// f(lo, hi) returns, merged in chunk order (see chunkSize). *scratch, if not
// nil, holds the per-chunk sums and is reused across calls.
func parSum(n int, scratch *[]float64, f func(lo, hi int) float64) float64 {
	nc := (n + chunkSize - 1) / chunkSize
	var parts []float64
	if scratch != nil {
		parts = *scratch
	}
	if cap(parts) < nc {
		parts = make([]float64, nc)
		if scratch != nil {
			*scratch = parts
		}
	}
	parts = parts[:nc]
	parChunks(n, func(c, lo, hi int) { parts[c] = f(lo, hi) })
	var acc num.Acc
	for _, x := range parts {
		acc.Add(x)
	}
	return acc.Value()
}
